using System.Collections.Immutable;
using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    /// <summary>
    /// Random incidents, driven through random valid and invalid command sequences, round-trip to
    /// identical text at any point of their life, and the restored incident then behaves exactly
    /// like the original: the same commands give the same stored text and the same SLA status.
    /// </summary>
    [Property]
    public void Property_RandomIncidents_RoundTripAndBehaveLikeTheOriginal(IncidentScenario s)
    {
        var at = Monday0900 + Duration.FromMinutes(s.StartMinutes);
        var decision = PriorityPolicy.Default.Decide(Impact.FromLevel(s.Impact), Urgency.FromLevel(s.Urgency), s.Facts).Value;
        var original = Incident.Open(
            IncidentId.New(), "Random incident", Caller, Email, decision, Agent, at, s.Policy is null ? null : Sla(s.Policy), Acme, null, s.Facts).Value;
        var split = s.Steps.Length * s.Split / 100;
        foreach (var step in s.Steps[..split])
        {
            at = Apply(original, step, at);
        }

        original.ProjectSla(Calendar, at);
        var json = SnapshotJson.Serialize(original.ToSnapshot());
        var restoredSnapshot = SnapshotJson.Deserialize<IncidentSnapshot>(json);
        Assert.Equal(json, SnapshotJson.Serialize(restoredSnapshot));
        var restored = Incident.FromSnapshot(restoredSnapshot);

        var continued = at;
        foreach (var step in s.Steps[split..])
        {
            var next = Apply(original, step, continued);
            Assert.Equal(next, Apply(restored, step, continued));
            continued = next;
        }

        Assert.Equal(SnapshotJson.Serialize(original.ToSnapshot()), SnapshotJson.Serialize(restored.ToSnapshot()));
        for (var i = -1; i <= 12; i++)
        {
            var when = original.OpenedAt + ((continued - original.OpenedAt + Duration.FromDays(2)) * i / 12);
            Assert.Equal(original.SlaStatus(Calendar, when), restored.SlaStatus(Calendar, when));
        }
    }

    /// <summary>Applies one random command (legal or not, possibly back in time) and returns the new current instant.</summary>
    private static Instant Apply(Incident incident, (int Op, int Minutes, int Level) step, Instant now)
    {
        now += Duration.FromMinutes(step.Minutes);
        _ = step.Op switch
        {
            0 => incident.Assign(step.Level == 3 ? Lead : Agent, Lead, now),
            1 => incident.StartWork(Agent, now),
            2 => incident.RecordFirstResponse(Agent, now),
            3 => incident.PutOnHold(step.Level == 1 ? HoldReason.AwaitingSupplier : HoldReason.AwaitingCustomer, Agent, now),
            4 => incident.Resume(Agent, now),
            5 => incident.Resolve("done", Agent, now),
            6 => incident.Close(Agent, now),
            7 => incident.Reopen("again", Caller, now),
            8 => incident.Cancel("duplicate", Agent, now),
            9 => incident.ChangePriority(Decision(step.Level, step.Level), "reassessed", Agent, now),
            10 => incident.ChangePriority(Decision(3, step.Level).WithOverride(Priority.FromRank(step.Level), "manager says so", Lead, now).Value, "override", Lead, now),
            11 => incident.LinkToProblem(ProblemId.From(Guid.Parse($"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5{step.Level}")), Agent, now),
            12 => incident.Resolve(null, Agent, now), // invalid: must be refused and change nothing
            _ => incident.Assign(Agent, Agent, now - Duration.FromMinutes(1)), // may go back in time: must be refused
        };
        incident.ProjectSla(Calendar, now);
        return now;
    }

    /// <summary>One generated incident life.</summary>
    public sealed record IncidentScenario(
        int Impact, int Urgency, IncidentFacts Facts, SlaRetargetPolicy? Policy, int StartMinutes, ImmutableArray<(int Op, int Minutes, int Level)> Steps, int Split)
    {
        /// <summary>A readable counter-example.</summary>
        public override string ToString() =>
            $"I{Impact} U{Urgency} vip={Facts.IsVipCaller} major={Facts.IsMajorIncident} policy={Policy?.Name ?? "no SLA"} start=+{StartMinutes}min split={Split}% steps=[{string.Join(", ", Steps.Select(t => $"op{t.Op}+{t.Minutes}m/L{t.Level}"))}]";
    }
}
