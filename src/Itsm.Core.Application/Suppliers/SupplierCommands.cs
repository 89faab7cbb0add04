using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;

namespace Itsm.Core.Application.Suppliers;

/// <summary>Registers a supplier or internal support group and answers it at version 1; Conflict (<c>record.version-conflict</c> family) when its id is taken.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Id">Its key, chosen by the vendor.</param>
/// <param name="Kind">Outside supplier or internal group.</param>
/// <param name="Name">Its name.</param>
/// <param name="Contacts">Its contacts (may be empty).</param>
/// <param name="Services">The business services it supports.</param>
/// <param name="Items">The configuration items it supports.</param>
public sealed record RegisterSupplier(
    RequestContext Context,
    SupplierId Id,
    SupplierKind Kind,
    string Name,
    IReadOnlyList<SupplierContact> Contacts,
    IReadOnlyList<ConfigurationItemId> Services,
    IReadOnlyList<ConfigurationItemId> Items) : ICommand<Result<Versioned<Supplier>>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Revises a supplier's profile as a whole (<see cref="Supplier.Revise"/>): its name, contacts and the services and items it
/// supports, one <see cref="SupplierRevised"/> record. NotFound (<c>supplier.not-found</c>) for an unknown supplier; Conflict
/// (<c>supplier.version-conflict</c>) when <see cref="ExpectedVersion"/> is stale; Invalid as for <see cref="RegisterSupplier"/>.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Supplier">The supplier or internal group.</param>
/// <param name="Name">Its new name.</param>
/// <param name="Contacts">Its contacts now (may be empty).</param>
/// <param name="Services">The business services it supports now.</param>
/// <param name="Items">The configuration items it supports now.</param>
public sealed record ReviseSupplier(
    RequestContext Context,
    SupplierId Supplier,
    string Name,
    IReadOnlyList<SupplierContact> Contacts,
    IReadOnlyList<ConfigurationItemId> Services,
    IReadOnlyList<ConfigurationItemId> Items) : ICommand<Result<Versioned<Supplier>>>
{
    /// <summary>When set, the command fails with Conflict (<c>supplier.version-conflict</c>) unless the stored supplier is at this version.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Drafts a contract with a registered supplier (an underpinning contract) or internal group (an OLA) and answers it at
/// version 1. NotFound when the supplier (<c>supplier.not-found</c>) or the contract's calendar (<c>calendar.not-found</c>)
/// does not exist; Conflict when the id is taken.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Id">Its key, chosen by the vendor.</param>
/// <param name="Supplier">The supplier or internal group.</param>
/// <param name="Details">What it commits to.</param>
public sealed record DraftContract(RequestContext Context, ContractId Id, SupplierId Supplier, ContractDetails Details) : ICommand<Result<Versioned<Contract>>>;

/// <summary>
/// A command on one existing contract, with optional client-side optimistic concurrency. Answers the contract as the command
/// left it, with its new version. NotFound (<c>supplier.contract.not-found</c>) for an unknown contract.
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Contract">The contract.</param>
public abstract record ContractCommand(RequestContext Context, ContractId Contract) : ICommand<Result<Versioned<Contract>>>
{
    /// <summary>When set, the command fails with Conflict (<c>supplier.contract.version-conflict</c>) unless the stored contract is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Draft -> Active.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Contract">The contract.</param>
public sealed record ActivateContract(RequestContext Context, ContractId Contract) : ContractCommand(Context, Contract);

/// <summary>Active or Renewed -> InNotice, at the latest on the current term's notice deadline.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Contract">The contract.</param>
/// <param name="Reason">Why notice is given.</param>
public sealed record GiveNotice(RequestContext Context, ContractId Contract, string Reason) : ContractCommand(Context, Contract);

/// <summary>Active or Renewed -> Renewed: the next term begins.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Contract">The contract.</param>
public sealed record RenewContract(RequestContext Context, ContractId Contract) : ContractCommand(Context, Contract);

/// <summary>Active, Renewed or InNotice -> Expired, from the end of the current term on.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Contract">The contract.</param>
public sealed record ExpireContract(RequestContext Context, ContractId Contract) : ContractCommand(Context, Contract);

/// <summary>Any open state -> Terminated.</summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Contract">The contract.</param>
/// <param name="Reason">Why.</param>
public sealed record TerminateContract(RequestContext Context, ContractId Contract, string Reason) : ContractCommand(Context, Contract);

/// <summary>
/// Links an SLA target the contract underpins (<see cref="Contract.LinkUnderpinning"/>). NotFound when the SLA definition
/// (<c>sla.not-found</c>) or the OLA the link names (<c>supplier.contract.not-found</c>) does not exist, or the SLA has no
/// targets at the link's priority (<c>sla.priority.not-covered</c>).
/// </summary>
/// <param name="Context">Tenant and acting user.</param>
/// <param name="Contract">The contract (the supplier's underpinning contract, or an OLA for a chain of two links).</param>
/// <param name="Link">The link.</param>
public sealed record LinkUnderpinning(RequestContext Context, ContractId Contract, UnderpinningLink Link) : ContractCommand(Context, Contract);
