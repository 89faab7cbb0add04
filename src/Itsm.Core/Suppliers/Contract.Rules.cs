using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>A contract's rules: validation of its details, the date and link rules of its transitions, and the replay of its history.</summary>
public sealed partial class Contract
{
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
    private Result Allowed(ContractTransition via, Instant at, string action = "change") =>
        ContractLifecycle.Table.Require(State, via, action, $"contract {Id}", History[^1].At, at, IllegalTransitionCode, TimeOrderCode);

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
