using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Suppliers;

/// <summary>Supplier management through the dispatcher on the in-memory adapters: the commands and queries of the issue, their answers, errors and audit.</summary>
public sealed class SupplierManagementTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly RequestContext Acme = new(Tenant, UserId.From("sam"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("gil"));
    private static readonly Instant T0 = Instant.FromUtc(2027, 1, 4, 9, 0);
    private static readonly CalendarId Office = CalendarId.From("uk-office");
    private static readonly CalendarId Vendor = CalendarId.From("storage-vendor");
    private static readonly SlaDefinitionId Gold = SlaDefinitionId.From("gold");
    private static readonly SupplierId Storage = SupplierId.From("storage-vendor");
    private static readonly SupplierId Team = SupplierId.From("db-team");
    private static readonly ContractId Uc = ContractId.From("uc-storage-2027");
    private static readonly ContractId Ola = ContractId.From("ola-db-2027");


    public SupplierManagementTests()
        : base(T0)
    {
    }

    [Fact]
    public async Task Lifecycle_ThroughTheDispatcher_AnswersEachStateAndAuditsEachCommand()
    {
        await SeedAsync();
        var active = await itsm.SendAsync(new ActivateContract(Acme, Uc) { ExpectedVersion = 1 });
        Assert.Equal((ContractState.Active, 2L), (active.Value.Record.State, active.Value.Version));

        var stale = await itsm.SendAsync(new RenewContract(Acme, Uc) { ExpectedVersion = 1 });
        Assert.Equal("supplier.contract.version-conflict", stale.ErrorCode);

        clock.AdvanceDays(200);
        var renewed = await itsm.SendAsync(new RenewContract(Acme, Uc));
        Assert.Equal((ContractState.Renewed, 1, 3L), (renewed.Value.Record.State, renewed.Value.Record.Term, renewed.Value.Version));
        var notice = await itsm.SendAsync(new GiveNotice(Acme, Uc, "moving to another vendor"));
        Assert.Equal(ContractState.InNotice, notice.Value.Record.State);

        var read = await itsm.QueryAsync(new GetContract(Acme, Uc));
        Assert.Equal((ContractState.InNotice, 4L, 4), (read.Value.Record.State, read.Value.Version, read.Value.Record.History.Count));
        Assert.Equal("supplier.contract.not-found", (await itsm.QueryAsync(new GetContract(Globex, Uc))).ErrorCode);

        var audit = await AuditAsync();
        Assert.Equal(
            ["RegisterSupplier", "RegisterSupplier", "DraftContract", "DraftContract", "ActivateContract", "RenewContract", "GiveNotice"],
            audit.Where(r => r.Command is not ("DefineCalendar" or "DefineSla")).Select(r => r.Command).ToArray());
    }

    [Fact]
    public async Task DraftContract_ForAnUnknownSupplierOrCalendar_IsNotFoundAndStoresNothing()
    {
        await SeedAsync();

        var unknownSupplier = await itsm.SendAsync(new DraftContract(Acme, ContractId.From("uc-x"), SupplierId.From("nobody"), Details(Vendor)));
        var unknownCalendar = await itsm.SendAsync(new DraftContract(Acme, ContractId.From("uc-y"), Storage, Details(CalendarId.From("none"))));

        Assert.Equal(("supplier.not-found", "calendar.not-found"), (unknownSupplier.ErrorCode, unknownCalendar.ErrorCode));
        var listed = await itsm.QueryAsync(new ListContracts(Acme));
        Assert.Equal([Ola, Uc], listed.Value.Select(v => v.Record.Id).ToArray());
        Assert.Equal(ContractKind.OperationalLevelAgreement, listed.Value[0].Record.Kind);
    }

    /// <summary>The handler builds the chain the link names (SLA, OLA, then the supplier) and answers what the checker answers for it.</summary>
    [Fact]
    public async Task CheckUnderpinning_ThroughAnOla_IsTheCheckersAnswerForTheLinkedChain()
    {
        await SeedAsync();
        await itsm.SendAsync(new ActivateContract(Acme, Uc));
        var link = new UnderpinningLink(Gold, 1, Duration.FromMinutes(30), Ola, Duration.FromHours(1));
        Assert.True((await itsm.SendAsync(new LinkUnderpinning(Acme, Uc, link))).IsSuccess);
        var period = new Interval(Instant.FromUtc(2027, 3, 1, 0, 0), Instant.FromUtc(2027, 4, 1, 0, 0));

        var report = await itsm.QueryAsync(new CheckUnderpinning(Acme, Uc, Gold, 1, period));

        var office = BusinessCalendar.FromDefinition(CalendarJson.Read(OfficeJson).Value);
        var vendor = BusinessCalendar.FromDefinition(CalendarJson.Read(VendorJson).Value);
        var expected = UnderpinningChecker.Check(UnderpinningChain.CreateThroughOla(office, Duration.FromHours(8), Duration.FromMinutes(30), office, Duration.FromHours(1), vendor, Duration.FromHours(6)).Value, period).Value;
        Assert.False(report.Value.Underpins);
        Assert.Equal(expected.FirstFailure, report.Value.FirstFailure);
        Assert.Equal(expected.FailingIntervals.ToArray(), report.Value.FailingIntervals.ToArray());
        Assert.Equal("supplier.contract.not-linked", (await itsm.QueryAsync(new CheckUnderpinning(Acme, Uc, Gold, 2, period))).ErrorCode);
        Assert.Equal("sla.priority.not-covered", (await itsm.SendAsync(new LinkUnderpinning(Acme, Uc, link with { Priority = 3 }))).ErrorCode);
    }

    [Fact]
    public async Task ListContractsInNotice_AnswersTheContractsWhoseDeadlineIsNear_SoonestFirst()
    {
        await SeedAsync();
        await itsm.SendAsync(new ActivateContract(Acme, Uc));
        await itsm.SendAsync(new ActivateContract(Acme, Ola));

        // The UC runs the calendar year 2027 with three months' notice: its deadline is 30 September 2027.
        clock.Reset(Instant.FromUtc(2027, 9, 1, 8, 0));
        var near = await itsm.QueryAsync(new ListContractsInNotice(Acme, 30));
        var far = await itsm.QueryAsync(new ListContractsInNotice(Acme, 28));

        Assert.Equal([(Uc, new LocalDate(2027, 9, 30))], near.Value.Select(d => (d.Contract.Id, d.Deadline)).ToArray());
        Assert.Empty(far.Value);
        Assert.Equal("supplier.notice.days", (await itsm.QueryAsync(new ListContractsInNotice(Acme, -1))).ErrorCode);
    }

    /// <summary>An incident on the covered service waits on the supplier past the target: one breach, and the credit the policy gives for it.</summary>
    [Fact]
    public async Task ServiceCredits_ForAWaitOnTheSupplierPastItsTarget_AreThePolicysCreditOfTheBreach()
    {
        await SeedAsync();
        await itsm.SendAsync(new ActivateContract(Acme, Uc));
        var opened = await itsm.SendAsync(new OpenIncident(Acme, "Mail store offline", ConfigurationItemId.From("svc-mail"), 1, 1, UserId.From("carol")));
        Assert.True(opened.IsSuccess, opened.Message);
        var id = opened.Value.Record.Id;
        Assert.True((await itsm.SendAsync(new AssignIncident(Acme, id, UserId.From("sam")))).IsSuccess);
        Assert.True((await itsm.SendAsync(new StartIncidentWork(Acme, id))).IsSuccess);
        Assert.True((await itsm.SendAsync(new PutIncidentOnHold(Acme, id, HoldReason.AwaitingSupplier))).IsSuccess);
        clock.Advance(Duration.FromDays(2));
        Assert.True((await itsm.SendAsync(new ResumeIncident(Acme, id))).IsSuccess);
        var january = new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2027, 2, 1, 0, 0));

        var performance = await itsm.QueryAsync(new GetSupplierPerformance(Acme, Uc, january));
        var credits = await itsm.QueryAsync(new ComputeServiceCredits(Acme, Uc, january));

        var wait = Assert.Single(performance.Value.Waits);
        var vendor = BusinessCalendar.FromDefinition(CalendarJson.Read(VendorJson).Value);
        Assert.Equal(vendor.BusinessTimeBetween(T0, T0 + Duration.FromDays(2)), wait.Waited);
        Assert.Equal((0, 1, 0.0), (performance.Value.Met, performance.Value.Breached, performance.Value.Attainment!.Value));
        Assert.Equal(ServiceCreditPolicy.Standard.Credit(Money.Of(2500m, "EUR"), wait.Waited - Duration.FromHours(6)), credits.Value.Credit);
        Assert.True(credits.Value.Credit.Amount > 0m);
        Assert.Equal("supplier.contract.not-found", (await itsm.QueryAsync(new ComputeServiceCredits(Globex, Uc, january))).ErrorCode);
    }

    /// <summary>Per supplier: one report for each contract put in force, the same as the contract's own; drafts bind nobody.</summary>
    [Fact]
    public async Task ListSupplierPerformance_IsEachContractInForcesReport_AndLeavesOutDrafts()
    {
        await SeedAsync();
        await itsm.SendAsync(new ActivateContract(Acme, Uc));
        var second = ContractId.From("uc-storage-2027b");
        Assert.True((await itsm.SendAsync(new DraftContract(Acme, second, Storage, Details(Vendor) with { Title = "Draft only" }))).IsSuccess);
        var opened = (await itsm.SendAsync(new OpenIncident(Acme, "Mail store offline", ConfigurationItemId.From("svc-mail"), 1, 1, UserId.From("carol")))).Value.Record.Id;
        Assert.True((await itsm.SendAsync(new AssignIncident(Acme, opened, UserId.From("sam")))).IsSuccess);
        Assert.True((await itsm.SendAsync(new StartIncidentWork(Acme, opened))).IsSuccess);
        Assert.True((await itsm.SendAsync(new PutIncidentOnHold(Acme, opened, HoldReason.AwaitingSupplier))).IsSuccess);
        clock.Advance(Duration.FromHours(3));
        Assert.True((await itsm.SendAsync(new ResumeIncident(Acme, opened))).IsSuccess);
        var january = new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2027, 2, 1, 0, 0));

        var bySupplier = await itsm.QueryAsync(new ListSupplierPerformance(Acme, Storage, january));
        var byContract = await itsm.QueryAsync(new GetSupplierPerformance(Acme, Uc, january));

        var report = Assert.Single(bySupplier.Value);
        Assert.Equal((Uc, 1, 1), (report.Contract, report.Met, report.Waits.Length));
        Assert.Equal(byContract.Value.Waits.Select(w => w.ToString()), report.Waits.Select(w => w.ToString()));
        Assert.Empty((await itsm.QueryAsync(new ListSupplierPerformance(Acme, Team, january))).Value);
        Assert.Equal("supplier.not-found", (await itsm.QueryAsync(new ListSupplierPerformance(Acme, SupplierId.From("nobody"), january))).ErrorCode);
        Assert.Equal("supplier.not-found", (await itsm.QueryAsync(new ListSupplierPerformance(Globex, Storage, january))).ErrorCode);
    }

    private const string OfficeJson = """{"name": "UK office", "timeZone": "Europe/London", "week": {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"]}}""";

    private const string VendorJson = """{"name": "Storage vendor", "timeZone": "Europe/Madrid", "week": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"], "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}, "holidays": ["2027-03-25", "2027-03-26"]}""";

    private static ContractDetails Details(CalendarId calendar, RenewalKind renewal = RenewalKind.Explicit) => new(
        "Storage support 2027",
        ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(1), renewal, Periodicity.FromYears(1), renewal == RenewalKind.None ? null : Periodicity.FromMonths(3)).Value,
        Periodicity.FromMonths(1),
        Money.Of(2500m, "EUR"),
        ServiceCreditPolicy.Standard,
        calendar,
        DateTimeZoneProviders.Tzdb["Europe/London"],
        ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromHours(1), Duration.FromHours(6)))]),
        [ConfigurationItemId.From("svc-mail")],
        [ConfigurationItemId.From("san-01")]);

    private async Task SeedAsync()
    {
        Assert.True((await itsm.SendAsync(new DefineCalendar(Acme, Office, CalendarJson.Read(OfficeJson).Value))).IsSuccess);
        Assert.True((await itsm.SendAsync(new DefineCalendar(Acme, Vendor, CalendarJson.Read(VendorJson).Value))).IsSuccess);
        var gold = SlaDefinition.Create(Gold, "Mail gold", new SlaScope(ConfigurationItemId.From("svc-mail"), null), Office, new Dictionary<int, SlaTargets> { [1] = new(Duration.FromHours(1), Duration.FromHours(8)) }).Value;
        Assert.True((await itsm.SendAsync(new DefineSla(Acme, gold))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterSupplier(Acme, Storage, SupplierKind.External, "Acme Storage", [new SupplierContact("Desk", "desk@storage.example", null)], [], []))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterSupplier(Acme, Team, SupplierKind.InternalGroup, "Database team", [], [], []))).IsSuccess);
        Assert.True((await itsm.SendAsync(new DraftContract(Acme, Uc, Storage, Details(Vendor)))).IsSuccess);
        Assert.True((await itsm.SendAsync(new DraftContract(Acme, Ola, Team, Details(Office, RenewalKind.None) with { Title = "Database OLA" }))).IsSuccess);
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
