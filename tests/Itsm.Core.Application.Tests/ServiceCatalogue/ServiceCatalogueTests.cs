using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Application.Tests.ServiceCatalogue;

/// <summary>The service catalogue and its agreements through the dispatcher on the in-memory adapters: the gate, errors, concurrency, tenancy, audit.</summary>
public sealed class ServiceCatalogueTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly RequestContext Acme = new(Tenant, UserId.From("alice"));
    private static readonly RequestContext AcmeCustomer = new(Tenant, UserId.From("bob"));
    private static readonly RequestContext Globex = new(TenantId.From("globex"), UserId.From("gil"));
    private static readonly Instant T0 = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("payroll");
    private static readonly ConfigurationItemId PayrollApp = ConfigurationItemId.From("payroll-app");
    private static readonly CalendarId Office = CalendarId.From("office");
    private static readonly CustomerId Customer = CustomerId.From("acme-hr");
    private static readonly Dictionary<int, SlaTargets> GoldTargets = new() { [1] = new(Duration.FromMinutes(30), Duration.FromHours(4)), [2] = new(Duration.FromHours(1), Duration.FromHours(8)) };

    public ServiceCatalogueTests()
        : base(T0)
    {
    }

    [Fact]
    public async Task GoLive_IsFirstRefusedListingWhatIsMissing_ThenPassesOnceEachCriterionHolds_AndEveryCommandIsAudited()
    {
        await StepAsync(new DefineService(Acme, Payroll, "Payroll") { Customers = [Customer] });
        await StepAsync(new AddOffering(Acme, Payroll, "gold", GoldTargets));
        var inTransition = await StepAsync(new MoveServiceToTransition(Acme, Payroll));

        var refused = await itsm.SendAsync(new GoLive(Acme, Payroll));
        var verdict = (await itsm.QueryAsync(new CheckAcceptance(Acme, Payroll))).Value;

        Assert.Equal((ResultStatus.Conflict, ServiceCatalogueErrors.AcceptanceRefused), (refused.Status, refused.ErrorCode));
        Assert.Equal(
            [ServiceAcceptanceCriterion.Owner, ServiceAcceptanceCriterion.ServiceHours, ServiceAcceptanceCriterion.SupportHours, ServiceAcceptanceCriterion.RecordedInCmdb, ServiceAcceptanceCriterion.RelatedInCmdb, ServiceAcceptanceCriterion.AgreementInForce],
            verdict.Unmet.Select(u => u.Criterion));
        var unchanged = (await itsm.QueryAsync(new GetService(Acme, Payroll))).Value;
        Assert.Equal((inTransition.Version, ServiceStatus.InTransition), (unchanged.Version, unchanged.Record.Status));

        await SeedCmdbAndCalendarAsync();
        await StepAsync(new ReviseService(Acme, Payroll) { Owner = UserId.From("olivia"), ServiceHours = Office, SupportHours = Office });
        var agreement = await SignedAgreementAsync(new LocalDate(2027, 3, 1));

        Assert.True((await itsm.QueryAsync(new CheckAcceptance(Acme, Payroll))).Value.IsMet);
        var live = await StepAsync(new GoLive(Acme, Payroll));

        Assert.Equal((ServiceStatus.Live, (AgreementId?)agreement), (live.Record.Status, live.Record.LiveUnder));
        Assert.Equal([Payroll], (await itsm.QueryAsync(new ListServices(Acme) { Statuses = [ServiceStatus.Live] })).Value.Select(v => v.Record.Id));
        var reading = (await itsm.QueryAsync(new GetAgreement(Acme, agreement))).Value;
        Assert.Equal((1, "gold"), (reading.InForce!.Number, reading.InForce.Terms.OfferingOf(Payroll)));
        Assert.Null((await itsm.QueryAsync(new GetAgreement(Acme, agreement) { At = T0 - Duration.FromDays(1) })).Value.InForce);

        var audited = (await AuditAsync()).Select(r => r.Command).Where(c => c.Contains("Service", StringComparison.Ordinal) || c.Contains("Agreement", StringComparison.Ordinal) || c is "AddOffering" or "GoLive").ToArray();
        Assert.Equal(
            ["DefineService", "AddOffering", "MoveServiceToTransition", "ReviseService", "DraftAgreement", "SubmitAgreementForReview", "SignAgreement", "SignAgreement", "GoLive"],
            audited);
    }

    [Fact]
    public async Task BadInput_GivesATypedResult_AndStoresNothing()
    {
        var blank = await itsm.SendAsync(new DefineService(Acme, Payroll, " "));
        var noService = await itsm.SendAsync(new DraftAgreement(Acme, Customer, "Payroll", [new(Payroll, "gold")], new LocalDate(2027, 3, 1)));
        await StepAsync(new DefineService(Acme, Payroll, "Payroll"));
        var noOffering = await itsm.SendAsync(new DraftAgreement(Acme, Customer, "Payroll", [new(Payroll, "gold")], new LocalDate(2027, 3, 1)));
        var badZone = await itsm.SendAsync(new DraftAgreement(Acme, Customer, "Payroll", [new(Payroll, "gold")], new LocalDate(2027, 3, 1)) { Zone = "Mars/Olympus" });
        var badPolicy = await itsm.SendAsync(new DraftAgreement(Acme, Customer, "Payroll", [new(Payroll, "gold")], new LocalDate(2027, 3, 1)) { RetargetPolicy = "whenever" });
        var badVersion = await itsm.SendAsync(new AddOffering(Acme, Payroll, "gold", GoldTargets) { ExpectedVersion = 0 });

        Assert.Equal((ResultStatus.Invalid, ServiceCatalogueErrors.Name), (blank.Status, blank.ErrorCode));
        Assert.Equal((ResultStatus.NotFound, "service.not-found"), (noService.Status, noService.ErrorCode));
        Assert.Equal((ResultStatus.Invalid, "agreement.offering.unknown"), (noOffering.Status, noOffering.ErrorCode));
        Assert.Equal((ResultStatus.Invalid, "agreement.zone"), (badZone.Status, badZone.ErrorCode));
        Assert.Equal((ResultStatus.Invalid, AgreementErrors.RetargetPolicyUnknown), (badPolicy.Status, badPolicy.ErrorCode));
        Assert.Equal((ResultStatus.Invalid, "service.expected-version"), (badVersion.Status, badVersion.ErrorCode));
        Assert.Empty((await itsm.QueryAsync(new GetService(Acme, Payroll))).Value.Record.Offerings);
        Assert.Empty(await WithAsync<IAgreementRepository, IReadOnlyList<Versioned<ServiceLevelAgreement>>>(r => r.ListAsync(Tenant, null, CancellationToken.None)));
    }

    [Fact]
    public async Task StaleVersions_AreConflict_AndTenantsStayApart()
    {
        await StepAsync(new DefineService(Acme, Payroll, "Payroll"));
        await StepAsync(new AddOffering(Acme, Payroll, "gold", GoldTargets) { ExpectedVersion = 1 });
        var agreement = (await StepAsync(new DraftAgreement(Acme, Customer, "Payroll", [new(Payroll, "gold")], new LocalDate(2027, 3, 1)))).Record.Id;

        var staleService = await itsm.SendAsync(new AddOffering(Acme, Payroll, "silver", GoldTargets) { ExpectedVersion = 1 });
        var staleAgreement = await itsm.SendAsync(new SubmitAgreementForReview(Acme, agreement) { ExpectedVersion = 2 });
        var staleDraft = await itsm.SendAsync(new DraftAgreement(Acme, Customer, "Payroll", [new(Payroll, "gold")], new LocalDate(2027, 4, 1)) { Agreement = agreement, ExpectedVersion = 3 });

        Assert.Equal((ResultStatus.Conflict, "service.version-conflict"), (staleService.Status, staleService.ErrorCode));
        Assert.Equal((ResultStatus.Conflict, "agreement.version-conflict"), (staleAgreement.Status, staleAgreement.ErrorCode));
        Assert.Equal((ResultStatus.Conflict, "agreement.version-conflict"), (staleDraft.Status, staleDraft.ErrorCode));
        Assert.Equal(["gold"], (await itsm.QueryAsync(new GetService(Acme, Payroll))).Value.Record.Offerings.Select(o => o.Name));

        Assert.Equal("service.not-found", (await itsm.QueryAsync(new GetService(Globex, Payroll))).ErrorCode);
        Assert.Equal("service.not-found", (await itsm.SendAsync(new RetireService(Globex, Payroll, "take it"))).ErrorCode);
        Assert.Equal("service.not-found", (await itsm.QueryAsync(new CheckAcceptance(Globex, Payroll))).ErrorCode);
        Assert.Equal("agreement.not-found", (await itsm.QueryAsync(new GetAgreement(Globex, agreement))).ErrorCode);
        Assert.Equal("agreement.not-found", (await itsm.SendAsync(new TerminateAgreement(Globex, agreement, "take it"))).ErrorCode);
        Assert.Empty((await itsm.QueryAsync(new ListServices(Globex))).Value);
    }

    [Fact]
    public async Task AgreementsDueForReview_AreListedEarliestFirst_WithOverdueOnesMarked()
    {
        await StepAsync(new DefineService(Acme, Payroll, "Payroll"));
        await StepAsync(new AddOffering(Acme, Payroll, "gold", GoldTargets));
        var agreement = await SignedAgreementAsync(new LocalDate(2027, 3, 1), reviewMonths: 1);

        Assert.Empty((await itsm.QueryAsync(new ListAgreementsDueForReview(Acme))).Value);
        clock.Advance(Duration.FromDays(32));
        var due = (await itsm.QueryAsync(new ListAgreementsDueForReview(Acme))).Value;
        await StepAsync(new RecordAgreementReview(Acme, agreement, "all targets met"));

        Assert.Equal([(agreement, new LocalDate(2027, 4, 1), true)], due.Select(d => (d.Agreement, d.NextReviewOn, d.IsOverdue)));
        Assert.Empty((await itsm.QueryAsync(new ListAgreementsDueForReview(Acme))).Value);
        Assert.Single((await itsm.QueryAsync(new ListAgreementsDueForReview(Acme) { At = T0 + Duration.FromDays(70) })).Value);
        Assert.Empty((await itsm.QueryAsync(new ListAgreementsDueForReview(Globex) { At = T0 + Duration.FromDays(70) })).Value);
    }

    private async Task<AgreementId> SignedAgreementAsync(LocalDate effective, int reviewMonths = 12)
    {
        var id = (await StepAsync(new DraftAgreement(Acme, Customer, "Payroll for Acme HR", [new(Payroll, "gold")], effective) { Zone = "Europe/London", ReviewIntervalMonths = reviewMonths })).Record.Id;
        await StepAsync(new SubmitAgreementForReview(Acme, id));
        await StepAsync(new SignAgreement(Acme, id, AgreementParty.Provider));
        var signed = await StepAsync(new SignAgreement(AcmeCustomer, id, AgreementParty.Customer));
        Assert.Equal(AgreementState.Signed, signed.Record.State);
        return id;
    }

    private async Task SeedCmdbAndCalendarAsync()
    {
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Payroll, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, PayrollApp, ConfigurationItemClass.Application, "Payroll app"))).IsSuccess);
        Assert.True((await itsm.SendAsync(new Relate(Acme, Payroll, PayrollApp, RelationshipType.DependsOn))).IsSuccess);
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var definition = BusinessCalendarDefinition.Create(
            "office", "Europe/London", weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;
        Assert.True((await itsm.SendAsync(new DefineCalendar(Acme, Office, definition))).IsSuccess);
    }

    private async Task<Versioned<T>> StepAsync<T>(ICommand<Result<Versioned<T>>> command)
    {
        var result = await itsm.SendAsync(command);
        Assert.True(result.IsSuccess, $"{command.GetType().Name}: {result.Message}");
        return result.Value;
    }

    private async Task<T> WithAsync<TPort, T>(Func<TPort, Task<T>> use)
        where TPort : notnull
    {
        using var scope = provider.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<TPort>());
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
