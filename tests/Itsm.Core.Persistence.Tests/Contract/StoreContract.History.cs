using Itsm.Core.Application;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.Persistence.Tests.Serialization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Nothing accepted is lost: every aggregate comes back from the store with its whole, ordered history.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task ChangeFromRaiseToClose_ReloadsWithItsWholeHistory()
    {
        Assert.True((await Itsm.SendAsync(new GrantChangeAuthority(As(Acme, "bob"), UserId.From("bob"), ChangeAuthority.ChangeManager))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new GrantChangeAuthority(As(Acme, "bob"), UserId.From("cab1"), ChangeAuthority.ChangeAdvisoryBoard))).IsSuccess);
        var steps = new List<(Type What, string Actor, Instant At)>();
        async Task StepAsync<TEvent>(string actor, Func<RequestContext, ChangeCommand> command)
        {
            Clock.AdvanceMinutes(7);
            var result = await Itsm.SendAsync(command(As(Acme, actor)));
            Assert.True(result.IsSuccess, result.Message);
            await AssertAnsweredAsStoredAsync(result.Value);
            steps.Add((typeof(TEvent), actor, Clock.GetCurrentInstant()));
        }

        // Every command answers the change as it stored it, so a caller needs no query after it.
        async Task AssertAnsweredAsStoredAsync(Versioned<ChangeRequestSnapshot> answered)
        {
            var stored = (await Itsm.QueryAsync(new GetChange(As(Acme), answered.Record.Id))).Value;
            Assert.Equal(stored.Version, answered.Version);
            Assert.Equal(SnapshotJson.Serialize(stored.Record), SnapshotJson.Serialize(answered.Record));
        }

        await RegisterItemsAsync(Acme, Email);
        var window = Clock.GetCurrentInstant() + Duration.FromDays(2);
        var raised = await Itsm.SendAsync(new RaiseChange(As(Acme, "rita"), ChangeType.Normal, "Patch mail relay", [Email], new Interval(window, window + Duration.FromHours(1)), new ChangePlans("steps", "tested", "roll back")));
        Assert.True(raised.IsSuccess, raised.Message);
        Assert.Equal(1, raised.Value.Version);
        await AssertAnsweredAsStoredAsync(raised.Value);
        var id = raised.Value.Record.Id;
        steps.Add((typeof(ChangeRaised), "rita", Clock.GetCurrentInstant()));
        await StepAsync<ChangeSubmitted>("rita", c => new SubmitChange(c, id));
        Clock.AdvanceMinutes(7);
        var assessed = await Itsm.SendAsync(new AssessChangeRisk(As(Acme, "bob"), id));
        Assert.True(assessed.IsSuccess, assessed.Message);
        await AssertAnsweredAsStoredAsync(assessed.Value);
        steps.Add((typeof(ChangeRiskAssessed), "bob", Clock.GetCurrentInstant()));
        var requirement = assessed.Value.Record.Requirement!;
        var approver = requirement.Authority == ChangeAuthority.ChangeManager ? "bob" : "cab1";
        Assert.Equal(1, requirement.Quorum);
        await StepAsync<ChangeApprovalRecorded>(approver, c => new ApproveChange(c, id, "low risk, tested"));
        await StepAsync<ChangeScheduled>("bob", c => new ScheduleChange(c, id));
        await StepAsync<ChangeImplementationStarted>("ian", c => new StartImplementation(c, id));
        await StepAsync<ChangeImplemented>("ian", c => new CompleteChange(c, id, "relay patched"));
        await StepAsync<ChangeReviewed>("bob", c => new ReviewChange(c, id, "went as planned"));
        await StepAsync<ChangeClosed>("bob", c => new CloseChange(c, id));

        var inMemory = (await Itsm.QueryAsync(new GetChange(As(Acme), id))).Value.Record.History;
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var reloaded = (await other.QueryAsync(new GetChange(As(Acme), id))).Value.Record;

        Assert.Equal(ChangeStatus.Closed, reloaded.Status);
        Assert.Equal(steps, reloaded.History.Select(e => (e.GetType(), e.Actor.Value, e.At)));
        Assert.All(reloaded.History, e => Assert.Equal(id, e.Change));
        Assert.Equal(assessed.Value.Record.Assessment!.Class, Assert.Single(reloaded.History.OfType<ChangeRiskAssessed>()).Assessment.Class);
        var approval = Assert.Single(reloaded.History.OfType<ChangeApprovalRecorded>()).Decision;
        Assert.Equal((UserId.From(approver), requirement.Authority, "low risk, tested"), (approval.Approver, approval.Authority, approval.Reason));
        SnapshotJsonTests.AssertSameHistory(inMemory, reloaded.History);
        Assert.True(ChangeRequest.Restore(reloaded).IsSuccess);
    }

    [Fact]
    public async Task IncidentFromOpenToClose_ReloadsWithItsWholeHistory()
    {
        await DefineSlaAsync(Acme);
        var id = await OpenAsync(Acme);
        var steps = new List<(Type What, string Actor, Instant At)> { (typeof(IncidentOpened), "alice", Clock.GetCurrentInstant()) };
        async Task StepAsync<TEvent>(string actor, Func<RequestContext, IncidentCommand> command)
        {
            Clock.AdvanceMinutes(11);
            var result = await Itsm.SendAsync(command(As(Acme, actor)));
            Assert.True(result.IsSuccess, result.Message);
            var stored = (await Itsm.QueryAsync(new GetIncident(As(Acme), id))).Value;
            Assert.Equal(stored.Version, result.Value.Version);
            Assert.Equal(SnapshotJson.Serialize(stored.Record.ToSnapshot()), SnapshotJson.Serialize(result.Value.Record.ToSnapshot()));
            steps.Add((typeof(TEvent), actor, Clock.GetCurrentInstant()));
        }

        await StepAsync<IncidentAssigned>("lead", c => new AssignIncident(c, id, UserId.From("bob")));
        await StepAsync<IncidentWorkStarted>("bob", c => new StartIncidentWork(c, id));
        await StepAsync<IncidentPutOnHold>("bob", c => new PutIncidentOnHold(c, id, HoldReason.AwaitingSupplier));
        await StepAsync<IncidentResumed>("bob", c => new ResumeIncident(c, id));
        await StepAsync<IncidentResolved>("bob", c => new ResolveIncident(c, id, "Restarted the relay."));
        await StepAsync<IncidentClosed>("carol", c => new CloseIncident(c, id));

        var inMemory = (await Itsm.QueryAsync(new GetIncident(As(Acme), id))).Value.Record.History;
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var reloaded = (await other.QueryAsync(new GetIncident(As(Acme), id))).Value.Record;

        Assert.Equal(IncidentState.Closed, reloaded.State);
        Assert.Equal(steps, reloaded.History.Select(e => (e.GetType(), e.By.Value, e.At)));
        Assert.Equal(UserId.From("bob"), Assert.Single(reloaded.History.OfType<IncidentAssigned>()).Assignee);
        Assert.Equal(HoldReason.AwaitingSupplier, Assert.Single(reloaded.History.OfType<IncidentPutOnHold>()).Reason);
        Assert.Equal(inMemory.Select(SnapshotJson.Serialize), reloaded.History.Select(SnapshotJson.Serialize));
    }
}

/// <summary>Every change command accepts the version its caller saw.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task ChangeCommand_AtAStaleVersion_IsConflictAndChangesNothing()
    {
        await RegisterItemsAsync(Acme, Email);
        var window = Clock.GetCurrentInstant() + Duration.FromDays(2);
        var raised = (await Itsm.SendAsync(new RaiseChange(As(Acme, "rita"), ChangeType.Normal, "Patch mail relay", [Email], new Interval(window, window + Duration.FromHours(1)), new ChangePlans("steps", "tested", "roll back")))).Value;
        Clock.AdvanceMinutes(1);

        var stale = await Itsm.SendAsync(new SubmitChange(As(Acme, "rita"), raised.Record.Id) { ExpectedVersion = raised.Version + 1 });
        var current = await Itsm.SendAsync(new SubmitChange(As(Acme, "rita"), raised.Record.Id) { ExpectedVersion = raised.Version });

        Assert.Equal((ResultStatus.Conflict, "change.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.True(current.IsSuccess, current.Message);
        Assert.Equal((ChangeStatus.Submitted, raised.Version + 1), (current.Value.Record.Status, current.Value.Version));
        Assert.Single(current.Value.Record.History.OfType<ChangeSubmitted>());
    }
}
