using System.Collections.Concurrent;
using System.Reflection;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Persistence.Tests.Reliability;

/// <summary>
/// Concurrent writers on the same aggregates (issue 14): nothing escapes, a writer that loses a race
/// gets <c>Conflict</c> and changes nothing instead of overwriting, every accepted command is audited
/// once, and the audit chain and the store still verify.
/// </summary>
public abstract partial class RandomRequestContract
{
    private const int Writers = 6;

    /// <summary>Requests per concurrent writer when <c>ITSM_PROPERTY_RUNS</c> is not set.</summary>
    protected virtual int ConcurrentRequestsAtDefault => 60;

    [Fact]
    public async Task ConcurrentWriters_OnOneIncident_KeepEveryAcceptedChange_AndTheRestGetConflict()
    {
        var tenant = TenantId.From($"race-{Guid.NewGuid():N}"[..20]);
        var dispatcher = provider.GetRequiredService<IItsmDispatcher>();
        foreach (var setup in Setup(tenant))
        {
            Assert.True((await SendAsync(dispatcher, setup)).IsSuccess);
        }

        var context = new RequestContext(tenant, UserId.From("admin"));
        var opened = await dispatcher.SendAsync(new OpenIncident(context, "Mail is down", ConfigurationItemId.From("svc-email"), 2, 2, UserId.From("carol")));
        Assert.True(opened.IsSuccess, opened.Message);
        var incident = opened.Value.Record.Id;
        var perWriter = PropertyRuns.Scaled(10);
        var outcomes = new ConcurrentBag<(UserId Assignee, IResult Result)>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var assignee = UserId.From($"agent-{writer}-{i}");
                outcomes.Add((assignee, await dispatcher.SendAsync(new AssignIncident(context, incident, assignee))));
            }
        })));

        var accepted = outcomes.Where(o => o.Result.IsSuccess).Select(o => o.Assignee).ToHashSet();
        Assert.All(outcomes.Where(o => !o.Result.IsSuccess), o => Assert.Equal(ResultStatus.Conflict, o.Result.Status));
        Assert.NotEmpty(accepted);
        var stored = (await dispatcher.QueryAsync(new GetIncident(context, incident))).Value;
        var assigned = stored.Record.History.OfType<IncidentAssigned>().Select(a => a.Assignee).ToList();
        Assert.Equal(accepted.Count, assigned.Count); // one event per accepted command: none was overwritten
        Assert.True(accepted.SetEquals(assigned));
        Assert.Equal(1 + accepted.Count, stored.Version);
        var audit = await AuditRecordsAsync(tenant);
        Assert.Equal(accepted.Count, audit.Count(r => r.Command == nameof(AssignIncident)));
        AssertVersionChains(audit);
        await AssertVerifiedAsync(dispatcher, tenant);
    }

    [Fact]
    public async Task ConcurrentRandomWriters_OnTheSameAggregates_NeverThrow_LoseNothing_AndTheChainVerifies()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        TenantId[] tenants = [TenantId.From($"hot-{tag}"), TenantId.From($"cold-{tag}")];
        var dispatcher = provider.GetRequiredService<IItsmDispatcher>();
        var accepted = new ConcurrentQueue<(TenantId Tenant, string Command)>();
        var shared = new RandomRequests(7, tenants, () => clock.GetCurrentInstant());
        foreach (var setup in Setup(tenants[0]).Concat(Setup(tenants[1])))
        {
            var result = await SendAsync(dispatcher, setup);
            Assert.True(result.IsSuccess, $"{setup.GetType().Name}: {result.Message}");
            accepted.Enqueue((((IItsmRequest)setup).Context.Tenant, setup.GetType().Name));
        }

        // A few records every writer knows, so that the writers meet on them.
        var hot = new List<object>();
        for (var i = 0; i < 3; i++)
        {
            var opened = await dispatcher.SendAsync(new OpenIncident(new RequestContext(tenants[0], UserId.From("admin")), $"hot {i}", ConfigurationItemId.From("svc-email"), 2, 2, UserId.From("carol")));
            Assert.True(opened.IsSuccess, opened.Message);
            accepted.Enqueue((tenants[0], nameof(OpenIncident)));
            hot.Add(opened.Value);
        }

        var escaped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var perWriter = PropertyRuns.Scaled(ConcurrentRequestsAtDefault);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var generator = new RandomRequests(9000 + writer, tenants, () => clock.GetCurrentInstant());
            hot.ForEach(generator.Learn);
            for (var i = 0; i < perWriter; i++)
            {
                var request = generator.AnyCommand();
                try
                {
                    var result = await SendAsync(dispatcher, request);
                    if (result.IsSuccess)
                    {
                        generator.Learn(result.GetValue());
                        accepted.Enqueue((((IItsmRequest)request).Context.Tenant, request.GetType().Name));
                    }
                }
                catch (Exception e)
                {
                    var root = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                    escaped.TryAdd($"{root.GetType().Name} in {root.TargetSite?.DeclaringType?.Name}.{root.TargetSite?.Name} from {request.GetType().Name}", $"writer {writer}, request {i}: {request}\n{root}");
                }
            }
        })));

        Assert.True(escaped.IsEmpty, $"{escaped.Count} root causes escaped the dispatcher on {store.Name} under concurrent writers:\n\n{string.Join("\n\n", escaped.Values)}");
        foreach (var tenant in tenants)
        {
            var audit = await AuditRecordsAsync(tenant);
            Assert.Equal(
                accepted.Where(a => a.Tenant == tenant).Select(a => a.Command).Order(StringComparer.Ordinal),
                audit.Select(r => r.Command).Order(StringComparer.Ordinal));
            AssertVersionChains(audit);
            await AssertVerifiedAsync(dispatcher, tenant);
        }
    }

    /// <summary>
    /// No lost update, from the audit log alone: the writes of every record, over all accepted commands,
    /// take each version exactly once (v0->v1, v1->v2, ...); two commands that both wrote v3->v4 would
    /// mean one overwrote the other.
    /// </summary>
    private static void AssertVersionChains(IReadOnlyList<AuditRecord> audit)
    {
        foreach (var record in audit.SelectMany(r => r.Writes).GroupBy(w => (w.Aggregate, w.Id)))
        {
            var steps = record.OrderBy(w => w.VersionBefore).ToList();
            for (var k = 0; k < steps.Count; k++)
            {
                var expectedBefore = k == 0 ? steps[0].VersionBefore : steps[k - 1].VersionAfter;
                Assert.True(
                    steps[k].VersionBefore == expectedBefore && steps[k].VersionAfter == steps[k].VersionBefore + 1,
                    $"{record.Key.Aggregate} {record.Key.Id}: writes {string.Join(", ", steps.Select(s => $"v{s.VersionBefore}->v{s.VersionAfter}"))} do not take each version once.");
            }
        }
    }

    private async Task AssertVerifiedAsync(IItsmDispatcher dispatcher, TenantId tenant)
    {
        var context = new RequestContext(tenant, UserId.From("auditor"));
        var chain = await dispatcher.QueryAsync(new VerifyAuditLog(context));
        Assert.True(chain.IsSuccess && chain.Value.IsIntact, $"{store.Name}, {tenant}: {chain.Message} {string.Join("; ", chain.IsSuccess ? chain.Value.Problems : [])}");
        var scan = await dispatcher.QueryAsync(new VerifyStore(context));
        Assert.True(scan.IsSuccess && scan.Value.IsConsistent, $"{store.Name}, {tenant}: {scan.Message} {string.Join("; ", scan.IsSuccess ? scan.Value.Problems : [])}");
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditRecordsAsync(TenantId tenant)
    {
        var scope = provider.CreateAsyncScope();
        await using (scope)
        {
            return await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(tenant, 0, int.MaxValue, CancellationToken.None);
        }
    }
}
