using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.Persistence.Tests.Serialization;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>The service catalogue and agreements on every store: whole history back, the gate over stored evidence, stale versions lose, tenants apart.</summary>
public abstract partial class StoreContract
{
    private static readonly ConfigurationItemId CatalogueService = ConfigurationItemId.From("payroll-service");
    private static readonly CustomerId HumanResources = CustomerId.From("acme-hr");

    [Fact]
    public async Task Service_TakenLiveThroughTheDispatcher_ReloadsWithItsWholeHistory_AStaleVersionIsConflict_AndTenantsStayApart()
    {
        var defined = await Itsm.SendAsync(new DefineService(As(Acme), CatalogueService, "Payroll") { Customers = [HumanResources], Owner = UserId.From("olivia") });
        Assert.True(defined.IsSuccess, defined.Message);
        Assert.True((await Itsm.SendAsync(new AddOffering(As(Acme), CatalogueService, "gold", new Dictionary<int, SlaTargets> { [1] = new(Duration.FromMinutes(30), Duration.FromHours(4)) }) { Price = Money.Of(900m, "EUR") })).IsSuccess);
        Assert.True((await Itsm.SendAsync(new MoveServiceToTransition(As(Acme), CatalogueService) { ExpectedVersion = 2 })).IsSuccess);
        var refused = await Itsm.SendAsync(new GoLive(As(Acme), CatalogueService));
        Assert.Equal(ServiceCatalogueErrors.AcceptanceRefused, refused.ErrorCode);

        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(Acme), CatalogueService, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(As(Acme), ConfigurationItemId.From("payroll-db"), ConfigurationItemClass.Database, "Payroll DB"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new Relate(As(Acme), CatalogueService, ConfigurationItemId.From("payroll-db"), RelationshipType.DependsOn))).IsSuccess);
        var calendar = BusinessCalendarDefinition.Create("all hours", "Europe/Berlin", Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(0, 0), new LocalTime(23, 59))])).Value;
        Assert.True((await Itsm.SendAsync(new DefineCalendar(As(Acme), CalendarId.From("all-hours"), calendar))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new ReviseService(As(Acme), CatalogueService) { ServiceHours = CalendarId.From("all-hours"), SupportHours = CalendarId.From("all-hours") })).IsSuccess);
        var today = Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).Date;
        var drafted = await Itsm.SendAsync(new DraftAgreement(As(Acme), HumanResources, "Payroll for HR", [new(CatalogueService, "gold")], today) { Zone = "Europe/Berlin" });
        Assert.True(drafted.IsSuccess, drafted.Message);
        var agreement = drafted.Value.Record.Id;
        Assert.True((await Itsm.SendAsync(new SubmitAgreementForReview(As(Acme), agreement))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SignAgreement(As(Acme), agreement, AgreementParty.Provider))).IsSuccess);
        var signed = await Itsm.SendAsync(new SignAgreement(As(Acme, "hr-director"), agreement, AgreementParty.Customer) { ExpectedVersion = 3 });
        Assert.True(signed.IsSuccess, signed.Message);
        var live = await Itsm.SendAsync(new GoLive(As(Acme), CatalogueService));
        Assert.True(live.IsSuccess, live.Message);

        var stale = await Itsm.SendAsync(new RetireService(As(Acme), CatalogueService, "late") { ExpectedVersion = 4 });
        var staleAgreement = await Itsm.SendAsync(new TerminateAgreement(As(Acme), agreement, "late") { ExpectedVersion = 3 });
        var reloaded = (await Itsm.QueryAsync(new GetService(As(Acme), CatalogueService))).Value;
        var reading = (await Itsm.QueryAsync(new GetAgreement(As(Acme), agreement))).Value;

        Assert.Equal((ResultStatus.Conflict, "service.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal((ResultStatus.Conflict, "agreement.version-conflict"), (staleAgreement.Status, staleAgreement.ErrorCode));
        Assert.Equal((5L, ServiceStatus.Live), (reloaded.Version, reloaded.Record.Status));
        Assert.Equal(SnapshotJson.Serialize(live.Value.Record.ToSnapshot()), SnapshotJson.Serialize(reloaded.Record.ToSnapshot()));
        Assert.Equal(SnapshotJson.Serialize(signed.Value.Record.ToSnapshot()), SnapshotJson.Serialize(reading.Agreement.Record.ToSnapshot()));
        Assert.Equal((4L, 1), (reading.Agreement.Version, reading.InForce!.Number));
        Assert.Equal([CatalogueService], (await Itsm.QueryAsync(new ListServices(As(Acme)) { Statuses = [ServiceStatus.Live] })).Value.Select(v => v.Record.Id));
        Assert.Empty((await Itsm.QueryAsync(new ListServices(As(Acme)) { Statuses = [ServiceStatus.Pipeline] })).Value);
        Assert.Equal([agreement], (await WithAsync<IAgreementRepository, IReadOnlyList<Versioned<ServiceLevelAgreement>>>(r => r.ListAsync(Acme, HumanResources, CancellationToken.None))).Select(v => v.Record.Id));

        Assert.Equal("service.not-found", (await Itsm.QueryAsync(new GetService(As(Globex), CatalogueService))).ErrorCode);
        Assert.Equal("service.not-found", (await Itsm.SendAsync(new RetireService(As(Globex), CatalogueService, "mine now"))).ErrorCode);
        Assert.Equal("agreement.not-found", (await Itsm.QueryAsync(new GetAgreement(As(Globex), agreement))).ErrorCode);
        Assert.Empty((await Itsm.QueryAsync(new ListServices(As(Globex)))).Value);
        Assert.Empty(await WithAsync<IAgreementRepository, IReadOnlyList<Versioned<ServiceLevelAgreement>>>(r => r.ListAsync(Globex, null, CancellationToken.None)));
    }

    /// <summary>The ports store the fixed records as they are: the same text back, version 1, a second add of one id is Conflict in its tenant only.</summary>
    [Fact]
    public async Task CatalogueRepositories_StoreTheFixedRecordsExactly_AndRefuseATakenId()
    {
        var service = SnapshotJsonTests.FixedService();
        var agreement = SnapshotJsonTests.FixedAgreement();

        var first = await WithAsync<ICatalogueServiceRepository, Result>(r => r.AddAsync(Acme, service, CancellationToken.None));
        var again = await WithAsync<ICatalogueServiceRepository, Result>(r => r.AddAsync(Acme, service, CancellationToken.None));
        var otherTenant = await WithAsync<ICatalogueServiceRepository, Result>(r => r.AddAsync(Globex, service, CancellationToken.None));
        var addedAgreement = await WithAsync<IAgreementRepository, Result>(r => r.AddAsync(Acme, agreement, CancellationToken.None));
        var staleAgreement = await WithAsync<IAgreementRepository, Result>(r => r.UpdateAsync(Acme, agreement, 2, CancellationToken.None));

        Assert.True(first.IsSuccess && otherTenant.IsSuccess && addedAgreement.IsSuccess, first.Message + otherTenant.Message + addedAgreement.Message);
        Assert.Equal((ResultStatus.Conflict, "record.exists"), (again.Status, again.ErrorCode));
        Assert.Equal(ResultStatus.Conflict, staleAgreement.Status);
        var storedService = await WithAsync<ICatalogueServiceRepository, Versioned<CatalogueService>?>(r => r.GetAsync(Acme, service.Id, CancellationToken.None));
        var storedAgreement = await WithAsync<IAgreementRepository, Versioned<ServiceLevelAgreement>?>(r => r.GetAsync(Acme, agreement.Id, CancellationToken.None));
        Assert.Equal(SnapshotJson.Serialize(service.ToSnapshot()), SnapshotJson.Serialize(storedService!.Record.ToSnapshot()));
        Assert.Equal(SnapshotJson.Serialize(agreement.ToSnapshot()), SnapshotJson.Serialize(storedAgreement!.Record.ToSnapshot()));
        Assert.Empty(await WithAsync<ICatalogueServiceRepository, IReadOnlyList<Versioned<CatalogueService>>>(r => r.ListAsync(Acme, [], CancellationToken.None)));
    }
}
