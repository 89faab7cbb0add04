using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    public static TheoryData<Type> EventBaseTypes { get; } = [typeof(IncidentEvent), typeof(SlaClockEvent), typeof(ChangeEvent), typeof(Itsm.Core.Problems.ProblemEvent), typeof(Itsm.Core.Problems.KnownErrorEvent), typeof(Itsm.Core.Suppliers.SupplierEvent), typeof(Itsm.Core.Suppliers.ContractEvent)];

    /// <summary>A new event type in Itsm.Core must get a discriminator before it can be stored; none may be reused.</summary>
    [Theory]
    [MemberData(nameof(EventBaseTypes))]
    public void Discriminators_EveryConcreteEventTypeHasOneAndEachIsUnique(Type baseType)
    {
        var concrete = baseType.Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(baseType) && !t.IsAbstract).OrderBy(t => t.Name).ToList();
        var registered = SnapshotContract.Hierarchies[baseType];

        Assert.Equal(concrete, registered.Select(r => r.Type).OrderBy(t => t.Name));
        Assert.Equal(registered.Count, registered.Select(r => r.Discriminator).Distinct(StringComparer.Ordinal).Count());
        Assert.All(registered, r => Assert.Matches("^[a-z]+(-[a-z]+)*$", r.Discriminator));
    }

    [Fact]
    public void Serialize_EventTypeWithoutDiscriminator_ThrowsJsonException()
    {
        ImmutableList<IncidentEvent> history = [new IncidentClosed(Monday0900, Agent), new UnregisteredEvent(Monday0900, Agent)];

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Serialize(history));

        Assert.Contains(nameof(UnregisteredEvent), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeEvents_OfAWholeLifecycle_RoundTripWithTheirDiscriminators()
    {
        var change = FailedChangeThroughLifecycle();
        var rejected = RejectedChange();
        ImmutableArray<ChangeEvent> events = [.. change.Events, .. rejected.Events];

        var restored = RoundTrip(events, out var json);

        Assert.Equal(events.Select(e => (e.GetType(), e.Change, e.Actor, e.At)), restored.Select(e => (e.GetType(), e.Change, e.Actor, e.At)));
        foreach (var name in new[] { "raised", "submitted", "risk-assessed", "approval-recorded", "scheduled", "implementation-started", "failed", "reviewed", "closed", "rejected" })
        {
            Assert.Contains($"\"event\":\"{name}\"", json, StringComparison.Ordinal);
        }

        // The facts a transition causes are in its one record, and come back.
        Assert.Contains("\"approvesChange\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"reclassification\":{\"from\":\"Standard\",\"to\":\"Normal\"", json, StringComparison.Ordinal);
        Assert.Equal(
            events.OfType<ChangeRiskAssessed>().Select(e => e.Reclassification?.Reason),
            restored.OfType<ChangeRiskAssessed>().Select(e => e.Reclassification?.Reason));
    }

    /// <summary>A hash set enumerates in hash order, which differs between processes; the stored text must not.</summary>
    [Fact]
    public void Serialize_HashSet_IsWrittenInOrdinalOrderWhateverTheInsertionOrder()
    {
        var one = new IncidentFacts { Flags = ["vip", "Zeta", "alpha", "board"] };
        var other = new IncidentFacts { Flags = ImmutableHashSet.CreateRange(new[] { "board", "alpha", "vip", "Zeta" }) };

        var json = SnapshotJson.Serialize(one);

        Assert.Equal(json, SnapshotJson.Serialize(other));
        Assert.Contains("\"flags\":[\"Zeta\",\"alpha\",\"board\",\"vip\"]", json, StringComparison.Ordinal);
        Assert.Same(ImmutableHashSet<string>.Empty, SnapshotJson.Deserialize<IncidentFacts>(SnapshotJson.Serialize(IncidentFacts.None)).Flags);
    }

    /// <summary>The codec is used concurrently by every request of a host: the same value gives the same text on every thread.</summary>
    [Fact]
    public void Serialize_ConcurrentCalls_GiveTheSameText()
    {
        var incident = IncidentThroughLifecycle().ToSnapshot();
        var baseline = Baseline();
        var expected = (SnapshotJson.Serialize(incident), SnapshotJson.Serialize(baseline));

        var results = new (string, string)[64];
        Parallel.For(0, results.Length, i =>
            results[i] = (SnapshotJson.Serialize(SnapshotJson.Deserialize<IncidentSnapshot>(expected.Item1)), SnapshotJson.Serialize(SnapshotJson.Deserialize<Itsm.Core.Configuration.ConfigurationBaseline>(expected.Item2))));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Serialize_Scales_AreNumbersAndPoliciesAreNames()
    {
        var decision = Decision(2, 3, new IncidentFacts { IsVipCaller = true });

        var json = SnapshotJson.Serialize(decision);

        Assert.Equal(
            "{\"matrix\":\"ITIL 3x3\",\"impact\":2,\"urgency\":3,\"effectiveUrgency\":2,\"matrixPriority\":3,\"rules\":[{\"rule\":\"vip-caller\",\"change\":\"urgency U3 -> U2\",\"applied\":true}],\"computed\":3}",
            json);
        Assert.Equal("\"keep-elapsed\"", SnapshotJson.Serialize(SlaRetargetPolicy.KeepElapsed));
        Assert.Same(SlaRetargetPolicy.Restart, SnapshotJson.Deserialize<SlaRetargetPolicy>("\"restart\""));
        Assert.Equal("\"4:00:00\"", SnapshotJson.Serialize(Duration.FromHours(4)));
    }

    /// <summary>An event type the codec was never told about.</summary>
    private sealed record UnregisteredEvent(Instant At, UserId By) : IncidentEvent(At, By);
}
