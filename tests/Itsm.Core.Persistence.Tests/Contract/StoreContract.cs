using System.Collections.Immutable;
using Itsm.Core.Application;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational;
using Itsm.Core.Persistence.Tests.Stores;
using Itsm.Core.ServiceLevels;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// The persistence contract, written once and run against every store: the in-memory adapters of
/// the application layer (the reference), SQLite and PostgreSQL. Each test gets a fresh store and
/// tenants of its own.
/// </summary>
public abstract partial class StoreContract : IDisposable
{
    private static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("svc-payroll");
    private readonly List<ServiceProvider> providers = [];

    /// <summary>Creates the suite over <paramref name="store"/>.</summary>
    protected StoreContract(StoreUnderTest store)
    {
        Store = store;
        Clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 9, 0)); // Monday 09:00 in London
        Provider = Build();
        Itsm = Provider.GetRequiredService<IItsmDispatcher>();
    }

    /// <summary>The store under test.</summary>
    protected StoreUnderTest Store { get; }

    /// <summary>The clock every command reads.</summary>
    protected FakeClock Clock { get; }

    /// <summary>The clock that stamps when audit records are written.</summary>
    protected FakeClock RecordingClock { get; } = new(Instant.FromUtc(2030, 1, 1, 12, 0));

    /// <summary>The key of the audit chain: a secret of the application, not of the database.</summary>
    protected static byte[] ChainKey { get; } = "the application's audit chain key"u8.ToArray();

    /// <summary>The services over the store.</summary>
    protected ServiceProvider Provider { get; }

    /// <summary>The library's entry point.</summary>
    protected IItsmDispatcher Itsm { get; }

    /// <summary>A tenant of this test alone.</summary>
    protected TenantId Acme { get; } = TenantId.From("acme-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Another tenant of this test alone.</summary>
    protected TenantId Globex { get; } = TenantId.From("globex-" + Guid.NewGuid().ToString("N")[..8]);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }

        Store.Delete();
        GC.SuppressFinalize(this);
    }

    /// <summary>Builds another set of services over the same store (another process or application server, as far as the store can tell).</summary>
    protected ServiceProvider Build(Action<PersistenceOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddTransient<IRequestHandler<FailHalfWay, Result>, FailHalfWayHandler>();
        Store.Use(
            services.AddItsmCore(options =>
            {
                options.Clock = Clock;
                options.RecordingClock = RecordingClock;
                options.AuditChainKey = ChainKey;
            }),
            configure);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        providers.Add(provider);
        return provider;
    }

    /// <summary>Runs <paramref name="use"/> with a port resolved in a scope of its own.</summary>
    protected async Task<TResult> WithAsync<TPort, TResult>(Func<TPort, Task<TResult>> use)
        where TPort : notnull
    {
        var scope = Provider.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await use(scope.ServiceProvider.GetRequiredService<TPort>());
        }
    }

    private protected RequestContext As(TenantId tenant, string actor = "alice") => new(tenant, UserId.From(actor));

    /// <summary>Registers <paramref name="items"/> in the tenant's CMDB: a change is raised only on items the CMDB knows.</summary>
    private async Task RegisterItemsAsync(TenantId tenant, params ConfigurationItemId[] items)
    {
        foreach (var item in items)
        {
            var registered = await Itsm.SendAsync(new RegisterConfigurationItem(As(tenant), item, ConfigurationItemClass.BusinessService, item.Value));
            Assert.True(registered.IsSuccess, registered.Message);
        }
    }

    private protected async Task DefineSlaAsync(TenantId tenant)
    {
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var calendar = BusinessCalendarDefinition.Create(
            "office", "Europe/London", weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))]),
            holidays: [new LocalDate(2026, 4, 3)]).Value;
        var defined = await Itsm.SendAsync(new DefineCalendar(As(tenant, "admin"), CalendarId.From("office"), calendar));
        Assert.True(defined.IsSuccess, defined.Message);
        var targets = new Dictionary<int, SlaTargets>
        {
            [1] = new(Duration.FromHours(1), Duration.FromHours(4)),
            [2] = new(Duration.FromHours(2), Duration.FromHours(8)),
            [3] = new(Duration.FromHours(4), Duration.FromHours(16)),
            [4] = new(Duration.FromHours(8), Duration.FromHours(40)),
            [5] = new(Duration.FromHours(16), Duration.FromHours(80)),
        };
        foreach (var service in new[] { Email, Payroll })
        {
            var sla = SlaDefinition.Create(SlaDefinitionId.From("gold-" + service.Value), "Gold", new SlaScope(service), CalendarId.From("office"), targets, new SlaClockRules { PausedBy = [SlaPause.OnHold] }).Value;
            var added = await Itsm.SendAsync(new DefineSla(As(tenant, "admin"), sla));
            Assert.True(added.IsSuccess, added.Message);
        }
    }

    private protected async Task<IncidentId> OpenAsync(TenantId tenant, int impact = 2, int urgency = 2, ConfigurationItemId? service = null)
    {
        var opened = await Itsm.SendAsync(new OpenIncident(As(tenant), "Mail is not delivered", service ?? Email, impact, urgency, UserId.From("carol")));
        Assert.True(opened.IsSuccess, opened.Message);
        return opened.Value.Record.Id;
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync(TenantId tenant) =>
        WithAsync<IAuditLog, IReadOnlyList<AuditRecord>>(log => log.ListAsync(tenant, 0, 1000, CancellationToken.None));

    private static ConfigurationItemSnapshot Server(string id, int counter = 0) =>
        ConfigurationItem.Register(
            ConfigurationItemId.From(id), ConfigurationItemClass.Server, id, UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0), attributes: [new("counter", AttributeValue.FromNumber(counter))])
        .Value.ToSnapshot();

    private static int Counter(ConfigurationItemSnapshot item) =>
        int.Parse(item.Attributes["counter"].ToString(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task IncidentLifecycle_IsStoredAndRestoredWithItsSlaClocks()
    {
        await DefineSlaAsync(Acme);
        var id = await OpenAsync(Acme, impact: 1, urgency: 2);
        Assert.True((await Itsm.SendAsync(new AssignIncident(As(Acme), id, UserId.From("bob")))).IsSuccess);
        Clock.AdvanceMinutes(10);
        Assert.True((await Itsm.SendAsync(new StartIncidentWork(As(Acme, "bob"), id))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new PutIncidentOnHold(As(Acme, "bob"), id, HoldReason.AwaitingCustomer))).IsSuccess);
        Clock.AdvanceHours(3);
        Assert.True((await Itsm.SendAsync(new ResumeIncident(As(Acme, "bob"), id))).IsSuccess);
        Clock.AdvanceMinutes(20);

        // Another provider over the same store: what it reads came from the store, not from memory.
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var stored = (await other.QueryAsync(new GetIncident(As(Acme), id))).Value;
        Assert.Equal(IncidentState.InProgress, stored.Record.State);
        Assert.Equal(Priority.FromRank(2), stored.Record.Priority);
        Assert.Equal(UserId.From("bob"), stored.Record.Assignee);
        Assert.Equal(5, stored.Version);
        var status = (await other.QueryAsync(new GetSlaStatus(As(Acme), id))).Value;
        Assert.Equal(Duration.FromMinutes(30), status.Resolution!.Elapsed); // three hours on hold do not count
        Assert.Equal(SlaClockState.Met, status.Response!.State);
    }

    [Fact]
    public async Task ListIncidents_FiltersOrdersAndPagesLikeTheReference()
    {
        await DefineSlaAsync(Acme);
        var opened = new List<(IncidentId Id, int Impact, ConfigurationItemId Service)>();
        for (var i = 0; i < 12; i++)
        {
            var impact = 1 + (i % 3);
            var service = i % 2 == 0 ? Email : Payroll;
            opened.Add((await OpenAsync(Acme, impact, 2, service), impact, service));
            Clock.AdvanceMinutes(7);
        }

        Assert.True((await Itsm.SendAsync(new AssignIncident(As(Acme), opened[4].Id, UserId.From("bob")))).IsSuccess);
        await OpenAsync(Globex);

        async Task<List<IncidentId>> ListAsync(ListIncidents query) =>
            [.. (await Itsm.QueryAsync(query)).Value.Select(v => v.Record.Id)];

        Assert.Equal(opened.Select(o => o.Id), await ListAsync(new ListIncidents(As(Acme))));
        Assert.Equal(opened.Where(o => o.Service == Payroll).Select(o => o.Id), await ListAsync(new ListIncidents(As(Acme)) { Service = Payroll }));
        Assert.Equal(opened.Skip(3).Take(4).Select(o => o.Id), await ListAsync(new ListIncidents(As(Acme)) { Skip = 3, Take = 4 }));
        Assert.Equal([opened[4].Id], await ListAsync(new ListIncidents(As(Acme)) { Assignee = UserId.From("bob") }));
        Assert.Equal([opened[4].Id], await ListAsync(new ListIncidents(As(Acme)) { States = [IncidentState.Assigned] }));
        Assert.Empty(await ListAsync(new ListIncidents(As(Acme)) { States = [] }));

        var all = (await Itsm.QueryAsync(new ListIncidents(As(Acme)))).Value.Select(v => v.Record).ToList();
        var p2 = all.Where(i => i.Priority == Priority.FromRank(2)).Select(i => i.Id);
        Assert.Equal(p2, await ListAsync(new ListIncidents(As(Acme)) { Priority = 2 }));

        var horizon = Clock.GetCurrentInstant() + Duration.FromHours(2);
        var breaching = all.Where(i => i.NextBreachAt < horizon).OrderBy(i => i.NextBreachAt).ThenBy(i => i.Id).Select(i => i.Id).ToList();
        Assert.NotEmpty(breaching);
        Assert.NotEqual(all.Count, breaching.Count);
        Assert.Equal(breaching, await ListAsync(new ListIncidents(As(Acme)) { BreachingBefore = horizon }));
    }

    [Fact]
    public async Task FailedCommand_LeavesNothingBehind()
    {
        var failed = await Itsm.SendAsync(new FailHalfWay(As(Acme), Throw: false));
        Assert.Equal(ResultStatus.Conflict, failed.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Itsm.SendAsync(new FailHalfWay(As(Acme), Throw: true)));

        foreach (var id in FailHalfWayHandler.Written)
        {
            Assert.Null(await WithAsync<IConfigurationItemRepository, Versioned<ConfigurationItemSnapshot>?>(items => items.GetAsync(Acme, id, CancellationToken.None)));
        }

        Assert.Equal(0, await WithAsync<IRelationshipRepository, long>(r => r.RevisionAsync(Acme, CancellationToken.None)));
        Assert.Empty(await AuditAsync(Acme));

        // The store is still usable after the rolled-back work.
        var registered = await Itsm.SendAsync(new RegisterConfigurationItem(As(Acme), FailHalfWayHandler.Written[0], ConfigurationItemClass.Server, "half-1"));
        Assert.True(registered.IsSuccess, registered.Message);
        Assert.Single(await AuditAsync(Acme));
    }

    [Fact]
    public async Task StaleVersion_IsConflictAndChangesNothing()
    {
        Assert.True((await WithAsync<IConfigurationItemRepository, Result>(r => r.AddAsync(Acme, Server("srv-1"), CancellationToken.None))).IsSuccess);
        Assert.True((await WithAsync<IConfigurationItemRepository, Result>(r => r.UpdateAsync(Acme, Server("srv-1", 1), 1, CancellationToken.None))).IsSuccess);

        var stale = await WithAsync<IConfigurationItemRepository, Result>(r => r.UpdateAsync(Acme, Server("srv-1", 99), 1, CancellationToken.None));
        var missing = await WithAsync<IConfigurationItemRepository, Result>(r => r.UpdateAsync(Acme, Server("srv-404"), 1, CancellationToken.None));
        var duplicate = await WithAsync<IConfigurationItemRepository, Result>(r => r.AddAsync(Acme, Server("srv-1", 7), CancellationToken.None));

        Assert.Equal((ResultStatus.Conflict, "record.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal((ResultStatus.NotFound, "record.not-found"), (missing.Status, missing.ErrorCode));
        Assert.Equal((ResultStatus.Conflict, "record.exists"), (duplicate.Status, duplicate.ErrorCode));
        var stored = await WithAsync<IConfigurationItemRepository, Versioned<ConfigurationItemSnapshot>?>(r => r.GetAsync(Acme, ConfigurationItemId.From("srv-1"), CancellationToken.None));
        Assert.Equal(2, stored!.Version);
        Assert.Equal(AttributeValue.FromNumber(1), stored.Record.Attributes["counter"]);
    }

    [Fact]
    public async Task ParallelWriters_LoseNoUpdate()
    {
        const int Writers = 6;
        const int IncrementsEach = 5;
        Assert.True((await WithAsync<IConfigurationItemRepository, Result>(r => r.AddAsync(Acme, Server("srv-hot"), CancellationToken.None))).IsSuccess);
        var conflicts = 0;

        async Task WriterAsync()
        {
            for (var done = 0; done < IncrementsEach;)
            {
                var result = await WithAsync<IConfigurationItemRepository, Result>(async items =>
                {
                    var current = (await items.GetAsync(Acme, ConfigurationItemId.From("srv-hot"), CancellationToken.None))!;
                    var counter = Counter(current.Record);
                    return await items.UpdateAsync(Acme, Server("srv-hot", counter + 1), current.Version, CancellationToken.None);
                });
                if (result.IsSuccess)
                {
                    done++;
                }
                else
                {
                    Assert.Equal(ResultStatus.Conflict, result.Status);
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriterAsync)));

        var final = (await WithAsync<IConfigurationItemRepository, Versioned<ConfigurationItemSnapshot>?>(r => r.GetAsync(Acme, ConfigurationItemId.From("srv-hot"), CancellationToken.None)))!;
        Assert.Equal(Writers * IncrementsEach, Counter(final.Record));
        Assert.Equal(1 + (Writers * IncrementsEach), final.Version);
    }

    [Fact]
    public async Task ParallelCommands_GetDistinctIncreasingAuditSequences()
    {
        const int Commands = 16;
        var results = await Task.WhenAll(Enumerable.Range(0, Commands).Select(i => Task.Run(() =>
            Itsm.SendAsync(new RegisterConfigurationItem(As(Acme), ConfigurationItemId.From($"srv-{i:00}"), ConfigurationItemClass.Server, $"server {i}")))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Message));
        var audit = await AuditAsync(Acme);
        Assert.Equal(Enumerable.Range(1, Commands).Select(i => (long)i), audit.Select(r => r.Sequence));
        Assert.Equal(Commands, audit.Select(r => r.Details).Distinct().Count());
        Assert.Equal(Commands, await WithAsync<IRelationshipRepository, long>(r => r.RevisionAsync(Acme, CancellationToken.None)));
    }

    [Fact]
    public async Task OtherTenant_CanNeitherReadNorChangeWithAGuessedId()
    {
        await DefineSlaAsync(Acme);
        var incident = await OpenAsync(Acme);
        await RegisterItemsAsync(Acme, Email);
        var change = await Itsm.SendAsync(new RaiseChange(As(Acme), ChangeType.Normal, "Patch mail relay", [Email], new Interval(Clock.GetCurrentInstant() + Duration.FromDays(2), Clock.GetCurrentInstant() + Duration.FromDays(2) + Duration.FromHours(1)), new ChangePlans("steps", "tested", "roll back")));
        Assert.True(change.IsSuccess, change.Message);
        var baseline = await Itsm.SendAsync(new CaptureBaseline(As(Acme), "before"));
        Assert.True(baseline.IsSuccess, baseline.Message);
        var globex = As(Globex, "mallory");

        Assert.Equal(ResultStatus.NotFound, (await Itsm.QueryAsync(new GetIncident(globex, incident))).Status);
        Assert.Equal(ResultStatus.NotFound, (await Itsm.SendAsync(new CancelIncident(globex, incident, "mine now"))).Status);
        Assert.Empty((await Itsm.QueryAsync(new ListIncidents(globex))).Value);
        Assert.Null(await WithAsync<IChangeRepository, Versioned<ChangeRequest>?>(r => r.GetAsync(Globex, change.Value.Record.Id, CancellationToken.None)));
        Assert.Empty(await WithAsync<IChangeRepository, IReadOnlyList<Versioned<ChangeRequestSnapshot>>>(r => r.ListAsync(Globex, new ChangesByWindowStart(), CancellationToken.None)));
        Assert.Null(await WithAsync<IBaselineRepository, Versioned<ConfigurationBaseline>?>(r => r.GetAsync(Globex, baseline.Value, CancellationToken.None)));
        Assert.Null(await WithAsync<ICalendarRepository, Versioned<BusinessCalendarDefinition>?>(r => r.GetAsync(Globex, CalendarId.From("office"), CancellationToken.None)));
        Assert.Empty(await WithAsync<ICalendarRepository, IReadOnlyList<CalendarId>>(r => r.ListIdsAsync(Globex, CancellationToken.None)));
        Assert.Null(await WithAsync<ISlaDefinitionRepository, Versioned<SlaDefinition>?>(r => r.GetAsync(Globex, SlaDefinitionId.From("gold-svc-email"), CancellationToken.None)));
        Assert.Empty(await AuditAsync(Globex));

        // Globex may use the same identifiers for records of its own without touching Acme's.
        Assert.True((await Itsm.SendAsync(new DefineCalendar(As(Globex), CalendarId.From("office"), BusinessCalendarDefinition.Create("globex", "UTC", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Monday] = [WorkingRange.Between(new LocalTime(8, 0), new LocalTime(9, 0))] }).Value))).IsSuccess);
        var acmeCalendar = await WithAsync<ICalendarRepository, Versioned<BusinessCalendarDefinition>?>(r => r.GetAsync(Acme, CalendarId.From("office"), CancellationToken.None));
        Assert.Equal("office", acmeCalendar!.Record.Name);
        Assert.Equal(IncidentState.New, (await Itsm.QueryAsync(new GetIncident(As(Acme), incident))).Value.Record.State);
    }

    [Fact]
    public async Task Changes_AreQueriedByItemWindowStatusAndImplementation()
    {
        var start = Clock.GetCurrentInstant() + Duration.FromDays(1);
        async Task<ChangeId> RaiseAsync(string title, ConfigurationItemId[] items, int dayOffset)
        {
            var from = start + Duration.FromDays(dayOffset);
            var raised = await Itsm.SendAsync(new RaiseChange(As(Acme, "rita"), ChangeType.Normal, title, items, new Interval(from, from + Duration.FromHours(2)), new ChangePlans("steps", "tested", "roll back")));
            Assert.True(raised.IsSuccess, raised.Message);
            Clock.AdvanceMinutes(1);
            return raised.Value.Record.Id;
        }

        await RegisterItemsAsync(Acme, Email, Payroll);
        var a = await RaiseAsync("mail", [Email], 0);
        var b = await RaiseAsync("payroll", [Payroll], 1);
        var c = await RaiseAsync("both", [Email, Payroll], 2);
        Assert.True((await Itsm.SendAsync(new SubmitChange(As(Acme, "rita"), b))).IsSuccess);

        async Task<List<ChangeId>> ListAsync(ChangeSpecification specification) =>
            [.. (await WithAsync<IChangeRepository, IReadOnlyList<Versioned<ChangeRequestSnapshot>>>(r => r.ListAsync(Acme, specification, CancellationToken.None))).Select(v => v.Record.Id)];

        Assert.Equal([a, c], await ListAsync(new ChangesByWindowStart(items: [Email])));
        Assert.Equal([c, b, a], await ListAsync(new ChangesNewestFirst()));
        Assert.Equal([b], await ListAsync(new ChangesByWindowStart(statuses: [ChangeStatus.Submitted])));
        Assert.Equal([b, c], await ListAsync(new ChangesOverlapping(Enum.GetValues<ChangeStatus>(), new Interval(start + Duration.FromDays(1) + Duration.FromHours(1), start + Duration.FromDays(3)))));
        Assert.Equal([a, b, c], await ListAsync(new ChangesByWindowStart(requester: UserId.From("rita"))));
        Assert.Equal([b], await ListAsync(new ChangesByWindowStart(page: PageRequest.Of(1, 1))));
        Assert.Empty(await ListAsync(new ChangesImplementedBetween([Email, Payroll], start - Duration.FromDays(10), start + Duration.FromDays(10))));
        Assert.Empty(await ListAsync(new ChangesByWindowStart(items: [])));
    }

    [Fact]
    public async Task Cmdb_ImportRelationshipsAndBaselines_RoundTrip()
    {
        ConfigurationItemId Id(string id) => ConfigurationItemId.From(id);
        var items = Enumerable.Range(0, 300).Select(i => new ImportedItem(Id($"vm-{i:000}"), ConfigurationItemClass.VirtualMachine, $"vm {i}"))
            .Append(new ImportedItem(Email, ConfigurationItemClass.BusinessService, "Email", BusinessCriticality.Critical))
            .Append(new ImportedItem(Id("cluster"), ConfigurationItemClass.Cluster, "cluster", Redundancy: RedundancyRule.AtLeast(2)))
            .ToList();
        var edges = Enumerable.Range(0, 300).Select(i => Relationship.Create(Email, Id($"vm-{i:000}"), RelationshipType.DependsOn).Value)
            .Concat(Enumerable.Range(1, 3).Select(k => Relationship.Create(Id($"vm-00{k}"), Id("cluster"), RelationshipType.MemberOf).Value))
            .Append(Relationship.Create(Id("vm-000"), Id("cluster"), RelationshipType.HostedOn).Value)
            .ToList();
        var imported = await Itsm.SendAsync(new ImportConfiguration(As(Acme), items, edges));
        Assert.True(imported.IsSuccess, imported.Message);

        var storedItems = await WithAsync<IConfigurationItemRepository, IReadOnlyList<Versioned<ConfigurationItemSnapshot>>>(r => r.ListAsync(Acme, CancellationToken.None));
        Assert.Equal(items.Select(i => i.Id).Order(), storedItems.Select(v => v.Record.Id));
        Assert.Equal(RedundancyRule.AtLeast(2), storedItems.Single(v => v.Record.Id == Id("cluster")).Record.Redundancy);
        var storedEdges = await WithAsync<IRelationshipRepository, IReadOnlyList<Relationship>>(r => r.ListAsync(Acme, CancellationToken.None));
        Assert.Equal(edges.Order(RelationshipOrder.Instance), storedEdges);

        var duplicate = await WithAsync<IRelationshipRepository, Result>(r => r.AddAsync(Acme, edges[0], CancellationToken.None));
        Assert.Equal(ResultStatus.Conflict, duplicate.Status);
        Assert.True((await WithAsync<IRelationshipRepository, Result>(r => r.RemoveAsync(Acme, edges[1], CancellationToken.None))).IsSuccess);
        Assert.Equal(ResultStatus.NotFound, (await WithAsync<IRelationshipRepository, Result>(r => r.RemoveAsync(Acme, edges[1], CancellationToken.None))).Status);

        var baseline = await Itsm.SendAsync(new CaptureBaseline(As(Acme), "after import"));
        Assert.True(baseline.IsSuccess, baseline.Message);
        var captured = (await WithAsync<IBaselineRepository, Versioned<ConfigurationBaseline>?>(r => r.GetAsync(Acme, baseline.Value, CancellationToken.None)))!;
        Assert.Equal(items.Count, captured.Record.State.Items.Count);
        Assert.Equal(edges.Count - 1, captured.Record.State.Relationships.Count);
        var current = ConfigurationState.Create(storedItems.Select(v => v.Record), storedEdges.Where(e => e != edges[1])).Value;
        Assert.Equal(current.ContentHash, captured.Record.ContentHash);

        var impact = await Itsm.QueryAsync(new AnalyseImpact(As(Acme), [Id("cluster")]));
        Assert.True(impact.IsSuccess, impact.Message);
    }

    [Fact]
    public async Task SlaDefinitions_ApplicableOnesComeCustomerSpecificFirst()
    {
        await DefineSlaAsync(Acme);
        var customer = CustomerId.From("bigco");
        var targets = new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(1), Duration.FromHours(2)) };
        var specific = SlaDefinition.Create(SlaDefinitionId.From("a-bigco-email"), "BigCo", new SlaScope(Email, customer), CalendarId.From("office"), targets).Value;
        Assert.True((await Itsm.SendAsync(new DefineSla(As(Acme), specific))).IsSuccess);

        var forBigCo = await WithAsync<ISlaDefinitionRepository, IReadOnlyList<Versioned<SlaDefinition>>>(r => r.ListAsync(Acme, new ApplicableSlaDefinitions(Email, customer), CancellationToken.None));
        var forOthers = await WithAsync<ISlaDefinitionRepository, IReadOnlyList<Versioned<SlaDefinition>>>(r => r.ListAsync(Acme, new ApplicableSlaDefinitions(Email, null), CancellationToken.None));

        Assert.Equal(["a-bigco-email", "gold-svc-email"], forBigCo.Select(d => d.Record.Id.Value));
        Assert.Equal(["gold-svc-email"], forOthers.Select(d => d.Record.Id.Value));
        Assert.Equal(Duration.FromHours(2), forBigCo[0].Record.TargetsFor(1).Value.Resolution);
    }

    [Fact]
    public async Task BulkAdd_IsAllOrNothing()
    {
        ConfigurationItemId Id(string id) => ConfigurationItemId.From(id);
        var many = Enumerable.Range(0, 1234).Select(i => Server($"bulk-{i:0000}")).ToList();
        Assert.True((await WithAsync<IConfigurationItemRepository, Result>(r => r.AddRangeAsync(Acme, many, CancellationToken.None))).IsSuccess);
        var revision = await WithAsync<IRelationshipRepository, long>(r => r.RevisionAsync(Acme, CancellationToken.None));

        var clash = await WithAsync<IConfigurationItemRepository, Result>(r => r.AddRangeAsync(Acme, [Server("fresh"), Server("bulk-0007")], CancellationToken.None));
        var edges = Enumerable.Range(1, 700).Select(i => Relationship.Create(Id("bulk-0000"), Id($"bulk-{i:0000}"), RelationshipType.DependsOn).Value).ToList();
        Assert.True((await WithAsync<IRelationshipRepository, Result>(r => r.AddRangeAsync(Acme, edges, CancellationToken.None))).IsSuccess);
        var edgeClash = await WithAsync<IRelationshipRepository, Result>(r => r.AddRangeAsync(Acme, [Relationship.Create(Id("bulk-0001"), Id("bulk-0002"), RelationshipType.DependsOn).Value, edges[5]], CancellationToken.None));

        Assert.Equal(ResultStatus.Conflict, clash.Status);
        Assert.Contains("'bulk-0007'", clash.Message, StringComparison.Ordinal);
        Assert.Null(await WithAsync<IConfigurationItemRepository, Versioned<ConfigurationItemSnapshot>?>(r => r.GetAsync(Acme, Id("fresh"), CancellationToken.None)));
        Assert.Equal(ResultStatus.Conflict, edgeClash.Status);
        Assert.Equal(many.Count, (await WithAsync<IConfigurationItemRepository, IReadOnlyList<Versioned<ConfigurationItemSnapshot>>>(r => r.ListAsync(Acme, CancellationToken.None))).Count);
        Assert.Equal(edges.Order(RelationshipOrder.Instance), await WithAsync<IRelationshipRepository, IReadOnlyList<Relationship>>(r => r.ListAsync(Acme, CancellationToken.None)));
        Assert.Equal(revision + 1, await WithAsync<IRelationshipRepository, long>(r => r.RevisionAsync(Acme, CancellationToken.None)));
    }
}
