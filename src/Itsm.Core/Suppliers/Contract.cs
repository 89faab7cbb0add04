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
public sealed class Contract
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

    private static List<ValidationError> DetailsErrors(ContractDetails d)
    {
        Preconditions.CheckNotNull(d.Term, nameof(d));
        Preconditions.CheckNotNull(d.CreditPolicy, nameof(d));
        Preconditions.CheckNotNull(d.Zone, nameof(d));
        Preconditions.CheckNotNull(d.Targets, nameof(d));
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(d.Title) || d.Title.Trim().Any(char.IsControl))
        {
            errors.Add(Failure.Field("Title", "A contract needs a title without control characters.", "supplier.contract.title"));
        }

        if (d.Fee.Amount < 0m || d.Fee.Currency.Length == 0)
        {
            errors.Add(Failure.Field("Fee", $"The fee per billing period is {d.Fee}; it must be zero or more, in a currency.", "supplier.contract.fee"));
        }

        if (d.Targets.IsEmpty || d.Targets.Any(t => t.Key is < 1 or > 100 || !IsTarget(t.Value.Response) || !IsTarget(t.Value.Resolution)))
        {
            errors.Add(Failure.Field("Targets", "A contract needs response and resolution targets at one or more priorities from P1 to P100, each positive business time of at most 100 years.", "supplier.contract.targets"));
        }

        if (d.Calendar.Value is null || d.Services.IsDefault || d.Items.IsDefault || d.Services.Any(s => s.Value is null) || d.Items.Any(i => i.Value is null))
        {
            errors.Add(Failure.Field(string.Empty, "The contract's calendar, services and items must be assigned identifiers.", "supplier.identifier"));
        }

        return errors;
    }

    private static bool IsTarget(Duration d) => d > Duration.Zero && d <= Duration.FromDays(MaxTargetDays);

    private static bool IsHandoff(Duration d) => d >= Duration.Zero && d <= Duration.FromDays(MaxTargetDays);

    private static string? Replay(ContractSnapshot s, out Contract? restored)
    {
        restored = null;
        var name = $"Stored contract {s.Id}";
        if (s.Id.Value is null || s.Supplier.Value is null || !Enum.IsDefined(s.Kind) || !Enum.IsDefined(s.State) || s.Details is null)
        {
            return $"{name} has no identifier, no supplier, no details, or an unknown kind or state.";
        }

        if (s.Details.Term is null || s.Details.CreditPolicy is null || s.Details.Zone is null || s.Details.Targets is null || DetailsErrors(s.Details).Count > 0
            || s.Details.Title != s.Details.Title.Trim() || !s.Details.Services.SequenceEqual(s.Details.Services.Distinct().Order()) || !s.Details.Items.SequenceEqual(s.Details.Items.Distinct().Order()))
        {
            return $"{name} holds details that drafting would refuse.";
        }

        if (s.History is null || s.History.IsEmpty || s.History[0] is not ContractDrafted drafted || drafted.At != s.DraftedAt || drafted.By.Value is null)
        {
            return $"{name}: its history must start with its drafting at {s.DraftedAt}.";
        }

        var contract = new Contract(s.Id, s.Supplier, s.Kind, s.Details, drafted);
        for (var i = 1; i < s.History.Count; i++)
        {
            var e = s.History[i];
            var wrong = e is null || e.By.Value is null ? "is missing or names nobody"
                : ContractLifecycle.TransitionOf(e) is not { } via || !contract.Allowed(via, e.At).IsSuccess
                    ? $"is not allowed while the contract is {contract.State} at {contract.History[^1].At}"
                : contract.Violation(e);
            if (wrong is not null)
            {
                return $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} ({e?.GetType().Name} at {e?.At}) {wrong}.";
            }

            contract.Apply(e!);
        }

        if (contract.State != s.State)
        {
            return $"{name} is {s.State}, but its history leaves it {contract.State}.";
        }

        restored = contract;
        return null;
    }

    /// <summary>What a record breaks of the contract's own rules beside the table (its dates, its input), or null.</summary>
    private string? Violation(ContractEvent e) => e switch
    {
        ContractNoticeGiven n when string.IsNullOrWhiteSpace(n.Reason) => "gives notice without a reason",
        ContractTerminated t when string.IsNullOrWhiteSpace(t.Reason) => "terminates without a reason",
        ContractRenewed r when r.Term != Term + 1 => $"renews into term {r.Term}, but the next term is {Term + 1}",
        ContractUnderpinningLinked l when l.Link is null || LinkProblem(l.Link) is not null || (l.Link.Ola is not null && Kind != ContractKind.UnderpinningContract)
            => "links an SLA target the contract cannot underpin",
        _ => DateRule(e, "replay") is { } broken ? broken.Errors.First() : null,
    };

    /// <summary>The refusal of <paramref name="e"/> by the rules of the contract's dates, or null when they allow it.</summary>
    private Result? DateRule(ContractEvent e, string action)
    {
        var today = e.At.InZone(Details.Zone).Date;
        var term = Details.Term;
        switch (e)
        {
            case ContractNoticeGiven when CurrentNoticeDeadline is not { } deadline:
                return Failure.Conflict($"Cannot {action} contract {Id}: it is open-ended and has no notice deadline; terminate it instead.", NoticeLateCode);
            case ContractNoticeGiven when today > CurrentNoticeDeadline:
                return Failure.Conflict($"Cannot {action} contract {Id}: the notice deadline of term {Term} of contract {Id} was {CurrentNoticeDeadline:yyyy-MM-dd}; on {today:yyyy-MM-dd} it is too late to give notice for this term.", NoticeLateCode);
            case ContractRenewed when term.Renewal == RenewalKind.None || term.IsOpenEnded:
                return Failure.Conflict($"Cannot {action} contract {Id}: it ({term}) has no renewal rule; draft a new contract instead.", RenewalCode);
            case ContractRenewed when CurrentTermEnd is { } end && today >= end:
                return Failure.Conflict($"Cannot {action} contract {Id}: term {Term} of contract {Id} ended on {end:yyyy-MM-dd}; record its expiry and draft a new contract.", RenewalCode);
            case ContractRenewed when term.EndOfTerm(Term + 1) is null:
                return Failure.Conflict($"Cannot {action} contract {Id}: the next term of contract {Id} would end beyond the supported dates.", RenewalCode);
            case ContractExpired when CurrentTermEnd is not { } end:
                return Failure.Conflict($"Cannot {action} contract {Id}: it is open-ended and never expires; terminate it instead.", TermRunningCode);
            case ContractExpired when today < CurrentTermEnd:
                return Failure.Conflict($"Cannot {action} contract {Id}: term {Term} of contract {Id} runs until {CurrentTermEnd:yyyy-MM-dd} (exclusive); it cannot expire on {today:yyyy-MM-dd}.", TermRunningCode);
            case ContractExpired when term.Renewal == RenewalKind.Automatic && State != ContractState.InNotice:
                return Failure.Conflict($"Cannot {action} contract {Id}: it renews automatically and no notice was given, so it did not expire; give notice or terminate it.", TermRunningCode);
            default:
                return null;
        }
    }

    private string? LinkProblem(UnderpinningLink link) =>
        link.Sla.Value is null ? "The link must name an SLA definition."
        : !Details.Targets.ContainsKey(link.Priority) ? $"Contract {Id} has no targets at P{link.Priority}; it covers {string.Join(", ", Details.Targets.Keys.Select(p => $"P{p}"))}."
        : !IsHandoff(link.Handoff) || !IsHandoff(link.OlaHandoff) ? "Hand-offs must be zero or positive business time of at most 100 years."
        : link.Ola is null && link.OlaHandoff != Duration.Zero ? "A chain without an OLA has no OLA hand-off."
        : null;

    private Result Transit(ContractEvent e, string action)
    {
        var via = ContractLifecycle.TransitionOf(e)!.Value;
        var allowed = Allowed(via, e.At, action);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        return DateRule(e, action) ?? Append(e);
    }

    /// <summary>State first, then time: the transition must be allowed from the current state, and <paramref name="at"/> not before the latest record.</summary>
    private Result Allowed(ContractTransition via, Instant at, string action = "change")
    {
        var table = ContractLifecycle.Table;
        if (!table.Allows(State, via))
        {
            var next = table.NextStates(State);
            return Failure.Conflict(
                $"Cannot {action} contract {Id} while it is {State}; that is allowed only when it is {string.Join(" or ", table.StatesAllowing(via))}. "
                + $"From {State} it may move to: {(next.IsEmpty ? "nothing (final)" : string.Join(", ", next))}.",
                IllegalTransitionCode);
        }

        var last = History[^1].At;
        return at < last
            ? Failure.Conflict($"Cannot {action} contract {Id} at {at}: its last change was at {last}, and history does not run backwards.", TimeOrderCode)
            : Result.Success();
    }

    private Result Append(ContractEvent e)
    {
        Apply(e);
        return Result.Success();
    }

    /// <summary>Makes the transition <paramref name="e"/> records; its checks were made before.</summary>
    private void Apply(ContractEvent e)
    {
        var via = ContractLifecycle.TransitionOf(e)!.Value;
        State = ContractLifecycle.Table.TargetsOf(State, via)[0];
        switch (e)
        {
            case ContractNoticeGiven:
                NoticeGivenAt = e.At;
                break;
            case ContractRenewed r:
                Term = r.Term;
                break;
            case ContractExpired or ContractTerminated:
                EndedAt = e.At;
                break;
            case ContractUnderpinningLinked l:
                links[(l.Link.Sla, l.Link.Priority)] = l.Link;
                break;
        }

        History = History.Add(e);
    }
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
