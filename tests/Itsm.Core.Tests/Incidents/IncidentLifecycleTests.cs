using System.Collections.Immutable;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Tests.Common;
using Itsm.Testing;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using Result = Ardalis.Result.Result;

namespace Itsm.Core.Tests.Incidents;

/// <summary>The incident transition table, checked against the lifecycle of DOMAIN.md, and random command sequences against the table.</summary>
public sealed class IncidentLifecycleTests
{
    private static readonly IncidentState[] Open = [IncidentState.New, IncidentState.Assigned, IncidentState.InProgress, IncidentState.OnHold];

    /// <summary>Conformance: the state changes of the table are exactly New -> Assigned -> InProgress &lt;-> OnHold -> Resolved -> Closed, reopen and cancel.</summary>
    [Fact]
    public void Table_StateChanges_AreTheDocumentedLifecycle()
    {
        var changes = IncidentLifecycle.Table.Rules.Where(r => r.From != r.To).Select(r => (r.From, r.To)).Distinct().Order().ToList();

        (IncidentState, IncidentState)[] expected =
        [
            (IncidentState.New, IncidentState.Assigned), (IncidentState.New, IncidentState.Cancelled),
            (IncidentState.Assigned, IncidentState.InProgress), (IncidentState.Assigned, IncidentState.Resolved), (IncidentState.Assigned, IncidentState.Cancelled),
            (IncidentState.InProgress, IncidentState.OnHold), (IncidentState.InProgress, IncidentState.Resolved), (IncidentState.InProgress, IncidentState.Cancelled),
            (IncidentState.OnHold, IncidentState.InProgress), (IncidentState.OnHold, IncidentState.Resolved), (IncidentState.OnHold, IncidentState.Cancelled),
            (IncidentState.Resolved, IncidentState.InProgress), (IncidentState.Resolved, IncidentState.Closed),
        ];
        Assert.Equal(expected.Order(), changes);
        Assert.Equal(Open, IncidentLifecycle.OpenStates.ToArray());
        Assert.Equal([IncidentTransition.LinkToProblem], IncidentLifecycle.Table.TransitionsFrom(IncidentState.Closed).ToArray());
        Assert.True(IncidentLifecycle.Table.IsFinal(IncidentState.Cancelled));
    }

    [Fact]
    public void NextStates_ComeFromTheTable()
    {
        var incident = IncidentFixture.Open();
        Assert.Equal([IncidentState.New, IncidentState.Assigned, IncidentState.Cancelled], incident.NextStates());
        Assert.True(incident.Assign(Agent, Agent, Monday0900).IsSuccess);
        Assert.Equal(IncidentLifecycle.Table.NextStates(IncidentState.Assigned), incident.NextStates());
        Assert.Contains(IncidentTransition.StartWork, incident.AllowedTransitions());
        Assert.True(incident.IsOpen);
    }

    /// <summary>Regression (issue 14): linking to a problem ignored time order, and the SLA clock faulted on the next command.</summary>
    [Fact]
    public void LinkToProblem_BeforeTheLatestRecord_IsRefusedAndTheNextCommandStillWorks()
    {
        var incident = IncidentFixture.Open();
        var at = Monday0900 + Duration.FromHours(1);
        Assert.True(incident.Assign(Agent, Agent, at).IsSuccess);
        var before = incident.ToSnapshot();

        var linked = incident.LinkToProblem(ProblemId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")), Agent, at - Duration.FromMinutes(30));

        Assert.Equal(Incident.TimeOrderCode, linked.ErrorCode);
        Assert.Equal(before, incident.ToSnapshot());
        Assert.True(incident.StartWork(Agent, at + Duration.FromMinutes(1)).IsSuccess);
        Assert.True(incident.Resolve("fixed", Agent, at + Duration.FromMinutes(2)).IsSuccess);
        Assert.True(Incident.Restore(incident.ToSnapshot()).IsSuccess);
    }

    [Fact]
    public void Transition_ChecksStateBeforeTimeBeforeInput()
    {
        var incident = IncidentFixture.Open();
        Assert.True(incident.Assign(Agent, Agent, Monday0900 + Duration.FromHours(1)).IsSuccess);

        // Illegal in Assigned, too early and without a reason: the state is reported.
        Assert.Equal(Incident.IllegalTransitionCode, incident.Reopen(null, Agent, Monday0900).ErrorCode);

        // Legal, too early and without a resolution: the time is reported.
        Assert.Equal(Incident.TimeOrderCode, incident.Resolve(null, Agent, Monday0900).ErrorCode);

        // Legal and in time, without a resolution: the input is reported.
        Assert.Equal("incident.resolution", incident.Resolve(null, Agent, Monday0900 + Duration.FromHours(2)).ErrorCode);
    }

    [Fact]
    public void Restore_OpenedAtDisagreeingWithTheOpening_IsInvalidNamingTheIncident()
    {
        var snapshot = IncidentFixture.Open().ToSnapshot();

        var restored = Incident.Restore(snapshot with { OpenedAt = snapshot.OpenedAt - Duration.FromDays(3) });

        var error = Assert.Single(restored.ValidationErrors);
        Assert.Equal(IncidentLifecycle.HistoryCode, error.ErrorCode);
        Assert.Contains($"Stored incident {snapshot.Id} says it was opened at", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Incident.FromSnapshot(snapshot with { OpenedAt = snapshot.OpenedAt - Duration.FromDays(3) }));
    }

    [Theory]
    [InlineData("state", "is Closed, but its history")]
    [InlineData("assignee", "disagrees with its history")]
    [InlineData("illegal", "history record 1 (IncidentWorkStarted by agent at 2026-03-02T09:10:00Z) is not allowed while the incident is New")]
    [InlineData("note", "notes an SLA not applied")]
    public void Restore_HistoryTheTableDoesNotAllow_IsInvalidNamingTheRecord(string broken, string expected)
    {
        var incident = IncidentFixture.Open();
        Assert.True(incident.Assign(Agent, Agent, Monday0900 + Duration.FromMinutes(5)).IsSuccess);
        Assert.True(incident.StartWork(Agent, Monday0900 + Duration.FromMinutes(10)).IsSuccess);
        var snapshot = incident.ToSnapshot();
        var mutated = broken switch
        {
            "state" => snapshot with { State = IncidentState.Closed },
            "assignee" => snapshot with { Assignee = UserId.From("someone-else") },
            "illegal" => snapshot with { History = snapshot.History.RemoveAt(1) },
            _ => snapshot with { History = snapshot.History.Add(new IncidentSlaNotApplied(Monday0900 + Duration.FromMinutes(10), Agent, "why")) },
        };

        var restored = Incident.Restore(mutated);

        Assert.Equal(IncidentLifecycle.HistoryCode, Assert.Single(restored.ValidationErrors).ErrorCode);
        Assert.Contains(expected, restored.ValidationErrors.Single().ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// Random command sequences: every accepted command makes a move the table allows and appends one record
    /// (plus at most an SLA-not-applied note at its instant); every refused one changes nothing and says why in
    /// the table's order (state, then time); and snapshot-then-restore gives an equal incident.
    /// </summary>
    [Property]
    public void RandomCommands_FollowTheTable_RefusalsChangeNothing_AndRestoreIsEqual(LifecycleScript script)
    {
        var incident = Run(script, started: script.Seed >= 2, check: (before, via, at, result, after) =>
        {
            if (result.IsSuccess)
            {
                Assert.True(IncidentLifecycle.Table.Allows(before.State, via, after.State), $"{before.State} -{via}-> {after.State}");
                var added = after.History.Skip(before.History.Count).ToList();
                Assert.Equal(via, IncidentLifecycle.TransitionOf(added[0]));
                Assert.All(added, e => Assert.Equal(at, e.At));
                Assert.True(added.Count == 1 || (added is [_, IncidentSlaNotApplied] && via == IncidentTransition.ChangePriority), string.Join(", ", added));
            }
            else
            {
                LifecycleChecks.Refused(before, after, IncidentLifecycle.Table, before.State, Incident.FromSnapshot(before).AllowedTransitions(), via, at, before.History[^1].At, result, Incident.IllegalTransitionCode, Incident.TimeOrderCode);
            }
        });

        var snapshot = incident.ToSnapshot();
        var restored = Incident.Restore(snapshot);
        Assert.True(restored.IsSuccess, restored.ValidationErrors.FirstOrDefault()?.ErrorMessage);
        Assert.Equal(snapshot, restored.Value.ToSnapshot());
    }

    /// <summary>The table's restore validation refuses a history that was reordered, runs backwards or lost records.</summary>
    [Property]
    public void Restore_RefusesMutatedHistories(LifecycleScript script, HistoryMutation mutation)
    {
        var snapshot = Run(script, (_, _, _, _, _) => { }, started: true).ToSnapshot();
        var history = snapshot.History;

        var restored = Incident.Restore(snapshot with { History = Mutate(history, mutation) });

        Assert.Equal(IncidentLifecycle.HistoryCode, Assert.Single(restored.ValidationErrors).ErrorCode);
    }

    /// <summary>The scripts of <see cref="RandomCommands_FollowTheTable_RefusalsChangeNothing_AndRestoreIsEqual"/> reach every row of the table, or that property proves less than it says.</summary>
    [Fact]
    public void Scripts_ReachEveryRowOfTheTable()
    {
        var reached = new HashSet<TransitionRule<IncidentState, IncidentTransition>>();
        foreach (var script in Arbitraries.LifecycleScripts().Generator.Sample(size: 60, seed: new FsCheck.Rnd(20261202UL), numberOfSamples: Math.Max(PropertyRuns.Runs, 1000)))
        {
            Run(script, started: script.Seed >= 2, check: (before, via, _, result, after) =>
            {
                if (result.IsSuccess)
                {
                    reached.Add(new(before.State, via, after.State));
                }
            });
        }

        Assert.Empty(IncidentLifecycle.Table.Rules.Except(reached));
    }

    internal static ImmutableList<IncidentEvent> Mutate(ImmutableList<IncidentEvent> history, HistoryMutation mutation) =>
        HistoryMutations.Apply(history, mutation, e => e.At, (e, at) => e with { At = at }, DropFromLastStateChange);

    /// <summary>Drops the last record after which the state differs from the state before it, with everything after it.</summary>
    private static ImmutableList<IncidentEvent> DropFromLastStateChange(ImmutableList<IncidentEvent> history)
    {
        var state = IncidentState.New;
        var last = -1;
        for (var k = 1; k < history.Count; k++)
        {
            if (IncidentLifecycle.TransitionOf(history[k]) is { } via)
            {
                var to = IncidentLifecycle.Table.TargetsOf(state, via)[0];
                last = to != state ? k : last;
                state = to;
            }
        }

        return history.RemoveRange(last, history.Count - last);
    }

    /// <summary>
    /// Opens an incident (without an SLA for seed 0), when <paramref name="started"/> assigns it and starts work a minute
    /// apart (so that every mutation applies), then runs the script, calling <paramref name="check"/> after each command.
    /// </summary>
    internal static Incident Run(LifecycleScript script, Action<IncidentSnapshot, IncidentTransition, Instant, Result, IncidentSnapshot> check, bool started = false)
    {
        var incident = IncidentFixture.Open(sla: script.Seed == 0 ? null : Sla);
        var now = Monday0900;
        if (started)
        {
            Assert.True(incident.Assign(Agent, Agent, now += Duration.FromMinutes(1)).IsSuccess);
            Assert.True(incident.StartWork(Agent, now += Duration.FromMinutes(1)).IsSuccess);
        }

        foreach (var step in script.Steps)
        {
            now += Duration.FromMinutes(step.Minutes);
            var at = step.Backwards ? incident.History[^1].At - Duration.FromMinutes(1) : now;
            var before = incident.ToSnapshot();
            var level = Math.Min(step.Level, 3);
            var (via, result) = step.Op switch
            {
                0 => (IncidentTransition.Assign, incident.Assign(UserId.From($"agent{step.Level}"), Agent, at)),
                1 => (IncidentTransition.StartWork, incident.StartWork(Agent, at)),
                2 => (IncidentTransition.RecordFirstResponse, incident.RecordFirstResponse(Agent, at)),
                3 => (IncidentTransition.PutOnHold, incident.PutOnHold(step.Level == 1 ? HoldReason.AwaitingSupplier : HoldReason.AwaitingCustomer, Agent, at)),
                4 => (IncidentTransition.Resume, incident.Resume(Agent, at)),
                5 => (IncidentTransition.Resolve, incident.Resolve("done", Agent, at)),
                6 => (IncidentTransition.Close, incident.Close(Caller, at)),
                7 => (IncidentTransition.Reopen, incident.Reopen("again", Caller, at, step.Level == 4 ? Duration.FromMinutes(30) : null)),
                8 => (IncidentTransition.Cancel, incident.Cancel("duplicate", Agent, at)),
                9 => (IncidentTransition.ChangePriority, incident.ChangePriority(Decision(level, step.Level == 4 ? 3 : level), "reassessed", Agent, at)),
                10 => (IncidentTransition.LinkToProblem, incident.LinkToProblem(ProblemId.From(Guid.Parse($"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5{step.Level}")), Agent, at)),
                11 => (IncidentTransition.Resolve, incident.Resolve(null, Agent, at)),
                12 => (IncidentTransition.Assign, incident.Assign(default, Agent, at)),
                _ when step.Level == 4 => (IncidentTransition.PutOnHold, incident.PutOnHold((HoldReason)99, Agent, at)),
                _ => (IncidentTransition.ApplyWorkaround, incident.ApplyWorkaround(ProblemId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")), step.Level, step.Level == 3 ? " " : "restart the relay", Agent, at)),
            };
            if (result.IsSuccess)
            {
                incident.ProjectSla(OfficeHours, at);
            }

            check(before, via, at, result, incident.ToSnapshot());
        }

        return incident;
    }
}
