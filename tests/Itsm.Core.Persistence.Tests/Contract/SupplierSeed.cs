using System.Collections.Immutable;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;
using SupplierContract = Itsm.Core.Suppliers.Contract;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// The suppliers and contracts every store is seeded with for the specification contract: outside suppliers and internal
/// groups whose identifiers sort differently from their insertion order, and contracts in every state, driven there by their
/// own commands, spread over three suppliers; plus a few of another tenant.
/// </summary>
internal static class SupplierSeed
{
    public static readonly SupplierId Acme = SupplierId.From("acme-storage");
    public static readonly SupplierId Db = SupplierId.From("db-team");
    public static readonly SupplierId Zeta = SupplierId.From("Zeta");
    public static readonly SupplierId Nobody = SupplierId.From("nobody");

    private static readonly UserId Manager = UserId.From("supplier-manager");
    private static readonly Instant T0 = Instant.FromUtc(2027, 1, 4, 9, 0);
    private static readonly string[] Names = ["uc-b", "B", "uc-a", "_x", "0-first", "ola-z", "uc-10", "uc-9", "a.b", "A-b", "uc-c", "z", "m", "ola-1", "uc-d", "Q"];

    /// <summary>The tenant's suppliers, in insertion order.</summary>
    public static ImmutableArray<Supplier> Suppliers { get; } = [Make(Zeta, SupplierKind.External), Make(Db, SupplierKind.InternalGroup), Make(Acme, SupplierKind.External), Make(SupplierId.From("a-group"), SupplierKind.InternalGroup)];

    /// <summary>The tenant's contracts, in insertion order.</summary>
    public static ImmutableArray<SupplierContract> Contracts { get; } = [.. Names.Select((name, n) => MakeContract(name, n))];

    /// <summary>Records of another tenant, never returned for the tenant under test.</summary>
    public static ImmutableArray<Supplier> OtherTenantSuppliers { get; } = [Make(Acme, SupplierKind.External)];

    /// <inheritdoc cref="OtherTenantSuppliers"/>
    public static ImmutableArray<SupplierContract> OtherTenantContracts { get; } = [MakeContract("uc-a", 1), MakeContract("other", 2)];

    /// <summary>The catalogue's cases for the supplier and contract specifications.</summary>
    public static IEnumerable<(string Name, object Specification)> Cases()
    {
        yield return ("all", new SuppliersById());
        yield return ("internal groups", new SuppliersById(SupplierKind.InternalGroup));
        yield return ("outside suppliers, second page", new SuppliersById(SupplierKind.External, PageRequest.Of(1, 1)));
        yield return ("page past the end: empty", new SuppliersById(page: PageRequest.Of(10, 5)));
        yield return ("all", new ContractsById());
        yield return ("acme's", new ContractsById(Acme));
        yield return ("in force", new ContractsById(states: ContractLifecycle.InForceStates));
        yield return ("db's drafts and terminated", new ContractsById(Db, [ContractState.Terminated, ContractState.Draft]));
        yield return ("no states: empty", new ContractsById(states: []));
        yield return ("nobody's: empty", new ContractsById(Nobody));
        yield return ("second page of four", new ContractsById(page: PageRequest.Of(4, 4)));
    }

    private static Supplier Make(SupplierId id, SupplierKind kind) =>
        Supplier.Register(id, kind, $"Supplier {id}", [new SupplierContact("Desk", $"desk@{id}.example", null)], [ConfigurationItemId.From("svc-email")], [], Manager, T0).Value;

    /// <summary>A contract of supplier n mod 3, driven to state n mod 6 by its own commands.</summary>
    private static SupplierContract MakeContract(string name, int n)
    {
        var supplier = (n % 3) switch { 0 => Suppliers_(Zeta, SupplierKind.External), 1 => Suppliers_(Db, SupplierKind.InternalGroup), _ => Suppliers_(Acme, SupplierKind.External) };
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromMonths(12), RenewalKind.Explicit, Periodicity.FromMonths(12), Periodicity.FromMonths(3)).Value;
        var details = new ContractDetails(
            $"Contract {name}",
            term,
            Periodicity.FromMonths(1),
            Money.Of(1000m + n, "EUR"),
            ServiceCreditPolicy.Standard,
            CalendarId.From("supplier-hours"),
            DateTimeZoneProviders.Tzdb["Europe/Madrid"],
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromHours(1), Duration.FromHours(6))), KeyValuePair.Create(2, new SlaTargets(Duration.FromHours(4), Duration.FromHours(24)))]),
            [ConfigurationItemId.From("svc-email")],
            [ConfigurationItemId.From("san-01")]);
        var contract = SupplierContract.Draft(ContractId.From(name), supplier, details, Manager, T0).Value;
        var at = T0 + Duration.FromHours(1);
        var state = (ContractState)(n % 6);
        if (state != ContractState.Draft && state != ContractState.Terminated)
        {
            Check(contract.Activate(Manager, at));
            Check(contract.LinkUnderpinning(new UnderpinningLink(SlaDefinitionId.From("gold"), 1, Duration.FromMinutes(30), null, Duration.Zero), null, Manager, at));
        }

        switch (state)
        {
            case ContractState.Renewed:
                Check(contract.Renew(Manager, at + Duration.FromDays(30)));
                break;
            case ContractState.InNotice:
                Check(contract.GiveNotice("ending", Manager, at + Duration.FromDays(30)));
                break;
            case ContractState.Expired:
                Check(contract.Expire(Manager, at + Duration.FromDays(400)));
                break;
            case ContractState.Terminated:
                Check(contract.Terminate("withdrawn", Manager, at));
                break;
        }

        return contract;
    }

    private static Supplier Suppliers_(SupplierId id, SupplierKind kind) => Make(id, kind);

    private static void Check(Ardalis.Result.Result result) =>
        _ = result.IsSuccess ? result : throw new InvalidOperationException(string.Join(", ", result.Errors.Concat(result.ValidationErrors.Select(e => e.ErrorMessage))));
}
