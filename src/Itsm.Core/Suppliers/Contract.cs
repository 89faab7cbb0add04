using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>
/// A contract that backs what the provider promises its customers: an underpinning contract with an outside supplier
/// or an operational level agreement with an internal group. It holds its <see cref="ContractDetails"/> (dates, billing,
/// fee, credit policy, calendar, targets per priority, what it covers), the SLA targets it underpins, and its lifecycle.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lifecycle.</b> Draft -> Active -> InNotice -> renewed, expired or terminated; the one table
/// <see cref="ContractLifecycle.Table"/> says which transition is allowed where, and the rules of the contract's dates
/// (<see cref="ContractTerm"/>, read in <see cref="ContractDetails.Zone"/>) come on top: notice is given at the latest on
/// the current term's notice deadline (<c>supplier.contract.notice-late</c>); only a contract with a renewal rule renews,
/// and only before its term ends (<c>supplier.contract.renewal</c>); a contract expires from the end of its term on, and
/// one that renews automatically only once notice was given (<c>supplier.contract.term-running</c>).
/// </para>
/// <para>
/// <b>One convention for every transition</b>, as for incidents, changes and problems: its own inputs first, then the
/// acting user, then the instant. It checks the state first (<c>supplier.contract.illegal-transition</c>), then the time
/// (<c>supplier.contract.time-order</c>), then its dates and input; it either appends exactly one <see cref="ContractEvent"/>
/// to <see cref="History"/> or returns a failed <see cref="Result"/> and changes nothing. Every member but the identity
/// and the details is derived from the history, so a restored contract is its history replayed through the table.
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed partial class Contract
{
    /// <summary>Error code of an action the current state does not allow.</summary>
    public const string IllegalTransitionCode = "supplier.contract.illegal-transition";

    /// <summary>Error code of an action at an instant before the contract's latest record.</summary>
    public const string TimeOrderCode = "supplier.contract.time-order";

    /// <summary>Error code of notice given after the current term's notice deadline, or on an open-ended contract.</summary>
    public const string NoticeLateCode = "supplier.contract.notice-late";

    /// <summary>Error code of a renewal the contract's dates do not allow.</summary>
    public const string RenewalCode = "supplier.contract.renewal";

    /// <summary>Error code of an expiry before the current term has ended.</summary>
    public const string TermRunningCode = "supplier.contract.term-running";

    private const long MaxTargetDays = 36525;

    private readonly Dictionary<(SlaDefinitionId Sla, int Priority), UnderpinningLink> links = [];

    private Contract(ContractId id, SupplierId supplier, ContractKind kind, ContractDetails details, ContractDrafted drafted)
    {
        Id = id;
        Supplier = supplier;
        Kind = kind;
        Details = details;
        DraftedAt = drafted.At;
        History = [drafted];
    }

    /// <summary>The contract's identifier.</summary>
    public ContractId Id { get; }

    /// <summary>The supplier or internal group it binds.</summary>
    public SupplierId Supplier { get; }

    /// <summary>Underpinning contract or OLA (from the supplier's kind).</summary>
    public ContractKind Kind { get; }

    /// <summary>What it commits to.</summary>
    public ContractDetails Details { get; }

    /// <summary>When it was drafted.</summary>
    public Instant DraftedAt { get; }

    /// <summary>Where it is in its lifecycle.</summary>
    public ContractState State { get; private set; }

    /// <summary>The index of the current term (0 for the initial term; one more for each renewal).</summary>
    public int Term { get; private set; }

    /// <summary>When notice was given, or null.</summary>
    public Instant? NoticeGivenAt { get; private set; }

    /// <summary>When it ended (expired or terminated), or null.</summary>
    public Instant? EndedAt { get; private set; }

    /// <summary>The SLA targets it underpins, ordered by SLA definition and priority.</summary>
    public ImmutableArray<UnderpinningLink> Underpinnings => [.. links.Values.OrderBy(l => l.Sla).ThenBy(l => l.Priority)];

    /// <summary>Everything that happened, oldest first, from <see cref="ContractDrafted"/> on.</summary>
    public ImmutableList<ContractEvent> History { get; private set; }

    /// <summary>True while in force (<see cref="ContractLifecycle.InForceStates"/>).</summary>
    public bool IsInForce => ContractLifecycle.IsInForce(State);

    /// <summary>The states the table allows next from the current one (empty when final).</summary>
    public ImmutableArray<ContractState> NextStates => ContractLifecycle.Table.NextStates(State);

    /// <summary>The end of the current term (exclusive: the first day after it); null when open-ended.</summary>
    public LocalDate? CurrentTermEnd => Details.Term.EndOfTerm(Term);

    /// <summary>The notice deadline of the current term; null when open-ended.</summary>
    public LocalDate? CurrentNoticeDeadline => Details.Term.NoticeDeadline(Term);

    /// <summary>
    /// Drafts a contract with <paramref name="supplier"/>: an underpinning contract for an outside supplier, an OLA for an
    /// internal group. Invalid naming each bad part: a blank title (<c>supplier.contract.title</c>), a negative fee
    /// (<c>supplier.contract.fee</c>), no targets or a target that is not positive business time of at most 100 years at a
    /// priority rank from 1 to 100 (<c>supplier.contract.targets</c>), an unassigned identifier (<c>supplier.identifier</c>).
    /// </summary>
    /// <param name="id">Its identifier.</param>
    /// <param name="supplier">The supplier or internal group it binds.</param>
    /// <param name="details">What it commits to.</param>
    /// <param name="by">Who drafts it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="supplier"/> or <paramref name="details"/> (or one of its parts) is null.</exception>
    public static Result<Contract> Draft(ContractId id, Supplier supplier, ContractDetails details, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(supplier);
        Preconditions.CheckNotNull(details);
        var errors = DetailsErrors(details);
        if (id.Value is null || by.Value is null)
        {
            errors.Add(Failure.Field(string.Empty, "The contract id and the acting user must be assigned.", "supplier.identifier"));
        }

        if (errors.Count > 0)
        {
            return Result<Contract>.Invalid(errors);
        }

        var normal = details with
        {
            Title = details.Title.Trim(),
            Services = [.. details.Services.Distinct().Order()],
            Items = [.. details.Items.Distinct().Order()],
        };
        return new Contract(id, supplier.Id, supplier.ContractKind, normal, new ContractDrafted(at, by));
    }

    /// <summary>Puts the contract in force: Draft -> Active.</summary>
    /// <param name="by">Who activates it.</param>
    /// <param name="at">When.</param>
    public Result Activate(UserId by, Instant at) => Transit(new ContractActivated(at, by), "activate");

    /// <summary>
    /// Gives notice that the contract ends with its current term: Active or Renewed -> InNotice. Conflict
    /// (<c>supplier.contract.notice-late</c>) after the term's notice deadline or for an open-ended contract; Invalid
    /// (<c>supplier.contract.reason</c>) without a reason.
    /// </summary>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who gives notice.</param>
    /// <param name="at">When.</param>
    public Result GiveNotice(string? reason, UserId by, Instant at) =>
        string.IsNullOrWhiteSpace(reason) && Allowed(ContractTransition.GiveNotice, at).IsSuccess
            ? Failure.Invalid("Reason", "Say why notice is given.", "supplier.contract.reason")
            : Transit(new ContractNoticeGiven(at, by, reason?.Trim() ?? string.Empty), "give notice on");

    /// <summary>
    /// Enters the next term: Active or Renewed -> Renewed. Conflict (<c>supplier.contract.renewal</c>) when the contract
    /// does not renew (no renewal rule, open-ended), when its current term has already ended, or when the next term would
    /// end beyond the supported dates.
    /// </summary>
    /// <param name="by">Who renews it.</param>
    /// <param name="at">When.</param>
    public Result Renew(UserId by, Instant at) => Transit(new ContractRenewed(at, by, Term + 1), "renew");

    /// <summary>
    /// Records that the current term ended without renewal: Active, Renewed or InNotice -> Expired. Conflict
    /// (<c>supplier.contract.term-running</c>) before the end of the term, for an open-ended contract, and for a contract
    /// that renews automatically unless notice was given.
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="at">When.</param>
    public Result Expire(UserId by, Instant at) => Transit(new ContractExpired(at, by), "expire");

    /// <summary>Ends the contract early, or withdraws a draft: any open state -> Terminated; Invalid (<c>supplier.contract.reason</c>) without a reason.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who terminates it.</param>
    /// <param name="at">When.</param>
    public Result Terminate(string? reason, UserId by, Instant at) =>
        string.IsNullOrWhiteSpace(reason) && Allowed(ContractTransition.Terminate, at).IsSuccess
            ? Failure.Invalid("Reason", "Say why the contract is terminated.", "supplier.contract.reason")
            : Transit(new ContractTerminated(at, by, reason?.Trim() ?? string.Empty), "terminate");

    /// <summary>
    /// Links an SLA target this contract underpins (replacing an earlier link of the same SLA definition and priority);
    /// keeps the state. Invalid (<c>supplier.contract.link</c>) when the contract has no target at the link's priority, a
    /// hand-off is negative or above 100 years, or the chain through <paramref name="ola"/> is not an OLA followed by this
    /// underpinning contract.
    /// </summary>
    /// <param name="link">The link.</param>
    /// <param name="ola">The OLA the link names (<see cref="UnderpinningLink.Ola"/>), or null when it names none.</param>
    /// <param name="by">Who links it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="link"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ola"/> is not the contract <paramref name="link"/> names.</exception>
    public Result LinkUnderpinning(UnderpinningLink link, Contract? ola, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(link);
        Preconditions.CheckArgument(link.Ola == ola?.Id, nameof(ola), "Pass the OLA the link names, and only that one.");
        var allowed = Allowed(ContractTransition.LinkUnderpinning, at);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        if (ola is not null && (Kind != ContractKind.UnderpinningContract || ola.Kind != ContractKind.OperationalLevelAgreement || ola.Id == Id))
        {
            return Failure.Invalid("Ola", $"A chain runs through an internal group's OLA to a supplier's underpinning contract; {ola.Id} is {ola.Kind} and {Id} is {Kind}.", "supplier.contract.link");
        }

        return LinkProblem(link) is { } problem
            ? Failure.Invalid("Link", problem, "supplier.contract.link")
            : Append(new ContractUnderpinningLinked(at, by, link));
    }

    /// <summary>
    /// The chain that <paramref name="link"/> says underpins the SLA: the SLA's resolution target <paramref name="slaTarget"/> on
    /// <paramref name="slaCalendar"/>, the hand-off, through the OLA's calendar when the link names one, then this contract's
    /// resolution target at the link's priority on <paramref name="calendar"/> (this contract's calendar).
    /// </summary>
    /// <param name="link">One of <see cref="Underpinnings"/>.</param>
    /// <param name="slaTarget">The SLA's resolution target at the link's priority.</param>
    /// <param name="slaCalendar">The SLA's compiled calendar.</param>
    /// <param name="calendar">This contract's compiled calendar.</param>
    /// <param name="olaCalendar">The OLA's compiled calendar when the link names an OLA, else null.</param>
    /// <returns>The chain, or Invalid as <see cref="UnderpinningChain.Create"/> answers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="link"/> or a calendar is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="link"/> is not one of this contract's, or <paramref name="olaCalendar"/> is given without an OLA in the link or missing with one.</exception>
    public Result<UnderpinningChain> ChainFor(UnderpinningLink link, Duration slaTarget, BusinessCalendar slaCalendar, BusinessCalendar calendar, BusinessCalendar? olaCalendar)
    {
        Preconditions.CheckNotNull(link);
        Preconditions.CheckArgument(UnderpinningOf(link.Sla, link.Priority) == link, nameof(link), $"The link is not one of contract {Id}'s.");
        Preconditions.CheckArgument((link.Ola is null) == (olaCalendar is null), nameof(olaCalendar), "Pass the OLA's calendar exactly when the link runs through an OLA.");
        var target = Details.Targets[link.Priority].Resolution;
        return olaCalendar is null
            ? UnderpinningChain.Create(slaCalendar, slaTarget, link.Handoff, calendar, target)
            : UnderpinningChain.CreateThroughOla(slaCalendar, slaTarget, link.Handoff, olaCalendar, link.OlaHandoff, calendar, target);
    }

    /// <summary>The link of <paramref name="sla"/> at <paramref name="priority"/>, or null.</summary>
    /// <param name="sla">The SLA definition.</param>
    /// <param name="priority">The priority rank.</param>
    public UnderpinningLink? UnderpinningOf(SlaDefinitionId sla, int priority) => links.GetValueOrDefault((sla, priority));

    /// <summary>
    /// The first notice deadline on or after <paramref name="today"/> (<see cref="ContractTerm.NextNoticeDeadline"/>) while the
    /// contract is in force without notice given; null otherwise, and for an open-ended contract.
    /// </summary>
    /// <param name="today">The date to count from.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="today"/> is after <see cref="ContractTerm.MaxSupportedDate"/>.</exception>
    public LocalDate? NextNoticeDeadline(LocalDate today) =>
        State is ContractState.Active or ContractState.Renewed ? Details.Term.NextNoticeDeadline(today) : null;

    /// <summary>
    /// True when the contract is in force without notice given and its next notice deadline falls within the next
    /// <paramref name="days"/> days of <paramref name="today"/> (today is day 0): the test of "contracts whose notice deadline is near".
    /// </summary>
    /// <param name="today">The date to count from.</param>
    /// <param name="days">How many days ahead, 0 to 36,600.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is out of range, or <paramref name="today"/> is after <see cref="ContractTerm.MaxSupportedDate"/>.</exception>
    public bool IsNoticeDeadlineWithin(LocalDate today, int days) =>
        State is ContractState.Active or ContractState.Renewed && Details.Term.IsNoticeDeadlineWithin(today, days);

    /// <summary>The stored form.</summary>
    public ContractSnapshot ToSnapshot() => new(Id, Supplier, Kind, Details, DraftedAt, State, History);

    /// <summary>
    /// Restores a contract from its stored form, replaying its history through <see cref="ContractLifecycle.Table"/> and the
    /// rules of its dates: Invalid (<c>supplier.contract.history</c>) naming the first record that does not fit, or when the
    /// details would not be drafted again, or the state differs from the history's.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<Contract> Restore(ContractSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var problem = Replay(snapshot, out var restored);
        return problem is null
            ? restored!
            : Result<Contract>.Invalid(Failure.Field(nameof(ContractSnapshot.History), problem, ContractLifecycle.HistoryCode));
    }

    /// <summary>Returns the identifier, kind, state and title, for diagnostics.</summary>
    public override string ToString() => $"{Id} {Kind} {State}: {Details.Title}";
}

/// <summary>A contract's stored form: its identity, its details, its state and its history; every other member is its history replayed.</summary>
/// <param name="Id">The contract's identifier.</param>
/// <param name="Supplier">The supplier or internal group it binds.</param>
/// <param name="Kind">Underpinning contract or OLA.</param>
/// <param name="Details">What it commits to.</param>
/// <param name="DraftedAt">When it was drafted.</param>
/// <param name="State">Where it is in its lifecycle.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record ContractSnapshot(
    ContractId Id,
    SupplierId Supplier,
    ContractKind Kind,
    ContractDetails Details,
    Instant DraftedAt,
    ContractState State,
    ImmutableList<ContractEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
