using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;
using SupplierContract = Itsm.Core.Suppliers.Contract;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Suppliers and contracts on every store: the whole history comes back, every answer is what the store then holds, stale versions lose.</summary>
public abstract partial class StoreContract
{
    private static readonly SupplierId StorageVendor = SupplierId.From("storage-vendor");
    private static readonly ContractId StorageContract = ContractId.From("uc-storage");

    [Fact]
    public async Task ContractFromDraftToExpiry_ReloadsWithItsWholeHistory_AndEveryAnswerIsWhatWasStored()
    {
        await DraftStorageContractAsync(Acme);
        var steps = new List<(Type What, Instant At)> { (typeof(ContractDrafted), Clock.GetCurrentInstant()) };
        async Task StepAsync<TEvent>(ContractCommand command, Duration after)
        {
            Clock.Advance(after);
            var result = await Itsm.SendAsync(command);
            Assert.True(result.IsSuccess, result.Message);
            var stored = (await Itsm.QueryAsync(new GetContract(As(Acme), StorageContract))).Value;
            Assert.Equal(stored.Version, result.Value.Version);
            Assert.Equal(SnapshotJson.Serialize(stored.Record.ToSnapshot()), SnapshotJson.Serialize(result.Value.Record.ToSnapshot()));
            steps.Add((typeof(TEvent), Clock.GetCurrentInstant()));
        }

        await StepAsync<ContractActivated>(new ActivateContract(As(Acme), StorageContract) { ExpectedVersion = 1 }, Duration.FromMinutes(5));
        await StepAsync<ContractUnderpinningLinked>(new LinkUnderpinning(As(Acme), StorageContract, new UnderpinningLink(SlaDefinitionId.From("gold-" + Email.Value), 1, Duration.FromMinutes(30), null, Duration.Zero)), Duration.FromMinutes(5));
        await StepAsync<ContractRenewed>(new RenewContract(As(Acme), StorageContract), Duration.FromDays(30));
        await StepAsync<ContractNoticeGiven>(new GiveNotice(As(Acme), StorageContract, "moving the mail store"), Duration.FromDays(30));
        await StepAsync<ContractExpired>(new ExpireContract(As(Acme), StorageContract), Duration.FromDays(800));

        var reloaded = (await Itsm.QueryAsync(new GetContract(As(Acme), StorageContract))).Value;
        Assert.Equal((ContractState.Expired, 6L, 1), (reloaded.Record.State, reloaded.Version, reloaded.Record.Term));
        Assert.Equal(steps, reloaded.Record.History.Select(e => (e.GetType(), e.At)).ToList());
        Assert.Equal("gold-" + Email.Value, Assert.Single(reloaded.Record.Underpinnings).Sla.Value);
        Assert.Equal("supplier.contract.not-found", (await Itsm.QueryAsync(new GetContract(As(Globex), StorageContract))).ErrorCode);
        var supplier = (await Itsm.QueryAsync(new GetSupplier(As(Acme), StorageVendor))).Value;
        Assert.Equal(("Storage vendor", 1L, "desk@storage.example"), (supplier.Record.Name, supplier.Version, supplier.Record.Profile.Contacts[0].Email!));
        var audit = await WithAsync<IAuditLog, IReadOnlyList<AuditRecord>>(log => log.ListAsync(Acme, 0, 100, CancellationToken.None));
        Assert.Equal(
            ["RegisterSupplier", "DraftContract", "ActivateContract", "LinkUnderpinning", "RenewContract", "GiveNotice", "ExpireContract"],
            audit.Select(r => r.Command).Where(c => c is not ("DefineCalendar" or "DefineSla")).ToArray());
    }

    [Fact]
    public async Task ContractCommand_AtAStaleVersion_IsConflictAndChangesNothing()
    {
        await DraftStorageContractAsync(Acme);
        Assert.True((await Itsm.SendAsync(new ActivateContract(As(Acme), StorageContract))).IsSuccess);

        var stale = await Itsm.SendAsync(new TerminateContract(As(Acme), StorageContract, "cheaper elsewhere") { ExpectedVersion = 1 });
        var refused = await Itsm.SendAsync(new ActivateContract(As(Acme), StorageContract));

        Assert.Equal((ResultStatus.Conflict, "supplier.contract.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal(SupplierContract.IllegalTransitionCode, refused.ErrorCode);
        var stored = (await Itsm.QueryAsync(new GetContract(As(Acme), StorageContract))).Value;
        Assert.Equal((ContractState.Active, 2L, 2), (stored.Record.State, stored.Version, stored.Record.History.Count));
        Assert.Equal("record.exists", (await Itsm.SendAsync(new RegisterSupplier(As(Acme), StorageVendor, SupplierKind.External, "Again", [], [], []))).ErrorCode);
    }

    [Fact]
    public async Task ReviseSupplier_ReplacesTheProfileWithOneRecord_AuditedAndAStaleVersionChangesNothing()
    {
        await DraftStorageContractAsync(Acme);
        Clock.Advance(Duration.FromHours(1));
        var revisedAt = Clock.GetCurrentInstant();
        var revise = new ReviseSupplier(As(Acme), StorageVendor, "Storage vendor S.L.", [], [Email, ConfigurationItemId.From("svc-payroll")], []) { ExpectedVersion = 1 };

        var revised = await Itsm.SendAsync(revise);
        Clock.Advance(Duration.FromHours(1));
        var stale = await Itsm.SendAsync(revise with { Name = "Again" });
        var unknown = await Itsm.SendAsync(revise with { Context = As(Globex), ExpectedVersion = null });

        Assert.True(revised.IsSuccess, revised.Message);
        Assert.Equal((ResultStatus.Conflict, "supplier.version-conflict"), (stale.Status, stale.ErrorCode));
        Assert.Equal((ResultStatus.NotFound, "supplier.not-found"), (unknown.Status, unknown.ErrorCode));
        var stored = (await Itsm.QueryAsync(new GetSupplier(As(Acme), StorageVendor))).Value;
        Assert.Equal(("Storage vendor S.L.", 2L), (stored.Record.Name, stored.Version));
        Assert.Empty(stored.Record.Profile.Contacts);
        Assert.Equal(["svc-email", "svc-payroll"], stored.Record.Profile.Services.Select(i => i.Value));
        Assert.Equal([(typeof(SupplierRegistered), false), (typeof(SupplierRevised), true)], stored.Record.History.Select(e => (e.GetType(), e.At == revisedAt)));
        Assert.Equal(SnapshotJson.Serialize(stored.Record.ToSnapshot()), SnapshotJson.Serialize(revised.Value.Record.ToSnapshot()));
        var audit = await WithAsync<IAuditLog, IReadOnlyList<AuditRecord>>(log => log.ListAsync(Acme, 0, 100, CancellationToken.None));
        Assert.Single(audit, r => r.Command == "ReviseSupplier");
    }

    private async Task DraftStorageContractAsync(TenantId tenant)
    {
        await DefineSlaAsync(tenant);
        var registered = await Itsm.SendAsync(new RegisterSupplier(As(tenant), StorageVendor, SupplierKind.External, "Storage vendor", [new SupplierContact("Desk", "desk@storage.example", "+34 91 000 00 00")], [Email], []));
        Assert.True(registered.IsSuccess, registered.Message);
        var term = ContractTerm.Create(Clock.GetCurrentInstant().InUtc().Date, Periodicity.FromYears(1), RenewalKind.Explicit, Periodicity.FromYears(1), Periodicity.FromMonths(3)).Value;
        var details = new ContractDetails(
            "Storage support",
            term,
            Periodicity.FromMonths(1),
            Money.Of(2500.50m, "EUR"),
            ServiceCreditPolicy.Create("storage", 2.5m, Duration.FromMinutes(30), 20m).Value,
            CalendarId.From("office"),
            DateTimeZoneProviders.Tzdb["Europe/Madrid"],
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromHours(1), Duration.FromHours(3)))]),
            [Email],
            []);
        var drafted = await Itsm.SendAsync(new DraftContract(As(tenant), StorageContract, StorageVendor, details));
        Assert.True(drafted.IsSuccess, drafted.Message);
        Assert.Equal(1, drafted.Value.Version);
    }
}
