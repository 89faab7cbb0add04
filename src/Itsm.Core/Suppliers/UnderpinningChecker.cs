using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>
/// Decides exactly whether an <see cref="UnderpinningChain"/> underpins its SLA target over a period:
/// for <b>every</b> start <c>s</c> (every whole UTC second of the period),
/// <c>UC.Add(SLA.Add(s, handoff), ucTarget) &lt;= SLA.Add(s, slaTarget)</c>, each <c>Add</c> on its own
/// compiled calendar, across holidays, special days and daylight saving time; for a chain through an internal
/// group's OLA, <c>UC.Add(OLA.Add(SLA.Add(s, handoff), olaHandoff), ucTarget) &lt;= SLA.Add(s, slaTarget)</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>The idea.</b> On a compiled calendar the working time before an instant, <c>W(t)</c>, is
/// continuous and piecewise linear (slope 1 in working time, 0 outside), and
/// <c>Add(s, d)</c> is the left-most instant where <c>W</c> reaches <c>W(s) + d</c>. So both deadlines,
/// <c>F(s) = SLA.Add(s, T)</c> and <c>G(s) = UC.Add(SLA.Add(s, H), V)</c>, are non-decreasing step-and-slope
/// functions of <c>s</c>: on each open interval between their breakpoints each is affine (slope 0 or 1),
/// and at a breakpoint either may jump (a deadline that runs out exactly at a closing time stays there;
/// a start one second later is due only after the next opening). The breakpoints are all found
/// from the timelines, never by sampling: the working-interval edges of the SLA calendar in the period;
/// the starts at which <c>F</c> or the hand-off <c>h(s) = SLA.Add(s, H)</c> reaches an edge of the
/// SLA calendar (<c>s = SLA.Add(from, W(edge) - d)</c>); and the starts at which <c>h(s)</c> reaches a
/// breakpoint of <c>UC.Add(·, V)</c>, which are the UC calendar's edges and the hand-offs at which the
/// UC deadline reaches one of them, mapped back through the hand-off the same way. A chain of three links
/// is the same walk one link longer: the breakpoints of the OLA-then-UC tail in the OLA's input (the OLA
/// calendar's edges, the inputs whose OLA hand-off reaches an OLA edge, and those whose hand-off reaches a
/// breakpoint of the UC link) are mapped back through the SLA's hand-off.
/// </para>
/// <para>
/// Each breakpoint that is a whole second is evaluated on its own; between two breakpoints the
/// shortfall <c>G(s) - F(s)</c> is affine in <c>s</c>, so evaluating it at the first and last whole
/// second strictly inside gives, by exact integer arithmetic, the sub-run of seconds that fail. Runs
/// that touch are merged. The first failing second is therefore the first that really fails (its
/// predecessor passes), to the second; the worst shortfall is taken at the ends of the failing runs,
/// where an affine function attains its maximum.
/// </para>
/// <para>
/// <b>Cost.</b> <c>O(B log B)</c> for <c>B</c> breakpoints, with a few <c>Add</c> and
/// <c>BusinessTimeBetween</c> calls (each a few comparisons on the compiled timeline) per breakpoint;
/// <c>B</c> is a small multiple of the working intervals of both calendars in the period, a few
/// thousand for a year of office hours. Nothing is sampled; nothing depends on the period's length in seconds.
/// </para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class UnderpinningChecker
{
    private const long NanosPerSecond = 1_000_000_000L;

    /// <summary>
    /// Checks every whole-second start in <paramref name="period"/> (half-open). Invalid
    /// (<c>supplier.underpin.period</c>) when the period lacks a start or an end, lies outside the
    /// calendars' supported range or holds no whole second; Invalid
    /// (<c>supplier.underpin.beyond-horizon</c>) when a deadline of a start in it would lie at or
    /// beyond the calendars' horizon (2150-01-01T00:00:00Z).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> is null.</exception>
    public static Result<UnderpinningReport> Check(UnderpinningChain chain, Interval period)
    {
        Preconditions.CheckNotNull(chain);
        if (!period.HasStart || !period.HasEnd || period.Start < BusinessCalendar.MinSupportedInstant || period.End > BusinessCalendar.MaxSupportedInstant)
        {
            return Result<UnderpinningReport>.Invalid(Failure.Field("Period", $"The period {period} must have a start and an end within {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant}.", "supplier.underpin.period"));
        }

        var first = CeilingSecond(TimelineMath.ToNanos(period.Start));
        var last = CeilingSecond(TimelineMath.ToNanos(period.End)) - NanosPerSecond;
        if (last < first)
        {
            return Result<UnderpinningReport>.Invalid(Failure.Field("Period", $"The period {period} holds no whole second to start an incident at.", "supplier.underpin.period"));
        }

        var evaluator = new Evaluator(chain);
        if (!evaluator.TryDeadlines(last, out _, out _))
        {
            return Result<UnderpinningReport>.Invalid(Failure.Field("Period", $"For a start at {TimelineMath.ToInstant(last)} a deadline of {chain} lies at or beyond the calendars' horizon {BusinessCalendar.MaxSupportedInstant}; check a period that ends earlier.", "supplier.underpin.beyond-horizon"));
        }

        var breakpoints = evaluator.Breakpoints(first, last);
        return evaluator.Scan(period, breakpoints);
    }

    private static long CeilingSecond(long nanos)
    {
        var floor = nanos - (((nanos % NanosPerSecond) + NanosPerSecond) % NanosPerSecond);
        return floor == nanos ? nanos : floor + NanosPerSecond;
    }

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        return (a % b != 0 && a < 0) ? q - 1 : q;
    }

    private static Int128 CeilDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        return (a % b != 0 && a > 0) ? q + 1 : q;
    }

    /// <summary>The deadline functions of one chain over nanoseconds, and the scan over their breakpoints.</summary>
    private sealed class Evaluator(UnderpinningChain chain)
    {
        private readonly BusinessCalendar sla = chain.SlaCalendar;
        private readonly long slaTarget = chain.SlaTarget.ToInt64Nanoseconds();
        private readonly (BusinessCalendar Calendar, long Duration)[] steps = [.. chain.Steps().Select(p => (p.Calendar, p.Duration.ToInt64Nanoseconds()))];

        /// <summary>F(s) and G(s); false at the horizon.</summary>
        public bool TryDeadlines(long start, out long slaDue, out long ucDue)
        {
            ucDue = 0;
            return TryAdd(sla, start, slaTarget, out slaDue) && TryChain(start, steps.Length, out ucDue);
        }

        /// <summary>The instant after the first <paramref name="count"/> links of the chain: <c>x_k(s)</c>; false at the horizon.</summary>
        private bool TryChain(long start, int count, out long at)
        {
            at = start;
            for (var k = 0; k < count; k++)
            {
                if (!TryAdd(steps[k].Calendar, at, steps[k].Duration, out at))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Every start in <c>[first, last]</c> at which F or G may change slope or jump, sorted, distinct, with both ends.</summary>
        public List<long> Breakpoints(long first, long last)
        {
            TryDeadlines(first, out var slaFirst, out _);
            TryDeadlines(last, out var slaLast, out _);
            var points = new List<long> { first, last };

            // Where W of the SLA calendar changes slope.
            AddEdges(sla, first, last, points);

            // Where F(s) reaches an edge of the SLA calendar.
            if (slaTarget > 0)
            {
                var edges = new List<long>();
                AddEdges(sla, slaFirst, slaLast, edges);
                AddPreimages(sla, first, slaTarget, edges, points);
            }

            // G = f_n o ... o f_1 with f_k = C_k.Add(., d_k). Walking back from the last link: the breakpoints of
            // f_k o ... o f_n's tail in the domain of f_k are f_k's own (its calendar's edges, and the inputs at which
            // its output reaches one) and the inputs at which f_k reaches a breakpoint of the links after it.
            // A link of zero duration is the identity and passes the breakpoints after it through unchanged.
            var lows = new long[steps.Length + 1];
            var highs = new long[steps.Length + 1];
            for (var k = 0; k <= steps.Length; k++)
            {
                TryChain(first, k, out lows[k]);
                TryChain(last, k, out highs[k]);
            }

            var after = new List<long>();
            for (var k = steps.Length - 1; k >= 0; k--)
            {
                var (calendar, d) = steps[k];
                var (low, high) = (lows[k], highs[k]);
                var here = new List<long> { low };
                if (d > 0)
                {
                    AddEdges(calendar, low, high, here);
                    var edges = new List<long>();
                    AddEdges(calendar, lows[k + 1], highs[k + 1], edges);
                    AddPreimages(calendar, low, d, edges, here);
                    AddPreimages(calendar, low, d, after, here);
                }
                else
                {
                    here.AddRange(after);
                }

                after = here.Where(x => x >= low && x <= high).ToList();
            }

            points.AddRange(after);
            points.RemoveAll(p => p < first || p > last);
            points.Sort();
            var distinct = new List<long>(points.Count);
            foreach (var p in points)
            {
                if (distinct.Count == 0 || distinct[^1] != p)
                {
                    distinct.Add(p);
                }
            }

            return distinct;
        }

        public UnderpinningReport Scan(Interval period, List<long> points)
        {
            var runs = new List<(long First, long Last)>();
            UnderpinningFinding? firstFailure = null;
            UnderpinningFinding? worst = null;

            void Fail(long from, long to, long shortfallFrom, long shortfallTo)
            {
                if (runs.Count > 0 && runs[^1].Last + NanosPerSecond == from)
                {
                    runs[^1] = (runs[^1].First, to);
                }
                else
                {
                    runs.Add((from, to));
                }

                firstFailure ??= Finding(from);
                Consider(from, shortfallFrom);
                if (to != from)
                {
                    Consider(to, shortfallTo);
                }
            }

            void Consider(long start, long shortfall)
            {
                if (worst is null || shortfall > (worst.UcDue - worst.SlaDue).ToInt64Nanoseconds())
                {
                    worst = Finding(start);
                }
            }

            for (var i = 0; i < points.Count; i++)
            {
                var p = points[i];
                if (p % NanosPerSecond == 0)
                {
                    var d = Shortfall(p);
                    if (d > 0)
                    {
                        Fail(p, p, d, d);
                    }
                }

                if (i + 1 < points.Count)
                {
                    var a = CeilingSecond(p + 1);
                    var b = CeilingSecond(points[i + 1]) - NanosPerSecond;
                    if (a <= b)
                    {
                        ScanAffine(a, b, Fail);
                    }
                }
            }

            var intervals = runs.Select(r => new FailingStarts(TimelineMath.ToInstant(r.First), TimelineMath.ToInstant(r.Last))).ToImmutableArray();
            return new UnderpinningReport(period, firstFailure, worst, intervals, points.Count);
        }

        /// <summary>
        /// The whole seconds <c>a, a+1s, ..., b</c> lie strictly between two breakpoints, where the
        /// shortfall is affine: its values at <c>a</c> and <c>b</c> fix the failing sub-run exactly.
        /// </summary>
        private void ScanAffine(long a, long b, Action<long, long, long, long> fail)
        {
            var dA = Shortfall(a);
            var n = (b - a) / NanosPerSecond;
            if (n == 0)
            {
                if (dA > 0)
                {
                    fail(a, a, dA, dA);
                }

                return;
            }

            var dB = Shortfall(b);
            Int128 delta = dB - dA;
            long k1, k2;
            if (delta == 0)
            {
                if (dA <= 0)
                {
                    return;
                }

                (k1, k2) = (0, n);
            }
            else if (delta > 0)
            {
                // dA·n + delta·k > 0  <=>  k > -dA·n / delta.
                var kMin = FloorDiv(-(Int128)dA * n, delta) + 1;
                if (kMin > n)
                {
                    return;
                }

                (k1, k2) = ((long)Int128.Max(kMin, 0), n);
            }
            else
            {
                // dA·n + delta·k > 0  <=>  k < dA·n / -delta.
                var kMax = CeilDiv((Int128)dA * n, -delta) - 1;
                if (kMax < 0)
                {
                    return;
                }

                (k1, k2) = (0, (long)Int128.Min(kMax, n));
            }

            var t1 = a + (k1 * NanosPerSecond);
            var t2 = a + (k2 * NanosPerSecond);
            var d1 = k1 == 0 ? dA : Shortfall(t1);
            var d2 = k2 == n ? dB : t2 == t1 ? d1 : Shortfall(t2);
            fail(t1, t2, d1, d2);
        }

        private long Shortfall(long start)
        {
            TryDeadlines(start, out var slaDue, out var ucDue);
            return ucDue - slaDue;
        }

        private UnderpinningFinding Finding(long start)
        {
            TryDeadlines(start, out var slaDue, out var ucDue);
            return new UnderpinningFinding(TimelineMath.ToInstant(start), TimelineMath.ToInstant(slaDue), TimelineMath.ToInstant(ucDue));
        }

        /// <summary>The starts and ends of the calendar's working intervals that meet <c>[from, to]</c>.</summary>
        private static void AddEdges(BusinessCalendar calendar, long from, long to, List<long> output)
        {
            var end = Math.Min(to + 1, TimelineMath.ToNanos(BusinessCalendar.MaxSupportedInstant) - 1);
            if (end <= from)
            {
                return;
            }

            foreach (var interval in calendar.WorkingIntervals(TimelineMath.ToInstant(from), TimelineMath.ToInstant(end)))
            {
                output.Add(TimelineMath.ToNanos(interval.Start));
                output.Add(TimelineMath.ToNanos(interval.End));
            }
        }

        /// <summary>
        /// For each target instant <c>x</c> (at or after <paramref name="origin"/>), the start <c>s</c> at
        /// which <c>calendar.Add(s, d)</c> reaches <c>x</c>: the left-most <c>s</c> with
        /// <c>W(s) = W(x) - d</c>, which is <c>Add(origin, W(x) - W(origin) - d)</c> when that work is
        /// positive (otherwise the crossing lies at or before the origin, itself a breakpoint).
        /// </summary>
        private static void AddPreimages(BusinessCalendar calendar, long origin, long d, List<long> targets, List<long> output)
        {
            var originInstant = TimelineMath.ToInstant(origin);
            foreach (var x in targets)
            {
                if (x < origin)
                {
                    continue;
                }

                var work = calendar.BusinessTimeBetween(originInstant, TimelineMath.ToInstant(x)).ToInt64Nanoseconds() - d;
                if (work > 0 && calendar.TryAdd(originInstant, Duration.FromNanoseconds(work), out var s))
                {
                    output.Add(TimelineMath.ToNanos(s));
                }
            }
        }

        private static bool TryAdd(BusinessCalendar calendar, long start, long duration, out long due)
        {
            due = long.MaxValue;
            if (start >= TimelineMath.ToNanos(BusinessCalendar.MaxSupportedInstant))
            {
                return false;
            }

            if (!calendar.TryAdd(TimelineMath.ToInstant(start), Duration.FromNanoseconds(duration), out var instant) || instant >= BusinessCalendar.MaxSupportedInstant)
            {
                return false;
            }

            due = TimelineMath.ToNanos(instant);
            return true;
        }
    }
}
