using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    [Fact]
    public void IncidentSnapshot_WholeLifecycle_RoundTripsWithSameSlaStatus()
    {
        var original = IncidentThroughLifecycle();

        var restored = Incident.FromSnapshot(RoundTrip(original.ToSnapshot(), out var json));

        AssertSameIncident(original, restored);
        Assert.Contains("\"event\":\"reopened\"", json, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"retargeted\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(IncidentReopened), json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"verb\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"priority\":{", json, StringComparison.Ordinal);
        var retarget = Assert.Single(restored.ResolutionClock!.Events.OfType<SlaClockRetargeted>());
        Assert.Same(SlaRetargetPolicy.Retroactive, retarget.Policy);
        Assert.Same(SlaRetargetPolicy.Retroactive, restored.Sla!.RetargetPolicy);
        Assert.Same(StringComparer.Ordinal, restored.Sla.PausingStates.KeyComparer);
        Assert.True(restored.Facts.Flags.SetEquals(original.Facts.Flags));
        Assert.Equal(original.Decision.Explain(), restored.Decision.Explain());
        Assert.Equal(
            original.History.OfType<IncidentOpened>().Single().Decision.Explain(),
            restored.History.OfType<IncidentOpened>().Single().Decision.Explain());
    }

    [Fact]
    public void IncidentSnapshot_OpenOnHold_RestoredIncidentContinuesLikeTheOriginal()
    {
        var original = OpenIncidentOnHold();
        var restored = Incident.FromSnapshot(RoundTrip(original.ToSnapshot(), out _));
        AssertSameIncident(original, restored);

        // The restored clock must know it is paused (from its events) and resume like the original.
        var at = original.History[^1].At + Duration.FromHours(30);
        foreach (var incident in new[] { original, restored })
        {
            Step(incident.Resume(Agent, at));
            Step(incident.Resolve("vendor fix applied", Agent, at + Duration.FromHours(2)));
        }

        AssertSameIncident(original, restored);
        Assert.Same(SlaRetargetPolicy.Restart, restored.ResolutionClock!.Events.OfType<SlaClockRetargeted>().First().Policy);
    }

    [Fact]
    public void IncidentSnapshot_WithoutSla_OmitsNullMembersAndRoundTrips()
    {
        var original = Incident.Open(Itsm.Core.Common.IncidentId.New(), "Printer jam", Caller, Email, Decision(3, 3), Agent, Monday0900).Value;

        var restored = RoundTrip(original.ToSnapshot(), out var json);

        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sla\"", json, StringComparison.Ordinal);
        Assert.Null(restored.Sla);
        Assert.Null(restored.ResponseClock);
        Assert.Null(restored.Customer);
        Assert.Equal(IncidentFacts.None, restored.Facts);
        Assert.IsType<IncidentSlaNotApplied>(restored.History[1]);
    }

    [Fact]
    public void SlaDefinitionSnapshot_RoundTripsToAnEqualDefinition()
    {
        var original = Sla();

        var restored = SlaDefinition.FromSnapshot(RoundTrip(original.ToSnapshot(), out var json));

        Assert.Equal(original.Id, restored.Id);
        Assert.Equal(original.Customer, restored.Customer);
        Assert.Equal(original.Targets, restored.Targets);
        Assert.Equal(original.WarningThresholds.AsEnumerable(), restored.WarningThresholds.AsEnumerable());
        Assert.Equal(original.PausingStates, restored.PausingStates);
        Assert.Same(StringComparer.Ordinal, restored.PausingStates.KeyComparer);
        Assert.Same(original.RetargetPolicy, restored.RetargetPolicy);
        Assert.Contains("\"retargetPolicy\":\"retroactive\"", json, StringComparison.Ordinal);
        Assert.Contains("\"pausingStates\":[\"AwaitingSupplier\",\"OnHold\",\"awaiting-Approval\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"4\":{\"response\":\"8:00:00\",\"resolution\":\"40:30:00\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void BusinessCalendarSnapshot_RoundTripsToACalendarWithTheSameWorkingTime()
    {
        var original = CalendarDefinition();

        var restored = BusinessCalendarDefinition.FromSnapshot(RoundTrip(original.ToSnapshot(), out var json));

        Assert.Equal(original.Holidays, restored.Holidays);
        Assert.Equal(original.Days.Keys, restored.Days.Keys);
        Assert.Contains("\"Sunday\":[\"20:00-24:00\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"Friday\":[\"09:00-15:00:30\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"2026-03-12\":[\"09:00:00.25-11:00\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"2026-03-11\":[]", json, StringComparison.Ordinal);
        var calendar = BusinessCalendar.FromDefinition(original);
        var again = BusinessCalendar.FromDefinition(restored);
        for (var date = new LocalDate(2026, 2, 23); date < new LocalDate(2027, 1, 10); date = date.PlusDays(1))
        {
            Assert.Equal(original.RangesFor(date).AsEnumerable(), restored.RangesFor(date).AsEnumerable());
        }

        var start = Instant.FromUtc(2026, 3, 1, 7, 13);
        foreach (var hours in new[] { 0, 1, 3, 8, 17, 40, 200, 2000 })
        {
            var from = start + Duration.FromHours(hours * 7);
            var length = Duration.FromHours(hours) + Duration.FromMinutes(hours * 13);
            Assert.Equal(calendar.Add(from, length), again.Add(from, length));
            Assert.Equal(calendar.BusinessTimeBetween(from, from + length), again.BusinessTimeBetween(from, from + length));
        }
    }

    [Fact]
    public void ChangeRequestSnapshot_FailedAndReviewed_RoundTripsToAnEqualChange()
    {
        var original = FailedChangeThroughLifecycle();

        var restored = ChangeRequest.FromSnapshot(RoundTrip(original.ToSnapshot(), out var json));

        AssertSameChange(original, restored);
        Assert.Equal(ChangeStatus.Closed, restored.Status);
        Assert.Equal(3, restored.Decisions.Length);
        Assert.Equal(FailureRemediation.FixedForward, restored.Remediation);
        Assert.True(restored.IsAuthorisedAndImplemented);
        Assert.DoesNotContain("hasTestEvidence", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isPreApproved", json, StringComparison.Ordinal);
        Assert.Contains("\"authority\":\"ChangeAdvisoryBoard\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeRequestSnapshot_ReclassifiedAndRejected_RoundTripsToAnEqualChange()
    {
        var original = RejectedChange();

        var restored = ChangeRequest.FromSnapshot(RoundTrip(original.ToSnapshot(), out _));

        AssertSameChange(original, restored);
        Assert.Equal(ChangeStatus.Rejected, restored.Status);
        Assert.Equal(ChangeType.Normal, restored.Type);
        Assert.Equal("os-patch", restored.Template);
        Assert.NotNull(restored.ReclassificationReason);
        Step(restored.Close(User("bob"), original.RaisedAt + Duration.FromHours(1)));
    }

    [Fact]
    public void ChangeRequestSnapshot_UninitialisedDecisions_IsStoredAsAnEmptyList()
    {
        // A change without decisions: its history agrees with an empty list, which the default array stands for.
        var at = Instant.FromUtc(2026, 11, 23, 8, 0);
        var submitted = ChangeRequest.Raise(
            ChangeId.New(), ChangeType.Normal, "Patch", UserId.From("alice"), [ConfigurationItemId.From("vm-17")], [ConfigurationItemId.From("vm-17")],
            new Interval(at, at + Duration.FromHours(1)), new ChangePlans("steps", "tested", "roll back"), at).Value;
        Assert.True(submitted.Submit(UserId.From("alice"), at).IsSuccess);
        var snapshot = submitted.ToSnapshot() with { Decisions = default };

        var restored = RoundTrip(snapshot, out var json);

        Assert.Contains("\"decisions\":[]", json, StringComparison.Ordinal);
        Assert.Empty(restored.Decisions);
        Assert.Empty(ChangeRequest.FromSnapshot(restored).Decisions);
    }

    [Fact]
    public void ConfigurationItemSnapshot_VendorClassAndEveryAttributeKind_RoundTripsToAnEqualSnapshot()
    {
        var original = Warehouse().ToSnapshot();

        var restored = RoundTrip(original, out var json);

        Assert.Equal(original, restored);
        Assert.Equal("Data-Warehouse", restored.Class.Name);
        Assert.Equal(RedundancyRule.AtLeast(2), restored.Redundancy);
        Assert.Same(StringComparer.Ordinal, restored.Attributes.KeyComparer);
        Assert.Equal(original.Attributes.Keys, restored.Attributes.Keys);
        Assert.Contains("\"memoryGb\":{\"kind\":\"Number\",\"value\":\"512.50\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"warrantyEnd\":{\"kind\":\"Instant\",\"value\":\"2028-06-30T23:59:59.123456789Z\"}", json, StringComparison.Ordinal);
        var item = ConfigurationItem.FromSnapshot(restored);
        Step(item.Update(new ConfigurationItemUpdate(SetAttributes: ImmutableSortedDictionary.Create<string, AttributeValue>(StringComparer.Ordinal).Add("B", AttributeValue.FromFlag(true))), UserId.From("ops"), Instant.FromUtc(2026, 3, 3, 9, 0)));
        Assert.Equal("B", item.Attributes.Keys.First()); // ordinal: upper case first
    }

    [Fact]
    public void ConfigurationItemSnapshot_WellKnownClass_ComesBackAsTheWellKnownClass()
    {
        var original = ConfigurationItem.Register(Itsm.Core.Common.ConfigurationItemId.From("esx-03"), ConfigurationItemClass.Server, "ESX host 3", UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0)).Value.ToSnapshot();

        var restored = RoundTrip(original, out var json);

        Assert.Equal(ConfigurationItemClass.Server, restored.Class);
        Assert.Equal("server", restored.Class.Name);
        Assert.Equal(RedundancyRule.AllRequired, restored.Redundancy);
        Assert.Contains("\"redundancy\":0", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationBaseline_SeveralRelationshipTypes_RoundTripsWithTheSameContentHash()
    {
        var original = Baseline();

        var restored = RoundTrip(original, out var json);

        Assert.Equal(original.ContentHash, restored.ContentHash);
        Assert.True(restored.CompareWith(original.State).IsEmpty);
        Assert.Equal(original.State.Items.Values, restored.State.Items.Values);
        Assert.Equal(original.State.Relationships, restored.State.Relationships);
        Assert.Equal(original.Id, restored.Id);
        Assert.Equal(original.Name, restored.Name);
        Assert.Equal(original.CapturedAt, restored.CapturedAt);
        Assert.Equal(original.CapturedBy, restored.CapturedBy);
        Assert.Contains($"\"contentHash\":\"{original.ContentHash}\"", json, StringComparison.Ordinal);
        var types = restored.State.Relationships.Select(r => r.Type).ToList();
        foreach (var known in RelationshipType.WellKnown)
        {
            Assert.Same(known, types.Single(t => t.Equals(known)));
        }

        var feeds = types.Single(t => t.Equals(Feeds));
        Assert.Equal((ImpactDirection.TargetDependsOnSource, false), (feeds.Direction, feeds.IsContainment));
        var mounted = types.Single(t => t.Equals(MountedIn));
        Assert.Equal(("Mounted In", ImpactDirection.SourceDependsOnTarget, true), (mounted.Name, mounted.Direction, mounted.IsContainment));
    }

    [Fact]
    public void Relationship_OfEachType_RoundTripsToAnEqualRelationship()
    {
        foreach (var original in Baseline().State.Relationships)
        {
            var restored = RoundTrip(original, out _);

            Assert.Equal(original, restored);
            Assert.Equal((original.Type.Direction, original.Type.IsContainment), (restored.Type.Direction, restored.Type.IsContainment));
            Assert.Equal(original.Dependent, restored.Dependent);
        }
    }

    [Fact]
    public void Relationship_VendorMembershipType_WritesIsMembership_AndWellKnownMemberOfDoesNot()
    {
        var nodeOf = RelationshipType.Define("node of", ImpactDirection.TargetDependsOnSource, isContainment: true, isMembership: true);
        var vendor = Relationship.Create(Email, Itsm.Core.Common.ConfigurationItemId.From("pool-1"), nodeOf).Value;
        var member = Relationship.Create(Email, Itsm.Core.Common.ConfigurationItemId.From("pool-1"), RelationshipType.MemberOf).Value;

        var restored = RoundTrip(vendor, out var vendorJson);
        var restoredMember = RoundTrip(member, out var memberJson);

        Assert.Contains("\"isMembership\":true", vendorJson, StringComparison.Ordinal);
        Assert.True(restored.Type.IsMembership);
        Assert.DoesNotContain("isMembership", memberJson, StringComparison.Ordinal);
        Assert.Same(RelationshipType.MemberOf, restoredMember.Type);
    }

    private static Itsm.Core.Common.UserId User(string text) => Itsm.Core.Common.UserId.From(text);

    private static void AssertSameIncident(Incident original, Incident restored)
    {
        Assert.Equal(
            (original.Id, original.Title, original.Caller, original.Service, original.Customer, original.AffectedItem, original.State, original.Assignee, original.Hold),
            (restored.Id, restored.Title, restored.Caller, restored.Service, restored.Customer, restored.AffectedItem, restored.State, restored.Assignee, restored.Hold));
        Assert.Equal(
            (original.Priority, original.OpenedAt, original.ResolvedAt, original.Resolution, original.Problem, original.NextBreachAt),
            (restored.Priority, restored.OpenedAt, restored.ResolvedAt, restored.Resolution, restored.Problem, restored.NextBreachAt));
        Assert.Equal(original.History.Select(e => (e.GetType(), e.At, e.By)), restored.History.Select(e => (e.GetType(), e.At, e.By)));
        Assert.Equal(original.ResolutionClock?.Events.ToArray(), restored.ResolutionClock?.Events.ToArray());
        Assert.Equal(original.ResponseClock?.Events.ToArray(), restored.ResponseClock?.Events.ToArray());
        for (var at = original.OpenedAt - Duration.FromHours(1); at < original.OpenedAt + Duration.FromDays(10); at += Duration.FromMinutes(47))
        {
            Assert.Equal(original.SlaStatus(Calendar, at), restored.SlaStatus(Calendar, at));
        }
    }

    private static void AssertSameChange(ChangeRequest original, ChangeRequest restored)
    {
        Assert.Equal(original.ToString(), restored.ToString());
        Assert.Equal(
            (original.Id, original.Requester, original.PlannedWindow, original.Plans, original.Template, original.RaisedAt, original.Requirement, original.ReclassificationReason),
            (restored.Id, restored.Requester, restored.PlannedWindow, restored.Plans, restored.Template, restored.RaisedAt, restored.Requirement, restored.ReclassificationReason));
        Assert.Equal(
            (original.ImplementationStartedAt, original.ImplementationEndedAt, original.OutcomeNotes, original.Remediation, original.Review),
            (restored.ImplementationStartedAt, restored.ImplementationEndedAt, restored.OutcomeNotes, restored.Remediation, restored.Review));
        Assert.Equal(original.AffectedItems.AsEnumerable(), restored.AffectedItems.AsEnumerable());
        Assert.Equal(original.Decisions.AsEnumerable(), restored.Decisions.AsEnumerable());
        AssertSameHistory(original.History, restored.History);
        Assert.Equal(original.Assessment?.Explain(), restored.Assessment?.Explain());
        Assert.Equal(original.Assessment?.Contributions.ToArray(), restored.Assessment?.Contributions.ToArray());
        Assert.Equal(original.NextStates(), restored.NextStates());
        Assert.Equal(original.HasRequiredApprovals(), restored.HasRequiredApprovals());
        Assert.Equal(original.RequiresReview, restored.RequiresReview);
    }

    /// <summary>
    /// The same events in the same order, with the same actors and instants, the same printed form
    /// and the same stored text (events hold immutable arrays, so record equality would compare references).
    /// </summary>
    internal static void AssertSameHistory(IReadOnlyList<ChangeEvent> expected, IReadOnlyList<ChangeEvent> actual)
    {
        Assert.Equal(expected.Select(e => (e.GetType(), e.Change, e.Actor, e.At)), actual.Select(e => (e.GetType(), e.Change, e.Actor, e.At)));
        Assert.Equal(expected.Select(e => e.ToString()), actual.Select(e => e.ToString()));
        Assert.Equal(expected.Select(SnapshotJson.Serialize), actual.Select(SnapshotJson.Serialize));
    }
}
