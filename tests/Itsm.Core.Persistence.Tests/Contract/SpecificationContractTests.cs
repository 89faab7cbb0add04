using System.Reflection;
using Ardalis.Specification;
using Itsm.Core.Application;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Common;
using Itsm.Core.Persistence.PostgreSql;
using Itsm.Core.Persistence.Relational;
using Itsm.Core.Persistence.Sqlite;
using Itsm.Core.Persistence.Tests.Stores;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// The specification contract: every specification type of the product (found by reflection) runs
/// against the in-memory, SQLite and PostgreSQL adapters seeded with the same records, and each must
/// return exactly what Ardalis's in-memory evaluator returns on the seed list: the same records, in
/// the same order, in the same page. A specification that one adapter cannot run cannot ship.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SpecificationContractTests(PostgreSqlServer server, SpecificationStores stores) : IClassFixture<SpecificationStores>
{
    /// <summary>The product assemblies whose specification types the catalogue must cover.</summary>
    public static IReadOnlyList<Assembly> ProductAssemblies { get; } =
    [
        typeof(Failure).Assembly,
        typeof(ServiceCollectionExtensions).Assembly,
        typeof(PersistenceOptions).Assembly,
        typeof(SqlitePersistence).Assembly,
        typeof(PostgreSqlPersistence).Assembly,
    ];

    /// <summary>The catalogue's case names, one test each.</summary>
    public static TheoryData<string> CaseNames => [.. SpecificationCatalogue.Cases.Keys];

    /// <summary>Every concrete specification type in the product assemblies, public or not.</summary>
    public static IReadOnlyList<Type> SpecificationTypes() =>
        [.. ProductAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISpecification<>)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    [Fact]
    public void Catalogue_HasEntriesForEverySpecificationTypeInTheProduct()
    {
        var catalogued = SpecificationCatalogue.Cases.Values.Select(s => s.GetType()).ToHashSet();
        var found = SpecificationTypes();

        Assert.NotEmpty(found);
        var missing = found.Where(t => !catalogued.Contains(t)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, $"Specification types without catalogue entries (add cases to SpecificationCatalogue): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Catalogue_GivesEveryTypeAnEmptyCaseAndAnOrderedCase()
    {
        foreach (var group in SpecificationCatalogue.Cases.GroupBy(c => c.Value.GetType()))
        {
            var counts = group.Select(c => Expected(c.Value).Count).ToList();
            Assert.True(group.Count() >= 3, $"{group.Key.Name} has {group.Count()} cases; give it several.");
            Assert.True(counts.Contains(0), $"{group.Key.Name} has no case with an empty result.");
            Assert.True(counts.Any(n => n >= 3), $"{group.Key.Name} has no case returning three or more records, so its order is untested.");
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Specification_ReturnsWhatArdalisInMemoryEvaluatorReturns_OnEveryStore(string name)
    {
        var specification = SpecificationCatalogue.Cases[name];
        var expected = Expected(specification);

        var mismatches = new List<string>();
        foreach (var store in await stores.SeededAsync(server))
        {
            var actual = await store.ListAsync(specification);
            if (!expected.SequenceEqual(actual))
            {
                mismatches.Add($"{store.Name} returned\n  [{string.Join(", ", actual)}]");
            }
        }

        Assert.True(
            mismatches.Count == 0,
            $"For {name}, Ardalis's in-memory evaluator on the seed list returns\n  [{string.Join(", ", expected)}]\nbut {string.Join("\nand ", mismatches)}");
    }

    /// <summary>The identifiers Ardalis's own evaluator selects from the seed list, in its order.</summary>
    private static List<string> Expected(object specification) => specification switch
    {
        Specification<Core.Incidents.Incident> s => [.. s.Evaluate(SpecificationSeed.Incidents).Select(i => i.Id.ToString())],
        Specification<Core.Changes.ChangeRequestSnapshot> s => [.. s.Evaluate(SpecificationSeed.Changes).Select(c => c.Id.ToString())],
        Specification<Core.Problems.Problem> s => [.. s.Evaluate(SpecificationSeed.Problems).Select(p => p.Id.ToString())],
        Specification<Core.Problems.KnownError> s => [.. s.Evaluate(SpecificationSeed.KnownErrors).Select(k => k.Id.ToString())],
        Specification<Core.ServiceLevels.SlaDefinition> s => [.. s.Evaluate(SpecificationSeed.SlaDefinitions).Select(d => d.Id.ToString())],
        Specification<Core.Suppliers.Supplier> s => [.. s.Evaluate(SupplierSeed.Suppliers).Select(d => d.Id.ToString())],
        Specification<Core.Suppliers.Contract> s => [.. s.Evaluate(SupplierSeed.Contracts).Select(d => d.Id.ToString())],
        Specification<Core.Availability.OutageRecord> s => [.. s.Evaluate(OutageSeed.Outages).Select(o => o.Id.ToString())],
        Specification<Core.Requests.ServiceRequest> s => [.. s.Evaluate(RequestSeed.Requests).Select(r => r.Id.ToString())],
        _ => throw new InvalidOperationException($"The contract has no seed for {specification.GetType().Name}; add its record type to SpecificationSeed and SeededStore."),
    };
}

/// <summary>One store seeded for the specification contract, and how to run a specification on its ports.</summary>
public sealed class SeededStore(string name, ServiceProvider provider)
{
    /// <summary>The store's name in messages.</summary>
    public string Name { get; } = name;

    /// <summary>The services over the store.</summary>
    public ServiceProvider Provider { get; } = provider;

    /// <summary>The tenant the seed belongs to.</summary>
    public static TenantId Tenant { get; } = TenantId.From("spec-contract");

    /// <summary>The other tenant, whose records must never appear.</summary>
    public static TenantId OtherTenant { get; } = TenantId.From("spec-contract-other");

    /// <summary>Stores the seed through the ports.</summary>
    public async Task SeedAsync()
    {
        async Task AddAsync<TPort>(Func<TPort, Task<Result>> add)
            where TPort : notnull
        {
            var scope = Provider.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var added = await add(scope.ServiceProvider.GetRequiredService<TPort>());
                Assert.True(added.IsSuccess, added.Message);
            }
        }

        foreach (var (tenant, incidents, changes, slas) in new[]
        {
            (Tenant, SpecificationSeed.Incidents, SpecificationSeed.Changes, SpecificationSeed.SlaDefinitions),
            (OtherTenant, SpecificationSeed.OtherTenantIncidents, SpecificationSeed.OtherTenantChanges, SpecificationSeed.OtherTenantSlaDefinitions),
        })
        {
            foreach (var incident in incidents)
            {
                await AddAsync<IIncidentRepository>(r => r.AddAsync(tenant, incident, CancellationToken.None));
            }

            foreach (var change in changes)
            {
                await AddAsync<IChangeRepository>(r => r.AddAsync(tenant, Core.Changes.ChangeRequest.FromSnapshot(change), CancellationToken.None));
            }

            foreach (var sla in slas)
            {
                await AddAsync<ISlaDefinitionRepository>(r => r.AddAsync(tenant, sla, CancellationToken.None));
            }
        }

        foreach (var (tenant, problems, knownErrors) in new[]
        {
            (Tenant, SpecificationSeed.Problems, SpecificationSeed.KnownErrors),
            (OtherTenant, SpecificationSeed.OtherTenantProblems, SpecificationSeed.OtherTenantKnownErrors),
        })
        {
            foreach (var problem in problems)
            {
                await AddAsync<IProblemRepository>(r => r.AddAsync(tenant, problem, CancellationToken.None));
            }

            foreach (var knownError in knownErrors)
            {
                await AddAsync<IKnownErrorRepository>(r => r.AddAsync(tenant, knownError, CancellationToken.None));
            }
        }

        foreach (var (tenant, outages) in new[] { (Tenant, OutageSeed.Outages), (OtherTenant, OutageSeed.OtherTenantOutages) })
        {
            foreach (var outage in outages)
            {
                await AddAsync<Application.Availability.IOutageRepository>(r => r.AddAsync(tenant, outage, CancellationToken.None));
            }
        }

        foreach (var (tenant, requests) in new[] { (Tenant, RequestSeed.Requests), (OtherTenant, RequestSeed.OtherTenantRequests) })
        {
            foreach (var request in requests)
            {
                await AddAsync<Application.Requests.IServiceRequestRepository>(r => r.AddAsync(tenant, request, CancellationToken.None));
            }
        }

        foreach (var (tenant, suppliers, contracts) in new[] { (Tenant, SupplierSeed.Suppliers, SupplierSeed.Contracts), (OtherTenant, SupplierSeed.OtherTenantSuppliers, SupplierSeed.OtherTenantContracts) })
        {
            foreach (var supplier in suppliers)
            {
                await AddAsync<ISupplierRepository>(r => r.AddAsync(tenant, supplier, CancellationToken.None));
            }

            foreach (var contract in contracts)
            {
                await AddAsync<IContractRepository>(r => r.AddAsync(tenant, contract, CancellationToken.None));
            }
        }
    }

    /// <summary>Runs <paramref name="specification"/> on the port of its record type; the identifiers in the order returned.</summary>
    public async Task<List<string>> ListAsync(object specification)
    {
        var scope = Provider.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            return specification switch
            {
                IncidentSpecification s => [.. (await services.GetRequiredService<IIncidentRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                ChangeSpecification s => [.. (await services.GetRequiredService<IChangeRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                ProblemSpecification s => [.. (await services.GetRequiredService<IProblemRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                KnownErrorSpecification s => [.. (await services.GetRequiredService<IKnownErrorRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                SlaDefinitionSpecification s => [.. (await services.GetRequiredService<ISlaDefinitionRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                SupplierSpecification s => [.. (await services.GetRequiredService<ISupplierRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                ContractSpecification s => [.. (await services.GetRequiredService<IContractRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                Application.Availability.OutageSpecification s => [.. (await services.GetRequiredService<Application.Availability.IOutageRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                Application.Requests.ServiceRequestSpecification s => [.. (await services.GetRequiredService<Application.Requests.IServiceRequestRepository>().ListAsync(Tenant, s, CancellationToken.None)).Select(v => v.Record.Id.ToString())],
                _ => throw new InvalidOperationException($"The contract cannot run {specification.GetType().Name} on a port; add its port to SeededStore.ListAsync."),
            };
        }
    }
}

/// <summary>The three stores of the specification contract, seeded once for the test class.</summary>
public sealed class SpecificationStores : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<(StoreUnderTest Store, ServiceProvider Provider)> built = [];
    private IReadOnlyList<SeededStore>? seeded;

    /// <summary>The in-memory, SQLite and PostgreSQL stores, seeded on first use.</summary>
    public async Task<IReadOnlyList<SeededStore>> SeededAsync(PostgreSqlServer server)
    {
        await gate.WaitAsync();
        try
        {
            if (seeded is null)
            {
                var stores = new List<SeededStore>();
                foreach (var store in new StoreUnderTest[] { new StoreUnderTest.InMemory(), new StoreUnderTest.Sqlite(), new StoreUnderTest.PostgreSql(server) })
                {
                    var services = new ServiceCollection();
                    store.Use(services.AddItsmCore(options => options.Clock = new FakeClock(SpecificationSeed.T0 + Duration.FromDays(1))));
                    var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
                    built.Add((store, provider));
                    var seededStore = new SeededStore(store.Name, provider);
                    await seededStore.SeedAsync();
                    stores.Add(seededStore);
                }

                seeded = stores;
            }

            return seeded;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (store, provider) in built)
        {
            provider.Dispose();
            store.Delete();
        }

        gate.Dispose();
    }
}
