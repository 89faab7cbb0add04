using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>How a contract's term continues when it ends.</summary>
public enum RenewalKind
{
    /// <summary>The contract expires at the end of its initial term.</summary>
    None = 0,

    /// <summary>The contract renews itself for another period unless notice is given by the notice deadline.</summary>
    Automatic = 1,

    /// <summary>The contract continues for another period only when both parties renew it explicitly.</summary>
    Explicit = 2,
}

/// <summary>
/// The dates of a contract (an underpinning contract with a supplier or an operational level
/// agreement with an internal group): its start, its initial term, how it renews, how much notice
/// it needs; and the pure date arithmetic over them: the end of each term, the renewal dates, the
/// notice deadlines.
/// </summary>
/// <remarks>
/// <para>
/// <b>Terms.</b> Term 0 is the initial term, <c>[Start, Start + InitialTerm)</c> as dates
/// (half-open: the end date is the first day of the next term). Term <c>k</c> ends at
/// <c>Start + InitialTerm + k × RenewalPeriod</c>, computed from the start in one step by the
/// month-end rule of <see cref="Periodicity"/>: a monthly contract that starts on 31 January renews
/// on the last day of February, then on 31 March. The renewal dates (the ends of the terms, each
/// the first day of the next one) therefore strictly increase. For <see cref="RenewalKind.Explicit"/>
/// the terms after the first are those the contract would have if it were renewed each time.
/// An open-ended contract has one term without end and no renewals.
/// </para>
/// <para>
/// <b>Notice deadline.</b> The latest date on which notice may be given so that a term does not
/// renew: the term's last day (its end minus one day) minus the notice period, by the same
/// month-end rule (a term whose last day is 31 December with three months' notice has its deadline on
/// 30 September; with no notice period it is the last day itself). It is never after the term's last day.
/// </para>
/// <para>
/// <b>Terminates.</b> Every member does a bounded amount of work (a galloping search over the term
/// index, never a day-by-day or term-by-term walk) and no date beyond 3999-12-31 is ever computed;
/// dates given are from <see cref="MinSupportedDate"/> to <see cref="MaxSupportedDate"/>.
/// </para>
/// <para>Immutable and thread-safe. A class, so there is no <c>default</c>.</para>
/// </remarks>
public sealed class ContractTerm
{
    /// <summary>The first date a contract may start on or be asked about.</summary>
    public static readonly LocalDate MinSupportedDate = new(1900, 1, 1);

    /// <summary>The last date a contract may start on or be asked about.</summary>
    public static readonly LocalDate MaxSupportedDate = new(2999, 12, 31);

    private readonly DateSequence ends;

    private ContractTerm(LocalDate start, Periodicity? initialTerm, RenewalKind renewal, Periodicity renewalPeriod, Periodicity? notice)
    {
        Start = start;
        InitialTerm = initialTerm;
        Renewal = renewal;
        RenewalPeriod = renewalPeriod;
        Notice = notice;
        var initial = initialTerm ?? default;
        ends = new DateSequence(start, initial.Months, initial.Days, renewalPeriod);
    }

    /// <summary>The first day of the contract.</summary>
    public LocalDate Start { get; }

    /// <summary>The length of the initial term; null for an open-ended contract.</summary>
    public Periodicity? InitialTerm { get; }

    /// <summary>How the contract continues at the end of a term.</summary>
    public RenewalKind Renewal { get; }

    /// <summary>The length of each renewed term (meaningful when <see cref="Renewal"/> is not <see cref="RenewalKind.None"/>).</summary>
    public Periodicity RenewalPeriod { get; }

    /// <summary>The notice period; null when notice may be given up to a term's last day.</summary>
    public Periodicity? Notice { get; }

    /// <summary>True when the contract has no end date (and so neither renewals nor notice deadlines).</summary>
    public bool IsOpenEnded => InitialTerm is null;

    /// <summary>
    /// Validates and creates the dates of a contract. Invalid when the start is outside
    /// <see cref="MinSupportedDate"/> to <see cref="MaxSupportedDate"/> or not an ISO date
    /// (<c>supplier.term.start</c>), when an open-ended contract is given a renewal rule
    /// (<c>supplier.term.renewal</c>), or when the renewal kind is not defined
    /// (<c>supplier.term.renewal</c>). Periodicities are valid by construction (never zero).
    /// </summary>
    /// <param name="start">The first day of the contract.</param>
    /// <param name="initialTerm">The initial term; null for an open-ended contract.</param>
    /// <param name="renewal">How the contract continues.</param>
    /// <param name="renewalPeriod">The length of each renewed term; ignored (and stored as the initial term) when <paramref name="renewal"/> is <see cref="RenewalKind.None"/>.</param>
    /// <param name="notice">The notice period, or null for none.</param>
    public static Result<ContractTerm> Create(LocalDate start, Periodicity? initialTerm, RenewalKind renewal, Periodicity? renewalPeriod = null, Periodicity? notice = null)
    {
        var errors = new List<ValidationError>();
        if (start.Calendar != CalendarSystem.Iso || start < MinSupportedDate || start > MaxSupportedDate)
        {
            errors.Add(Failure.Field("Start", $"A contract starts on an ISO date from {MinSupportedDate:yyyy-MM-dd} to {MaxSupportedDate:yyyy-MM-dd}; {start} is not one.", "supplier.term.start"));
        }

        if (!Enum.IsDefined(renewal))
        {
            errors.Add(Failure.Field("Renewal", $"'{renewal}' is not a renewal rule; use none, automatic or explicit.", "supplier.term.renewal"));
        }
        else if (initialTerm is null && renewal != RenewalKind.None)
        {
            errors.Add(Failure.Field("Renewal", "An open-ended contract has no term to renew; give it an initial term or no renewal rule.", "supplier.term.renewal"));
        }
        else if (renewal != RenewalKind.None && renewalPeriod is null)
        {
            errors.Add(Failure.Field("RenewalPeriod", "A contract that renews needs the length of each renewed term.", "supplier.term.renewal"));
        }

        if (errors.Count > 0)
        {
            return Result<ContractTerm>.Invalid(errors);
        }

        var step = renewal == RenewalKind.None ? initialTerm ?? default : renewalPeriod!.Value;
        return new ContractTerm(start, initialTerm, renewal, step, notice);
    }

    /// <summary>
    /// The end of term <paramref name="index"/> (exclusive: the first day after it, which is the
    /// renewal date when the contract renews); null when the contract is open-ended, when it does not
    /// renew and <paramref name="index"/> is above 0, or when the date would lie beyond 3999-12-31.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public LocalDate? EndOfTerm(int index)
    {
        Preconditions.CheckNonNegative(index);
        if (IsOpenEnded || (Renewal == RenewalKind.None && index > 0))
        {
            return null;
        }

        return ends.TryAt(index, out var end) ? end : null;
    }

    /// <summary>The first day of term <paramref name="index"/> (the start, or the end of the term before); null as for <see cref="EndOfTerm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public LocalDate? StartOfTerm(int index)
    {
        Preconditions.CheckNonNegative(index);
        return index == 0 ? Start : EndOfTerm(index - 1);
    }

    /// <summary>
    /// The renewal dates up to and including <paramref name="through"/>, ascending and strictly
    /// increasing: the end of every term that is followed by another (for
    /// <see cref="RenewalKind.Explicit"/>, the dates on which it would renew if renewed each time).
    /// Empty for a contract that does not renew or is open-ended.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="through"/> is after <see cref="MaxSupportedDate"/> or not an ISO date.</exception>
    public IReadOnlyList<LocalDate> RenewalDates(LocalDate through)
    {
        CheckDate(through);
        var dates = new List<LocalDate>();
        if (IsOpenEnded || Renewal == RenewalKind.None)
        {
            return dates;
        }

        for (var k = 0L; ends.TryAt(k, out var date) && date <= through; k++)
        {
            dates.Add(date);
        }

        return dates;
    }

    /// <summary>
    /// The index of the term in force on <paramref name="date"/> (0 for the initial term); null before
    /// the start and, for a contract that does not renew, from the end of its initial term on.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is after <see cref="MaxSupportedDate"/>.</exception>
    public int? TermIndexOn(LocalDate date)
    {
        CheckDate(date);
        if (date < Start)
        {
            return null;
        }

        if (IsOpenEnded)
        {
            return 0;
        }

        var index = ends.FirstIndexAfter(date);
        if (index < 0 || (Renewal == RenewalKind.None && index > 0))
        {
            return null;
        }

        return (int)index;
    }

    /// <summary>
    /// The notice deadline of term <paramref name="index"/>: its last day minus the notice period
    /// (see the remarks), never after that last day; null when the term has no end.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public LocalDate? NoticeDeadline(int index) => EndOfTerm(index) is { } end ? Deadline(end) : null;

    /// <summary>
    /// The first notice deadline on or after <paramref name="today"/>: the deadline by which notice must
    /// be given, at the latest, for the contract not to continue past the end of the term it governs.
    /// Null when the contract is open-ended, has expired, or no later deadline exists before 3999-12-31.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="today"/> is after <see cref="MaxSupportedDate"/>.</exception>
    public LocalDate? NextNoticeDeadline(LocalDate today)
    {
        CheckDate(today);
        if (IsOpenEnded)
        {
            return null;
        }

        // Deadlines never decrease with the term index (ends strictly increase and subtracting a
        // fixed period is monotone), so "the deadline of term k is before today" holds for a prefix
        // of the indices; an index beyond the date limit counts as not before.
        var limit = Renewal == RenewalKind.None ? 0L : long.MaxValue;
        bool Before(long k) => k <= limit && ends.TryAt(k, out var end) && Deadline(end) < today;
        if (!Before(0))
        {
            return ends.TryAt(0, out var first) ? Deadline(first) : null;
        }

        long low = 0;
        long high = 1;
        while (Before(high))
        {
            low = high;
            high *= 2;
        }

        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            if (Before(mid))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return high <= limit && ends.TryAt(high, out var found) ? Deadline(found) : null;
    }

    /// <summary>
    /// True when the next notice deadline on or after <paramref name="today"/> falls within the next
    /// <paramref name="days"/> days (today counts as day 0, so <c>days = 0</c> asks for today only):
    /// the test behind "contracts whose notice deadline is near".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative or above 36,600, or <paramref name="today"/> is after <see cref="MaxSupportedDate"/>.</exception>
    public bool IsNoticeDeadlineWithin(LocalDate today, int days)
    {
        Preconditions.CheckArgumentRange(days, 0, 36600);
        return NextNoticeDeadline(today) is { } deadline && deadline <= today.PlusDays(days);
    }

    /// <summary>Reads like <c>2027-01-31 for 1 month, renews automatically every 1 month, 1 month notice</c>.</summary>
    public override string ToString()
    {
        var length = InitialTerm is { } term ? $"for {term}" : "open-ended";
        var renewal = Renewal switch
        {
            RenewalKind.Automatic => $", renews automatically every {RenewalPeriod}",
            RenewalKind.Explicit => $", renews explicitly for {RenewalPeriod}",
            _ => string.Empty,
        };
        var notice = Notice is { } n ? $", {n} notice" : string.Empty;
        return $"{Start:yyyy-MM-dd} {length}{renewal}{notice}";
    }

    private static void CheckDate(LocalDate date)
    {
        if (date.Calendar != CalendarSystem.Iso || date > MaxSupportedDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Contract dates are ISO dates answered up to {MaxSupportedDate:yyyy-MM-dd}.");
        }
    }

    private LocalDate Deadline(LocalDate end)
    {
        var lastDay = end.PlusDays(-1);
        return Notice is { } notice ? notice.SubtractFrom(lastDay) : lastDay;
    }
}
