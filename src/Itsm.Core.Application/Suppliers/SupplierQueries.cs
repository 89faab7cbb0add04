using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.Application.Suppliers;

/// <summary>One supplier with its version; NotFound (<c>supplier.not-found</c>) when unknown.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Supplier">The supplier.</param>
public sealed record GetSupplier(RequestContext Context, SupplierId Supplier) : IQuery<Result<Versioned<Supplier>>>;

/// <summary>One contract with its version; NotFound (<c>supplier.contract.not-found</c>) when unknown.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Contract">The contract.</param>
public sealed record GetContract(RequestContext Context, ContractId Contract) : IQuery<Result<Versioned<Contract>>>;

/// <summary>Contracts by id, of one supplier and in some states when given (<see cref="ContractsById"/>).</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListContracts(RequestContext Context) : IQuery<Result<IReadOnlyList<Versioned<Contract>>>>
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Only contracts with this supplier or internal group.</summary>
    public SupplierId? Supplier { get; init; }

    /// <summary>Only contracts in these states.</summary>
    public IReadOnlyList<ContractState>? States { get; init; }

    /// <summary>How many to skip.</summary>
    public int Skip { get; init; }

    /// <summary>How many to return at most (1 to 1,000).</summary>
    public int Take { get; init; } = 100;
}

/// <summary>
/// The contracts in force without notice given whose next notice deadline falls within the next <paramref name="Days"/> days
/// (today, in each contract's zone, is day 0; <see cref="Contract.IsNoticeDeadlineWithin"/>), soonest deadline first, then by id:
/// the ones to decide on now. Invalid (<c>supplier.notice.days</c>) for days outside 0 to 36,600.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Days">How many days ahead.</param>
public sealed record ListContractsInNotice(RequestContext Context, int Days) : IQuery<Result<IReadOnlyList<ContractNoticeDue>>>;

/// <summary>A contract whose notice deadline is near.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Version">Its stored version.</param>
/// <param name="Deadline">Its next notice deadline: the last day notice may be given for the current term not to continue.</param>
public sealed record ContractNoticeDue(Contract Contract, long Version, LocalDate Deadline);

/// <summary>
/// Checks whether the chain a contract's link names underpins the SLA target over <paramref name="Period"/>
/// (<see cref="UnderpinningChecker.Check"/>): the SLA's resolution target at <paramref name="Priority"/> on its calendar, the
/// hand-off, the OLA when the link names one, and this contract's resolution target on its calendar. NotFound when the
/// contract, its link (<c>supplier.contract.not-linked</c>), the SLA, a calendar or the OLA does not exist.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Contract">The contract the link is on.</param>
/// <param name="Sla">The SLA definition.</param>
/// <param name="Priority">The priority rank.</param>
/// <param name="Period">The starts to check (half-open).</param>
public sealed record CheckUnderpinning(RequestContext Context, ContractId Contract, SlaDefinitionId Sla, int Priority, Interval Period) : IQuery<Result<UnderpinningReport>>;
