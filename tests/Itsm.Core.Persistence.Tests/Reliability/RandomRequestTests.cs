using System.Globalization;
using System.Reflection;
using System.Text;
using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Tests.Stores;
using Itsm.Core.ServiceLevels;
using Itsm.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Persistence.Tests.Reliability;

/// <summary>
/// Thousands of random, type-correct requests of every kind through <see cref="IItsmDispatcher"/>:
/// nothing may escape as an exception (every response is a <c>Result</c>), and the audit log holds
/// exactly one record per accepted command, in order, in the tenant it was accepted in.
/// </summary>
/// <remarks>
/// The requests come from <see cref="RandomRequests"/> with fixed seeds, after a few valid commands
/// that give the tenant a calendar, an SLA and a small CMDB to hit. <c>ITSM_PROPERTY_RUNS</c> scales
/// the number of requests (<see cref="PropertyRuns.Scaled"/>); <c>ITSM_RANDOM_SEED</c> replays one seed.
/// A failure lists every escaped exception once per root cause (type and throwing method) with the
/// seed, the request's index and the request itself.
/// </remarks>
public abstract partial class RandomRequestContract : IDisposable
{
    private readonly StoreUnderTest store;
    private readonly ServiceProvider provider;
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 9, 0));

    /// <summary>Creates the test over <paramref name="store"/>.</summary>
    protected RandomRequestContract(StoreUnderTest store)
    {
        this.store = store;
        var services = new ServiceCollection();
        store.Use(services.AddItsmCore(options => options.Clock = clock));
        provider = services.BuildServiceProvider();
    }

    /// <summary>Requests per seed when <c>ITSM_PROPERTY_RUNS</c> is not set.</summary>
    protected virtual int RequestsAtDefault => 600;

    /// <inheritdoc />
    public void Dispose()
    {
        provider.Dispose();
        store.Delete();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void TheGenerator_FindsEveryRequestType_AndCanMakeEachOne()
    {
        Assert.True(RandomRequests.RequestTypes.Count >= 40, $"Only {RandomRequests.RequestTypes.Count} request types found.");
        var generator = new RandomRequests(1, [TenantId.From("acme")], () => clock.GetCurrentInstant());
        foreach (var type in RandomRequests.RequestTypes)
        {
            Assert.IsType(type, generator.Request(type));
        }
    }

    [Fact]
    public async Task RandomRequests_NeverThrow_AndTheAuditLogHoldsExactlyTheAcceptedCommands()
    {
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("ITSM_RANDOM_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var only)
            ? [only]
            : new[] { 20261, 20262, 20263 };
        var perSeed = PropertyRuns.Scaled(RequestsAtDefault);
        var escaped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            await RunAsync(seed, perSeed, escaped);
        }

        Assert.True(escaped.Count == 0, $"{escaped.Count} root causes escaped the dispatcher on {store.Name}:\n\n{string.Join("\n\n", escaped.Values)}");
    }

    private async Task RunAsync(int seed, int count, Dictionary<string, string> escaped)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        TenantId[] tenants = [TenantId.From($"acme-{seed}-{tag}"), TenantId.From($"globex-{seed}-{tag}")];
        var generator = new RandomRequests(seed, tenants, () => clock.GetCurrentInstant());
        var dispatcher = provider.GetRequiredService<IItsmDispatcher>();
        var accepted = tenants.ToDictionary(t => t, _ => new List<string>());
        foreach (var setup in Setup(tenants[0]))
        {
            var result = await SendAsync(dispatcher, setup);
            Assert.True(result.IsSuccess, $"{setup.GetType().Name}: {result.Message}");
            accepted[tenants[0]].Add(setup.GetType().Name);
            generator.Learn(result.GetValue());
        }

        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            Tick(random);
            var request = generator.AnyRequest();
            try
            {
                var result = await SendAsync(dispatcher, request);
                Assert.NotNull(result);
                if (result.IsSuccess)
                {
                    generator.Learn(result.GetValue());
                    if (RandomRequests.RequestInterface(request.GetType())!.GetGenericTypeDefinition() == typeof(ICommand<>))
                    {
                        accepted[((IItsmRequest)request).Context.Tenant].Add(request.GetType().Name);
                    }
                }
            }
            catch (Exception e)
            {
                var root = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                var key = $"{root.GetType().Name} in {root.TargetSite?.DeclaringType?.Name}.{root.TargetSite?.Name} from {request.GetType().Name}";
                escaped.TryAdd(key, $"{key}\nseed {seed}, request {i}, at {clock.GetCurrentInstant()}: {Describe(request)}\n{root}");
            }
        }

        var log = provider.GetRequiredService<IAuditLog>();
        foreach (var tenant in tenants)
        {
            var recorded = await AuditedCommandsAsync(log, tenant);
            Assert.True(
                accepted[tenant].SequenceEqual(recorded),
                $"Seed {seed}, tenant {tenant} on {store.Name}: {accepted[tenant].Count} commands accepted, {recorded.Count} audited; first difference at "
                + $"{accepted[tenant].Zip(recorded).TakeWhile(p => p.First == p.Second).Count()}.");
        }
    }

    /// <summary>Moves the clock: mostly forward by minutes, now and then to the calendar's horizon or back.</summary>
    private void Tick(Random random)
    {
        switch (random.Next(200))
        {
            case 0:
                clock.Reset(Instant.FromUtc(2149, 12, 30, 9, 0));
                break;
            case 1:
                clock.Reset(Instant.FromUtc(2026, 3, 2, 9, 0));
                break;
            case 2:
                clock.Reset(clock.GetCurrentInstant() - Duration.FromHours(5));
                break;
            default:
                clock.Advance(Duration.FromMinutes(random.Next(0, 90)));
                break;
        }
    }

    private static async Task<IReadOnlyList<string>> AuditedCommandsAsync(IAuditLog log, TenantId tenant)
    {
        var names = new List<string>();
        var after = 0L;
        while (true)
        {
            var page = await log.ListAsync(tenant, after, 500, CancellationToken.None);
            if (page.Count == 0)
            {
                return names;
            }

            names.AddRange(page.Select(r => r.Command));
            after = page[^1].Sequence;
        }
    }

    /// <summary>Valid commands first, so random requests meet a calendar, an SLA, CIs and a cluster.</summary>
    private static IEnumerable<object> Setup(TenantId tenant)
    {
        var context = new RequestContext(tenant, UserId.From("admin"));
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var calendar = BusinessCalendarDefinition.Create(
            "office", "Europe/London", weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;
        yield return new DefineCalendar(context, CalendarId.From("office"), calendar);
        var targets = Enumerable.Range(1, 5).ToDictionary(p => p, p => new SlaTargets(Duration.FromHours(p), Duration.FromHours(4 * p)));
        yield return new DefineSla(context, SlaDefinition.Create(SlaDefinitionId.From("gold"), "Gold", new SlaScope(ConfigurationItemId.From("svc-email")), CalendarId.From("office"), targets).Value);
        ConfigurationItemId Id(string text) => ConfigurationItemId.From(text);
        yield return new ImportConfiguration(
            context,
            [
                new ImportedItem(Id("svc-email"), ConfigurationItemClass.BusinessService, "E-mail", BusinessCriticality.High),
                new ImportedItem(Id("app-mail"), ConfigurationItemClass.Application, "Mail server"),
                new ImportedItem(Id("cluster-a"), ConfigurationItemClass.Cluster, "Cluster A", Redundancy: RedundancyRule.AtLeast(1)),
                new ImportedItem(Id("srv-1"), ConfigurationItemClass.Server, "Server 1"),
                new ImportedItem(Id("srv-2"), ConfigurationItemClass.Server, "Server 2"),
            ],
            [
                Relationship.Create(Id("svc-email"), Id("app-mail"), RelationshipType.DependsOn).Value,
                Relationship.Create(Id("app-mail"), Id("cluster-a"), RelationshipType.RunsOn).Value,
                Relationship.Create(Id("srv-1"), Id("cluster-a"), RelationshipType.MemberOf).Value,
                Relationship.Create(Id("srv-2"), Id("cluster-a"), RelationshipType.MemberOf).Value,
            ]);
    }

    private static readonly MethodInfo Send = typeof(IItsmDispatcher).GetMethod(nameof(IItsmDispatcher.SendAsync))!;
    private static readonly MethodInfo Query = typeof(IItsmDispatcher).GetMethod(nameof(IItsmDispatcher.QueryAsync))!;

    private static async Task<IResult> SendAsync(IItsmDispatcher dispatcher, object request)
    {
        var contract = RandomRequests.RequestInterface(request.GetType())!;
        var method = (contract.GetGenericTypeDefinition() == typeof(ICommand<>) ? Send : Query).MakeGenericMethod(contract.GetGenericArguments()[0]);
        var task = (Task)method.Invoke(dispatcher, [request, CancellationToken.None])!;
        await task;
        return (IResult)task.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(task)!;
    }

    private static string Describe(object request)
    {
        var text = new StringBuilder();
        try
        {
            text.Append(request);
            foreach (var property in request.GetType().GetProperties().Where(p => p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType)))
            {
                if (property.GetValue(request) is System.Collections.IEnumerable values)
                {
                    text.Append("\n  ").Append(property.Name).Append(": ").AppendJoin("; ", values.Cast<object?>().Take(8));
                }
            }
        }
        catch (Exception e)
        {
            text.Append(request.GetType().Name).Append(" (ToString threw ").Append(e.GetType().Name).Append(')');
        }

        return text.Length > 2000 ? text.ToString(0, 2000) + "..." : text.ToString();
    }
}

/// <summary>Random requests against the in-memory adapters.</summary>
public sealed class InMemoryRandomRequestTests() : RandomRequestContract(new StoreUnderTest.InMemory())
{
    /// <inheritdoc />
    protected override int RequestsAtDefault => 1500;
}

/// <summary>Random requests against a real SQLite file.</summary>
public sealed class SqliteRandomRequestTests() : RandomRequestContract(new StoreUnderTest.Sqlite());

/// <summary>Random requests against a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRandomRequestTests(PostgreSqlServer server) : RandomRequestContract(new StoreUnderTest.PostgreSql(server));
