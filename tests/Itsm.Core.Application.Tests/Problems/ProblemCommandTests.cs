using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Problems;

public sealed class ProblemCommandTests : IDisposable
{
    private static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("svc-payroll");
    private static readonly ConfigurationItemId Exchange = ConfigurationItemId.From("exchange");
    private static readonly ConfigurationItemId PayrollApp = ConfigurationItemId.From("payroll-app");
    private static readonly ConfigurationItemId San = ConfigurationItemId.From("san-01");
    private static readonly UserId Caller = UserId.From("carol");
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 9, 0));
    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher itsm;

    public ProblemCommandTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = clock);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        itsm = provider.GetRequiredService<IItsmDispatcher>();
    }

    public void Dispose() => provider.Dispose();

    private static RequestContext Acme(string actor = "alice") => new(TenantId.From("acme"), UserId.From(actor));

    private async Task<T> OkAsync<T>(Task<Result<T>> sent)
    {
        var result = await sent;
        Assert.True(result.IsSuccess, result.Message);
        clock.AdvanceMinutes(5);
        return result.Value;
    }

    private Task<Versioned<Problem>> LogAsync(RequestContext? context = null) =>
        OkAsync(itsm.SendAsync(new LogProblem(context ?? Acme(), "Mail and payroll stall every morning", Email, 2, 2) { Items = [San], Category = "storage" }));

    private async Task<IncidentId> OpenAsync(ConfigurationItemId service, ConfigurationItemId item, string title = "Mail is slow") =>
        (await OkAsync(itsm.SendAsync(new OpenIncident(Acme(), title, service, 2, 2, Caller) { AffectedItem = item, Category = "storage" }))).Record.Id;

    private async Task ImportCmdbAsync()
    {
        var imported = await itsm.SendAsync(new ImportConfiguration(
            Acme(),
            [
                new ImportedItem(Email, ConfigurationItemClass.BusinessService, "Email"),
                new ImportedItem(Payroll, ConfigurationItemClass.BusinessService, "Payroll"),
                new ImportedItem(Exchange, ConfigurationItemClass.Application, "Exchange"),
                new ImportedItem(PayrollApp, ConfigurationItemClass.Application, "Payroll app"),
                new ImportedItem(San, ConfigurationItemClass.Storage, "SAN 01"),
            ],
            [
                Relationship.Create(Email, Exchange, RelationshipType.DependsOn).Value,
                Relationship.Create(Payroll, PayrollApp, RelationshipType.DependsOn).Value,
                Relationship.Create(Exchange, San, RelationshipType.DependsOn).Value,
                Relationship.Create(PayrollApp, San, RelationshipType.DependsOn).Value,
            ]));
        Assert.True(imported.IsSuccess, imported.Message);
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(TenantId.From("acme"), 0, 1000, CancellationToken.None);
    }

    [Fact]
    public async Task Lifecycle_FromLogToClose_AnswersEachStateAndAuditsEachCommand()
    {
        var logged = await LogAsync();
        Assert.Equal((ProblemState.Logged, 1L, Priority.FromRank(3)), (logged.Record.State, logged.Version, logged.Record.Priority));
        var id = logged.Record.Id;

        var investigated = await OkAsync(itsm.SendAsync(new InvestigateProblem(Acme(), id) { ExpectedVersion = 1 }));
        var assigned = await OkAsync(itsm.SendAsync(new AssignProblem(Acme(), id, UserId.From("pat"))));
        var rooted = await OkAsync(itsm.SendAsync(new RecordRootCause(Acme(), id, "SAN controller firmware drops the write cache")));
        var worked = await OkAsync(itsm.SendAsync(new RecordWorkaround(Acme(), id, "Fail over to controller B")));
        var published = await OkAsync(itsm.SendAsync(new PublishKnownError(Acme(), id, "Mail and payroll freeze at 09:00") { ErrorCode = "SAN-0042" }));
        var resolved = await OkAsync(itsm.SendAsync(new ResolveProblem(Acme(), id, ProblemResolutionCode.RiskAccepted, "Firmware fix scheduled with the vendor")));
        var closed = await OkAsync(itsm.SendAsync(new CloseProblem(Acme(), id)));

        Assert.Equal(
            [ProblemState.UnderInvestigation, ProblemState.UnderInvestigation, ProblemState.RootCauseKnown, ProblemState.RootCauseKnown, ProblemState.KnownError, ProblemState.Resolved, ProblemState.Closed],
            new[] { investigated, assigned, rooted, worked, published, resolved, closed }.Select(v => v.Record.State));
        Assert.Equal([2L, 3, 4, 5, 6, 7, 8], new[] { investigated, assigned, rooted, worked, published, resolved, closed }.Select(v => v.Version));
        var stored = (await itsm.QueryAsync(new GetProblem(Acme(), id))).Value;
        Assert.Equal((8L, ProblemState.Closed, 8), (stored.Version, stored.Record.State, stored.Record.History.Count));

        var knownError = (await itsm.QueryAsync(new GetKnownError(Acme(), published.Record.KnownError!.Value))).Value.Record;
        Assert.Equal((KnownErrorStatus.Published, "Fail over to controller B", "SAN-0042", (ProblemId?)id), (knownError.Status, knownError.Workaround, knownError.ErrorCode, knownError.Problem));
        Assert.Equal(
            ["LogProblem", "InvestigateProblem", "AssignProblem", "RecordRootCause", "RecordWorkaround", "PublishKnownError", "ResolveProblem", "CloseProblem"],
            (await AuditAsync()).Select(r => r.Command));
    }

    [Fact]
    public async Task ProblemCommand_AtAStaleVersion_IsConflictAndChangesNothing()
    {
        var logged = await LogAsync();
        var audited = (await AuditAsync()).Count;

        var stale = await itsm.SendAsync(new InvestigateProblem(Acme(), logged.Record.Id) { ExpectedVersion = 2 });

        Assert.Equal((ResultStatus.Conflict, "problem.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal((1L, ProblemState.Logged), ((await itsm.QueryAsync(new GetProblem(Acme(), logged.Record.Id))).Value.Version, (await itsm.QueryAsync(new GetProblem(Acme(), logged.Record.Id))).Value.Record.State));
        Assert.Equal(audited, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task IllegalTransition_IsConflictWithTheProblemsCode()
    {
        var logged = await LogAsync();

        var early = await itsm.SendAsync(new RecordRootCause(Acme(), logged.Record.Id, "cache"));

        Assert.Equal((ResultStatus.Conflict, Problem.IllegalTransitionCode), (early.Status, early.ErrorCode));
    }

    [Fact]
    public async Task UnknownProblem_IsNotFound_AndAnotherTenantsProblemIsUnknown()
    {
        var logged = await LogAsync();

        var unknown = await itsm.SendAsync(new InvestigateProblem(Acme(), ProblemId.New()));
        var foreign = await itsm.QueryAsync(new GetProblem(new RequestContext(TenantId.From("globex"), UserId.From("eve")), logged.Record.Id));

        Assert.Equal((ResultStatus.NotFound, "problem.not-found"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal((ResultStatus.NotFound, "problem.not-found"), (foreign.Status, foreign.ErrorCode));
    }

    [Theory]
    [InlineData(0, 2, "problem.impact")]
    [InlineData(2, 9, "problem.urgency")]
    public async Task LogProblem_OutsideTheMatrix_IsInvalidAndStoresNothing(int impact, int urgency, string code)
    {
        var result = await itsm.SendAsync(new LogProblem(Acme(), "Mail stalls", Email, impact, urgency));

        Assert.Equal((ResultStatus.Invalid, code), (result.Status, result.ErrorCode));
        Assert.Empty((await itsm.QueryAsync(new ListProblems(Acme()))).Value);
    }

    [Fact]
    public async Task LinkIncidentToProblem_LinksBothSides_AndAnUnknownProblemLinksNeither()
    {
        var logged = await LogAsync();
        var incident = await OpenAsync(Email, Exchange);

        var unknown = await itsm.SendAsync(new LinkIncidentToProblem(Acme(), incident, ProblemId.New()));
        var linked = await OkAsync(itsm.SendAsync(new LinkIncidentToProblem(Acme(), incident, logged.Record.Id) { ExpectedVersion = 1 }));
        var twice = await itsm.SendAsync(new LinkIncidentToProblem(Acme(), incident, logged.Record.Id));

        Assert.Equal((ResultStatus.NotFound, "problem.not-found"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal((ResultStatus.Conflict, "problem.incident-linked"), (twice.Status, twice.ErrorCode));
        Assert.Equal((logged.Record.Id, 2L), (linked.Record.Problem!.Value, linked.Version));
        var problem = (await itsm.QueryAsync(new GetProblem(Acme(), logged.Record.Id))).Value;
        Assert.Equal(new[] { incident }, problem.Record.Incidents.ToArray());
        Assert.Equal(2L, problem.Version);
    }

    [Fact]
    public async Task PushWorkaround_ReachesEachOpenLinkedIncidentOnce_AndASecondPushStoresNothing()
    {
        var id = (await LogAsync()).Record.Id;
        var open = await OpenAsync(Email, Exchange);
        var other = await OpenAsync(Payroll, PayrollApp, "Payroll is slow");
        var cancelled = await OpenAsync(Email, Exchange, "Mail hangs");
        foreach (var incident in new[] { open, other, cancelled })
        {
            await OkAsync(itsm.SendAsync(new LinkIncidentToProblem(Acme(), incident, id)));
        }

        await OkAsync(itsm.SendAsync(new CancelIncident(Acme(), cancelled, "Raised twice")));
        await OkAsync(itsm.SendAsync(new AssignIncident(Acme(), other, UserId.From("bob"))));
        await OkAsync(itsm.SendAsync(new InvestigateProblem(Acme(), id)));
        await OkAsync(itsm.SendAsync(new RecordWorkaround(Acme(), id, "Fail over to controller B")));

        var first = await OkAsync(itsm.SendAsync(new PushWorkaround(Acme(), id) { Policy = WorkaroundPushPolicy.ResolveWhereAllowed }));
        var audited = (await AuditAsync()).Count;
        var second = await OkAsync(itsm.SendAsync(new PushWorkaround(Acme(), id) { ExpectedVersion = first.Version }));

        Assert.Equal(new[] { open, other }.Order().ToArray(), first.Record.Reached.ToArray());
        Assert.Equal(new[] { other }, first.Record.Resolved.ToArray()); // New may not be resolved; Assigned may
        Assert.Equal(new[] { cancelled }, first.Record.Skipped.ToArray());
        Assert.Empty(second.Record.Reached);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(audited + 1, (await AuditAsync()).Count);
        var incidents = new[] { open, other, cancelled }.Select(i => itsm.QueryAsync(new GetIncident(Acme(), i)).Result.Value.Record).ToList();
        Assert.Equal([1, 1, 0], incidents.Select(i => i.History.OfType<IncidentWorkaroundApplied>().Count()));
        Assert.Equal([IncidentState.New, IncidentState.Resolved, IncidentState.Cancelled], incidents.Select(i => i.State));
    }

    [Fact]
    public async Task ResolveProblemByChange_WithAnUnknownChange_IsNotFound()
    {
        var id = (await LogAsync()).Record.Id;
        await OkAsync(itsm.SendAsync(new InvestigateProblem(Acme(), id)));
        await OkAsync(itsm.SendAsync(new RecordRootCause(Acme(), id, "Firmware")));

        var result = await itsm.SendAsync(new ResolveProblemByChange(Acme(), id, ChangeId.New()));

        Assert.Equal((ResultStatus.NotFound, "change.not-found"), (result.Status, result.ErrorCode));
        Assert.Equal(ProblemState.RootCauseKnown, (await itsm.QueryAsync(new GetProblem(Acme(), id))).Value.Record.State);
    }

    [Fact]
    public async Task MatchKnownErrors_RanksThePublishedKnownErrorOfTheSharedStorage_WithItsReasons()
    {
        await ImportCmdbAsync();
        var id = (await LogAsync()).Record.Id;
        await OkAsync(itsm.SendAsync(new InvestigateProblem(Acme(), id)));
        await OkAsync(itsm.SendAsync(new RecordRootCause(Acme(), id, "SAN controller firmware")));
        var published = await OkAsync(itsm.SendAsync(new PublishKnownError(Acme(), id, "Payroll freezes every morning")));
        var incident = await OpenAsync(Payroll, PayrollApp, "Payroll freezes again");

        var matches = (await itsm.QueryAsync(new MatchKnownErrors(Acme(), incident))).Value;

        var match = Assert.Single(matches);
        Assert.Equal(published.Record.KnownError, match.KnownError.Id);
        Assert.Contains(MatchReason.DependsOnItem, match.Explanation.Factors.Select(f => f.Reason));
        Assert.Contains(MatchReason.SameCategory, match.Explanation.Factors.Select(f => f.Reason));
    }

    [Fact]
    public async Task FindProblemCandidates_GroupsIncidentsOnTwoServicesBehindTheSharedStorage()
    {
        await ImportCmdbAsync();
        var from = clock.GetCurrentInstant();
        var incidents = new[] { await OpenAsync(Email, Exchange), await OpenAsync(Payroll, PayrollApp, "Payroll is slow"), await OpenAsync(Email, Exchange, "Mail hangs") };

        var search = (await itsm.QueryAsync(new FindProblemCandidates(Acme(), new Interval(from, clock.GetCurrentInstant()), Duration.FromHours(1), 3))).Value;

        var candidate = Assert.Single(search.Candidates);
        Assert.Equal(San, candidate.SharedItem);
        Assert.Equal(incidents.Order().ToArray(), candidate.Incidents.ToArray());
    }

    [Fact]
    public async Task GetProblemMeasures_CountsTheLinkedIncidentsAndTheirDowntimeRoundTheClockWithoutAnSla()
    {
        var id = (await LogAsync()).Record.Id;
        var incident = await OpenAsync(Email, Exchange);
        await OkAsync(itsm.SendAsync(new LinkIncidentToProblem(Acme(), incident, id)));
        clock.AdvanceMinutes(50);

        var measured = (await itsm.QueryAsync(new GetProblemMeasures(Acme(), id))).Value;
        var unknown = await itsm.QueryAsync(new GetProblemMeasures(Acme(), ProblemId.New()));

        Assert.Equal((1, 1, Duration.FromMinutes(60), Duration.FromMinutes(60)), (measured.Incidents, measured.OpenIncidents, measured.Downtime, measured.IncidentDowntime));
        Assert.Equal(Duration.FromMinutes(65), measured.Age);
        Assert.Equal((ResultStatus.NotFound, "problem.not-found"), (unknown.Status, unknown.ErrorCode));
    }

    /// <summary>Every problem command gets the shared shape checks from the one generic validator, and only once.</summary>
    [Fact]
    public async Task EveryProblemCommand_WithVersionZero_IsInvalidOnceAndChangesNothing()
    {
        var none = ProblemId.New();
        ProblemCommand[] commands =
        [
            new InvestigateProblem(Acme(), none), new AssignProblem(Acme(), none, Caller), new RecordRootCause(Acme(), none, "SAN firmware"),
            new RecordWorkaround(Acme(), none, "Fail over"), new PublishKnownError(Acme(), none, "Mail freezes"), new ResolveProblemByChange(Acme(), none, ChangeId.New()),
            new ResolveProblem(Acme(), none, ProblemResolutionCode.Fixed, "Patched"), new CloseProblem(Acme(), none), new CancelProblem(Acme(), none, "Duplicate"),
        ];

        foreach (var command in commands)
        {
            var result = await itsm.SendAsync(command with { ExpectedVersion = 0 });

            Assert.Equal(ResultStatus.Invalid, result.Status);
            Assert.Equal(["problem.version"], result.ErrorCodes.ToArray());
        }

        Assert.Empty((await itsm.QueryAsync(new ListProblems(Acme()))).Value);
    }
}
