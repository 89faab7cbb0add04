using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;
using SupplierContract = Itsm.Core.Suppliers.Contract;

namespace Itsm.Core.Persistence.Tests.Serialization;

/// <summary>
/// A supplier and a contract built through the domain's own API with every stored field set, for the golden files: a supplier
/// registered and then revised, and an underpinning contract taken through its whole lifecycle (activated, linked to an SLA target
/// through an internal group's OLA, renewed, given notice, expired) with a policy of its own and decimal amounts; and an OLA withdrawn
/// as a draft.
/// </summary>
internal static class SupplierSnapshotFixtures
{
    public static readonly UserId Manager = UserId.From("supplier-manager");
    public static readonly SupplierId StorageVendor = SupplierId.From("storage-vendor");
    public static readonly SupplierId DatabaseTeam = SupplierId.From("db-team");
    public static readonly DateTimeZone Madrid = DateTimeZoneProviders.Tzdb["Europe/Madrid"];

    /// <summary>Registered on 1 December 2026 with two contacts, then revised: a new name, one contact with a phone only, another service.</summary>
    public static Supplier RevisedSupplier()
    {
        var supplier = Check(Supplier.Register(
            StorageVendor,
            SupplierKind.External,
            "Storage vendor",
            [new SupplierContact("Ana Ruiz", "ana@vendor.example", "+34 600 000 001"), new SupplierContact("Service desk", "desk@vendor.example", null)],
            [ConfigurationItemId.From("svc-payroll")],
            [ConfigurationItemId.From("san-01")],
            Manager,
            Instant.FromUtc(2026, 12, 1, 9, 0)));
        Check(supplier.Revise(
            "Storage vendor S.L.",
            [new SupplierContact("Out of hours", null, "+34 600 000 002")],
            [ConfigurationItemId.From("svc-payroll"), ConfigurationItemId.From("svc-email")],
            [ConfigurationItemId.From("san-01"), ConfigurationItemId.From("san-02")],
            Manager,
            Instant.FromUtc(2027, 2, 1, 10, 30)));
        return supplier;
    }

    /// <summary>
    /// The storage vendor's contract for 2027 (a year, renewing automatically by a year, three months' notice, billed each quarter at
    /// 3,600.50 EUR, a credit policy of its own), through its whole lifecycle to its expiry at the end of its second term.
    /// </summary>
    public static SupplierContract ContractThroughLifecycle()
    {
        var ola = Ola();
        var policy = Check(ServiceCreditPolicy.Create("tiered-2027", 2.5m, Duration.FromMinutes(90), 12.5m));
        var contract = Check(SupplierContract.Draft(ContractId.From("uc-storage-2027"), RevisedSupplier(), Details("Storage support 2027", CalendarId.From("storage-vendor"), policy, Money.Of(3600.50m, "EUR")), Manager, Instant.FromUtc(2026, 12, 2, 9, 0)));
        Check(contract.Activate(Manager, Instant.FromUtc(2026, 12, 15, 9, 0)));
        Check(contract.LinkUnderpinning(new UnderpinningLink(SlaDefinitionId.From("sla-payroll"), 2, Duration.FromMinutes(30), ola.Id, Duration.FromHours(2)), ola, Manager, Instant.FromUtc(2027, 1, 10, 9, 0)));
        Check(contract.LinkUnderpinning(new UnderpinningLink(SlaDefinitionId.From("email-gold"), 1, Duration.Zero, null, Duration.Zero), null, Manager, Instant.FromUtc(2027, 1, 10, 9, 5)));
        Check(contract.Renew(Manager, Instant.FromUtc(2027, 12, 1, 9, 0)));
        Check(contract.GiveNotice("Moving to a new vendor", Manager, Instant.FromUtc(2028, 6, 1, 9, 0)));
        Check(contract.Expire(UserId.From("contract-bot"), Instant.FromUtc(2029, 1, 2, 0, 0)));
        return contract;
    }

    /// <summary>The database team's OLA, drafted and then withdrawn with a reason: an operational level agreement ending in <c>Terminated</c>.</summary>
    public static SupplierContract WithdrawnOla()
    {
        var ola = Ola();
        Check(ola.Terminate("Replaced by the 2028 OLA", Manager, Instant.FromUtc(2026, 12, 20, 16, 45)));
        return ola;
    }

    private static SupplierContract Ola()
    {
        var group = Check(Supplier.Register(DatabaseTeam, SupplierKind.InternalGroup, "Database team", [], [ConfigurationItemId.From("svc-payroll")], [], Manager, Instant.FromUtc(2026, 12, 1, 9, 0)));
        return Check(SupplierContract.Draft(ContractId.From("ola-db-2027"), group, Details("Database team OLA", CalendarId.From("uk-office-hours"), ServiceCreditPolicy.None, Money.Of(0m, "EUR")), Manager, Instant.FromUtc(2026, 12, 1, 9, 30)));
    }

    private static ContractDetails Details(string title, CalendarId calendar, ServiceCreditPolicy policy, Money fee) => new(
        title,
        Check(ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(1), RenewalKind.Automatic, Periodicity.FromYears(1), Periodicity.FromMonths(3))),
        Periodicity.FromMonths(3),
        fee,
        policy,
        calendar,
        Madrid,
        ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromMinutes(30), Duration.FromHours(4))), KeyValuePair.Create(2, new SlaTargets(Duration.FromHours(1), Duration.FromHours(6) + Duration.FromMinutes(30)))]),
        [ConfigurationItemId.From("svc-email"), ConfigurationItemId.From("svc-payroll")],
        [ConfigurationItemId.From("san-01")]);

    private static T Check<T>(Ardalis.Result.Result<T> result)
    {
        Assert.True(result.IsSuccess, string.Join("; ", result.ValidationErrors.Select(e => e.ErrorMessage).Append(result.Errors.FirstOrDefault() ?? string.Empty)));
        return result.Value;
    }

    private static void Check(Ardalis.Result.Result result) =>
        Assert.True(result.IsSuccess, string.Join("; ", result.ValidationErrors.Select(e => e.ErrorMessage).Append(result.Errors.FirstOrDefault() ?? string.Empty)));
}
