using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.Problems;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Problems and known errors come back from the store with their whole histories, and a stale writer loses.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task ProblemFromLogToClose_ReloadsWithItsWholeHistory_AndItsKnownError()
    {
        var first = await OpenAsync(Acme);
        var second = await OpenAsync(Acme);
        var logged = await Itsm.SendAsync(new LogProblem(As(Acme, "pat"), "Mail keeps stalling", Email, 2, 2) { Items = [ConfigurationItemId.From("san-01")], Category = "storage" });
        Assert.True(logged.IsSuccess, logged.Message);
        var id = logged.Value.Record.Id;
        var steps = new List<(Type What, string Actor, Instant At)> { (typeof(ProblemLogged), "pat", Clock.GetCurrentInstant()) };
        async Task<TAnswer> StepAsync<TEvent, TAnswer>(string actor, Func<RequestContext, Task<Result<TAnswer>>> command)
        {
            Clock.AdvanceMinutes(13);
            var result = await command(As(Acme, actor));
            Assert.True(result.IsSuccess, result.Message);
            steps.Add((typeof(TEvent), actor, Clock.GetCurrentInstant()));
            return result.Value;
        }

        async Task<Versioned<Problem>> ProblemStepAsync<TEvent>(string actor, Func<RequestContext, ProblemCommand> command)
        {
            var answered = await StepAsync<TEvent, Versioned<Problem>>(actor, c => Itsm.SendAsync(command(c)));
            var stored = (await Itsm.QueryAsync(new GetProblem(As(Acme), id))).Value;
            Assert.Equal(stored.Version, answered.Version);
            Assert.Equal(SnapshotJson.Serialize(stored.Record.ToSnapshot()), SnapshotJson.Serialize(answered.Record.ToSnapshot()));
            return answered;
        }

        await ProblemStepAsync<ProblemInvestigationStarted>("pat", c => new InvestigateProblem(c, id));
        await StepAsync<ProblemIncidentLinked, Versioned<Incident>>("pat", c => Itsm.SendAsync(new LinkIncidentToProblem(c, first, id)));
        await StepAsync<ProblemIncidentLinked, Versioned<Incident>>("pat", c => Itsm.SendAsync(new LinkIncidentToProblem(c, second, id)));
        await ProblemStepAsync<ProblemAssigned>("lead", c => new AssignProblem(c, id, UserId.From("pat")));
        await ProblemStepAsync<ProblemRootCauseRecorded>("pat", c => new RecordRootCause(c, id, "SAN firmware drops the write cache"));
        await ProblemStepAsync<ProblemWorkaroundRecorded>("pat", c => new RecordWorkaround(c, id, "Fail over to controller B"));
        var pushed = await StepAsync<ProblemWorkaroundPushed, Versioned<WorkaroundPush>>("pat", c => Itsm.SendAsync(new PushWorkaround(c, id)));
        var published = await ProblemStepAsync<ProblemKnownErrorPublished>("pat", c => new PublishKnownError(c, id, "Mail stalls at 09:00") { ErrorCode = "SAN-0042" });
        await ProblemStepAsync<ProblemResolved>("pat", c => new ResolveProblem(c, id, ProblemResolutionCode.RiskAccepted, "Vendor fix next quarter"));
        await ProblemStepAsync<ProblemClosed>("lead", c => new CloseProblem(c, id));

        var inMemory = (await Itsm.QueryAsync(new GetProblem(As(Acme), id))).Value.Record;
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var reloaded = (await other.QueryAsync(new GetProblem(As(Acme), id))).Value;

        Assert.Equal((ProblemState.Closed, 11L), (reloaded.Record.State, reloaded.Version));
        Assert.Equal(steps, reloaded.Record.History.Select(e => (e.GetType(), e.By.Value, e.At)));
        Assert.Equal(new[] { first, second }, reloaded.Record.Incidents.ToArray());
        Assert.Equal(new[] { first, second }.Order().ToArray(), pushed.Record.Reached.ToArray());
        Assert.Equal(inMemory.History.Select(SnapshotJson.Serialize), reloaded.Record.History.Select(SnapshotJson.Serialize));
        var knownError = (await other.QueryAsync(new GetKnownError(As(Acme), published.Record.KnownError!.Value))).Value.Record;
        Assert.Equal((KnownErrorStatus.Published, "SAN-0042", "Fail over to controller B", (ProblemId?)id), (knownError.Status, knownError.ErrorCode, knownError.Workaround, knownError.Problem));
        foreach (var incident in new[] { first, second })
        {
            var reloadedIncident = (await other.QueryAsync(new GetIncident(As(Acme), incident))).Value.Record;
            Assert.Equal(id, reloadedIncident.Problem);
            Assert.Single(reloadedIncident.History.OfType<IncidentWorkaroundApplied>());
        }

        var foreign = await other.QueryAsync(new GetProblem(As(Globex), id));
        Assert.Equal(ResultStatus.NotFound, foreign.Status);
    }

    [Fact]
    public async Task ProblemCommand_AtAStaleVersion_IsConflictAndChangesNothing()
    {
        var logged = (await Itsm.SendAsync(new LogProblem(As(Acme, "pat"), "Mail keeps stalling", Email, 2, 2))).Value;
        Clock.AdvanceMinutes(1);

        var stale = await Itsm.SendAsync(new InvestigateProblem(As(Acme, "pat"), logged.Record.Id) { ExpectedVersion = logged.Version + 1 });
        var current = await Itsm.SendAsync(new InvestigateProblem(As(Acme, "pat"), logged.Record.Id) { ExpectedVersion = logged.Version });

        Assert.Equal((ResultStatus.Conflict, "problem.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.True(current.IsSuccess, current.Message);
        Assert.Equal((ProblemState.UnderInvestigation, logged.Version + 1), (current.Value.Record.State, current.Value.Version));
        Assert.Single(current.Value.Record.History.OfType<ProblemInvestigationStarted>());
    }

    [Fact]
    public async Task LinkIncidentToProblem_WhenTheProblemIsRefused_LeavesTheIncidentUnlinked()
    {
        var incident = await OpenAsync(Acme);
        var logged = (await Itsm.SendAsync(new LogProblem(As(Acme, "pat"), "Mail keeps stalling", Email, 2, 2))).Value;
        Clock.AdvanceMinutes(1);
        Assert.True((await Itsm.SendAsync(new CancelProblem(As(Acme, "pat"), logged.Record.Id, "raised in error"))).IsSuccess);
        Clock.AdvanceMinutes(1);

        var refused = await Itsm.SendAsync(new LinkIncidentToProblem(As(Acme), incident, logged.Record.Id));

        Assert.Equal((ResultStatus.Conflict, Problem.IllegalTransitionCode), (refused.Status, refused.ErrorCode));
        var stored = (await Itsm.QueryAsync(new GetIncident(As(Acme), incident))).Value;
        Assert.Equal((1L, (ProblemId?)null), (stored.Version, stored.Record.Problem));
    }
}
