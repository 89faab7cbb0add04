using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Suppliers;

/// <summary>Whether a <see cref="Contract"/> binds an outside supplier or an internal group.</summary>
/// <remarks><c>default</c> is <see cref="UnderpinningContract"/>.</remarks>
public enum ContractKind
{
    /// <summary>An underpinning contract (UC) with an outside supplier.</summary>
    UnderpinningContract = 0,

    /// <summary>An operational level agreement (OLA) with an internal support group.</summary>
    OperationalLevelAgreement = 1,
}

/// <summary>Where a contract is in its lifecycle.</summary>
/// <remarks>
/// Draft -> Active -> InNotice -> renewed, expired or terminated; see <see cref="ContractLifecycle.Table"/>.
/// <c>default</c> is <see cref="Draft"/>.
/// </remarks>
public enum ContractState
{
    /// <summary>Being negotiated; not yet in force.</summary>
    Draft = 0,

    /// <summary>In force, in its initial term.</summary>
    Active = 1,

    /// <summary>In force, notice given: it ends with the current term.</summary>
    InNotice = 2,

    /// <summary>In force, in a renewed term.</summary>
    Renewed = 3,

    /// <summary>Final: the term ended and the contract was not renewed.</summary>
    Expired = 4,

    /// <summary>Final: ended early, or withdrawn while a draft.</summary>
    Terminated = 5,
}

/// <summary>The transitions of a contract: one per command that changes it after it was drafted, and one per kind of history event.</summary>
/// <remarks><c>default</c> is <see cref="Activate"/>. See <see cref="ContractLifecycle.Table"/> for where each is allowed.</remarks>
public enum ContractTransition
{
    /// <summary>Put in force (<see cref="Contract.Activate"/>, <see cref="ContractActivated"/>).</summary>
    Activate = 0,

    /// <summary>Give notice that it ends with the current term (<see cref="Contract.GiveNotice"/>, <see cref="ContractNoticeGiven"/>).</summary>
    GiveNotice = 1,

    /// <summary>Enter the next term (<see cref="Contract.Renew"/>, <see cref="ContractRenewed"/>).</summary>
    Renew = 2,

    /// <summary>Record that the term ended without renewal (<see cref="Contract.Expire"/>, <see cref="ContractExpired"/>).</summary>
    Expire = 3,

    /// <summary>End it early, or withdraw a draft (<see cref="Contract.Terminate"/>, <see cref="ContractTerminated"/>).</summary>
    Terminate = 4,

    /// <summary>Link an SLA target it underpins (<see cref="Contract.LinkUnderpinning"/>, <see cref="ContractUnderpinningLinked"/>).</summary>
    LinkUnderpinning = 5,
}

/// <summary>
/// The contract lifecycle as one table (<see cref="Table"/>): which <see cref="ContractTransition"/> may lead from which
/// <see cref="ContractState"/> to which. <see cref="Contract"/>'s guards, its <see cref="Contract.NextStates"/> and
/// <see cref="Contract.Restore"/>'s replay of a stored history all read it.
/// </summary>
/// <remarks>
/// <para>
/// Draft -> Active (activate); Active and Renewed -> Renewed (renew: the next term begins); Active and Renewed ->
/// InNotice (give notice by the notice deadline); Active, Renewed and InNotice -> Expired (the term ended); every state
/// but the final ones -> Terminated. Linking an SLA target keeps every state but the final ones. Expired and
/// Terminated are final.
/// </para>
/// <para>
/// Beside the table, <see cref="Contract"/> applies the rules of its dates (<see cref="ContractTerm"/>): notice only
/// up to the term's notice deadline, renewal only of a contract that renews and only before its term ends, expiry only
/// from the end of the term on (and for an automatically renewing contract only once notice was given).
/// </para>
/// <para>Stateless and thread-safe; the table is immutable.</para>
/// </remarks>
public static class ContractLifecycle
{
    /// <summary>Error code of a stored contract whose history or state the lifecycle does not allow (<see cref="Contract.Restore"/>).</summary>
    public const string HistoryCode = "supplier.contract.history";

    private static readonly ContractState[] Open = [ContractState.Draft, ContractState.Active, ContractState.InNotice, ContractState.Renewed];

    /// <summary>The contract lifecycle: every row (from, transition, to).</summary>
    public static TransitionTable<ContractState, ContractTransition> Table { get; } = new(Rows());

    /// <summary>The states in which a contract is in force: Active, InNotice and Renewed.</summary>
    public static ImmutableArray<ContractState> InForceStates { get; } = Table.StatesAllowing(ContractTransition.Expire);

    /// <summary>True when <paramref name="state"/> is one of <see cref="InForceStates"/>.</summary>
    public static bool IsInForce(ContractState state) => InForceStates.Contains(state);

    /// <summary>The transition <paramref name="e"/> records, or null for the drafting (which starts the lifecycle in Draft).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static ContractTransition? TransitionOf(ContractEvent e) => Preconditions.CheckNotNull(e) switch
    {
        ContractActivated => ContractTransition.Activate,
        ContractNoticeGiven => ContractTransition.GiveNotice,
        ContractRenewed => ContractTransition.Renew,
        ContractExpired => ContractTransition.Expire,
        ContractTerminated => ContractTransition.Terminate,
        ContractUnderpinningLinked => ContractTransition.LinkUnderpinning,
        _ => null,
    };

    private static IEnumerable<TransitionRule<ContractState, ContractTransition>> Rows()
    {
        static TransitionRule<ContractState, ContractTransition> Row(ContractState from, ContractTransition via, ContractState to) => new(from, via, to);
        yield return Row(ContractState.Draft, ContractTransition.Activate, ContractState.Active);
        foreach (var running in new[] { ContractState.Active, ContractState.Renewed })
        {
            yield return Row(running, ContractTransition.Renew, ContractState.Renewed);
            yield return Row(running, ContractTransition.GiveNotice, ContractState.InNotice);
        }

        foreach (var open in Open)
        {
            if (open != ContractState.Draft)
            {
                yield return Row(open, ContractTransition.Expire, ContractState.Expired);
            }

            yield return Row(open, ContractTransition.Terminate, ContractState.Terminated);
            yield return Row(open, ContractTransition.LinkUnderpinning, open);
        }
    }
}
