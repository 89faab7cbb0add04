using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Application.Tests.Problems;

public sealed class ResolveIncidentWithKnownErrorTests() : InMemoryDispatcherTests(Instant.FromUtc(2026, 3, 2, 9, 0))
{
    private static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    private static readonly ConfigurationItemId Exchange = ConfigurationItemId.From("exchange");
    private static readonly ConfigurationItemId San = ConfigurationItemId.From("san-01");

    private static RequestContext Acme() => new(TenantId.From("acme"), UserId.From("alice"));

    private async Task<T> OkAsync<T>(Task<Result<T>> sent)
    {
        var result = await sent;
        Assert.True(result.IsSuccess, result.Message);
        clock.AdvanceMinutes(5);
        return result.Value;
    }

    private async Task<(ProblemId Problem, KnownErrorId KnownError)> PublishAsync(Instant? validUntil = null)
    {
        var id = (await OkAsync(itsm.SendAsync(new LogProblem(Acme(), "Mail stalls every morning", Email, 2, 2) { Items = [San], Category = "storage" }))).Record.Id;
        await OkAsync(itsm.SendAsync(new InvestigateProblem(Acme(), id)));
        await OkAsync(itsm.SendAsync(new RecordRootCause(Acme(), id, "SAN firmware drops the write cache")));
        await OkAsync(itsm.SendAsync(new RecordWorkaround(Acme(), id, "Fail over to controller B")));
        var published = await OkAsync(itsm.SendAsync(new PublishKnownError(Acme(), id, "Mail freezes at 09:00") { ValidUntil = validUntil }));
        return (id, published.Record.KnownError!.Value);
    }

    private async Task<Versioned<Incident>> OpenAsync(bool assign)
    {
        var opened = await OkAsync(itsm.SendAsync(new OpenIncident(Acme(), "Mail is slow", Email, 2, 2, UserId.From("carol")) { AffectedItem = Exchange, Category = "storage" }));
        return assign ? await OkAsync(itsm.SendAsync(new AssignIncident(Acme(), opened.Record.Id, UserId.From("bob")))) : opened;
    }

    private async Task<IReadOnlyList<string>> AuditedCommandsAsync()
    {
        using var scope = provider.CreateScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(TenantId.From("acme"), 0, 1000, CancellationToken.None)).Select(r => r.Command)];
    }

    [Fact]
    public async Task Resolve_LinksTheIncidentToTheProblem_NotesTheWorkaroundOnce_AndALaterPushReachesNobody()
    {
        var (problem, knownError) = await PublishAsync();
        var incident = await OpenAsync(assign: true);

        var resolved = await OkAsync(itsm.SendAsync(new ResolveIncidentWithKnownError(Acme(), incident.Record.Id, knownError) { ExpectedVersion = incident.Version }));
        var push = await OkAsync(itsm.SendAsync(new PushWorkaround(Acme(), problem)));

        Assert.Equal((IncidentState.Resolved, (ProblemId?)problem), (resolved.Record.State, resolved.Record.Problem));
        Assert.Single(resolved.Record.History.OfType<IncidentWorkaroundApplied>());
        Assert.Contains("Fail over to controller B", resolved.Record.Resolution, StringComparison.Ordinal);
        var stored = (await itsm.QueryAsync(new GetProblem(Acme(), problem))).Value.Record;
        Assert.Equal([incident.Record.Id], stored.Incidents);
        Assert.True(stored.HasReached(incident.Record.Id, stored.WorkaroundRevision));
        Assert.Empty(push.Record.Reached);
        Assert.Contains("ResolveIncidentWithKnownError", await AuditedCommandsAsync());
    }

    [Fact]
    public async Task Resolve_OfANewIncident_IsIllegalAndLinksNothing()
    {
        var (problem, knownError) = await PublishAsync();
        var incident = await OpenAsync(assign: false);

        var refused = await itsm.SendAsync(new ResolveIncidentWithKnownError(Acme(), incident.Record.Id, knownError));

        Assert.Equal((ResultStatus.Conflict, Incident.IllegalTransitionCode), (refused.Status, refused.ErrorCode));
        Assert.Empty((await itsm.QueryAsync(new GetProblem(Acme(), problem))).Value.Record.Incidents);
        Assert.Equal(incident.Version, (await itsm.QueryAsync(new GetIncident(Acme(), incident.Record.Id))).Value.Version);
    }

    [Fact]
    public async Task Resolve_WithAnExpiredOrUnknownKnownError_IsRefusedAndChangesNothing()
    {
        var (_, knownError) = await PublishAsync(validUntil: clock.GetCurrentInstant() + Duration.FromMinutes(30));
        var incident = await OpenAsync(assign: true);
        clock.AdvanceHours(1);

        var expired = await itsm.SendAsync(new ResolveIncidentWithKnownError(Acme(), incident.Record.Id, knownError));
        var unknown = await itsm.SendAsync(new ResolveIncidentWithKnownError(Acme(), incident.Record.Id, KnownErrorId.New()));
        var unnamed = await itsm.SendAsync(new ResolveIncidentWithKnownError(Acme(), incident.Record.Id, default));

        Assert.Equal((ResultStatus.Conflict, ResolveIncidentWithKnownError.NotApplicableCode), (expired.Status, expired.ErrorCode));
        Assert.Equal((ResultStatus.NotFound, "known-error.not-found"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal((ResultStatus.Invalid, "request.required"), (unnamed.Status, unnamed.ErrorCode));
        var stored = (await itsm.QueryAsync(new GetIncident(Acme(), incident.Record.Id))).Value;
        Assert.Equal((incident.Version, IncidentState.Assigned), (stored.Version, stored.Record.State));
    }
}
