using NodaTime;
using NodaTime.TimeZones;

namespace Itsm.Core.Calendars;

/// <summary>
/// Produces the working time of a calendar inside a window of the instant line, as sorted,
/// disjoint, non-touching intervals of nanoseconds since the Unix epoch. The compiled
/// <see cref="WorkingTimeline"/> is built from what a source generates.
/// </summary>
internal abstract class WorkingTimeSource
{
    /// <summary>Appends the working intervals inside <c>[from, to)</c> to <paramref name="output"/>, sorted and merged.</summary>
    public abstract void Generate(long from, long to, List<WorkingInterval> output);

    /// <summary>Sorts <paramref name="pieces"/>, merges touching ones, clips them to <c>[from, to)</c> and appends them.</summary>
    protected static void AppendNormalised(List<WorkingInterval> pieces, long from, long to, List<WorkingInterval> output)
    {
        pieces.Sort(static (x, y) => x.Start.CompareTo(y.Start));
        var count = output.Count;
        foreach (var piece in pieces)
        {
            var start = Math.Max(piece.Start, from);
            var end = Math.Min(piece.End, to);
            if (end <= start)
            {
                continue;
            }

            if (output.Count > count && output[^1].End >= start)
            {
                output[^1] = new WorkingInterval(output[^1].Start, Math.Max(output[^1].End, end));
            }
            else
            {
                output.Add(new WorkingInterval(start, end));
            }
        }
    }
}

/// <summary>A half-open interval of working time in nanoseconds since the Unix epoch.</summary>
internal readonly record struct WorkingInterval(long Start, long End);

/// <summary>
/// The working time of a <see cref="BusinessCalendarDefinition"/>: for every local date and each of its
/// ranges, the instants whose local reading lies in the range.
/// </summary>
/// <remarks>
/// Within one zone interval (constant offset <c>o</c>), the local reading of instant <c>i</c> is
/// <c>i + o</c>, so the instants reading <c>[L1, L2)</c> are <c>[L1 - o, L2 - o)</c> cut to the zone
/// interval. A range is mapped through every zone interval it can touch (offsets stay within
/// ±18 hours), which yields its gap-shortened or overlap-doubled instants exactly. Pieces from
/// distinct ranges, dates or zone intervals are disjoint in instants, so sorting and merging
/// touching pieces gives the normal form.
/// </remarks>
internal sealed class DefinitionSource(BusinessCalendarDefinition definition) : WorkingTimeSource
{
    private const long NanosPerHour = 3_600_000_000_000L;
    private const long MaxOffsetNanos = 18 * NanosPerHour;

    public override void Generate(long from, long to, List<WorkingInterval> output)
    {
        var zone = definition.Zone;
        var firstDate = TimelineMath.UtcDateOf(from).PlusDays(-2);
        var lastDate = TimelineMath.UtcDateOf(to).PlusDays(2);
        var pieces = new List<WorkingInterval>();
        ZoneInterval? cached = null;
        long cachedStart = 0, cachedEnd = 0;

        for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
        {
            var ranges = definition.RangesFor(date);
            if (ranges.Length == 0)
            {
                continue;
            }

            var dayStart = TimelineMath.LocalMidnightNanos(date);
            foreach (var range in ranges)
            {
                var localStart = dayStart + range.StartNanosecondOfDay;
                var localEnd = dayStart + range.EndNanosecondOfDay;
                var cursor = localStart - MaxOffsetNanos;
                var stop = localEnd + MaxOffsetNanos;
                while (cursor < stop)
                {
                    if (cached is null || cursor < cachedStart || cursor >= cachedEnd)
                    {
                        cached = zone.GetZoneInterval(TimelineMath.ToInstant(cursor));
                        cachedStart = cached.HasStart ? TimelineMath.ToNanosClamped(cached.Start) : long.MinValue;
                        cachedEnd = cached.HasEnd ? TimelineMath.ToNanosClamped(cached.End) : long.MaxValue;
                    }

                    var offset = cached.WallOffset.Nanoseconds;
                    var start = Math.Max(localStart - offset, cachedStart);
                    var end = Math.Min(localEnd - offset, cachedEnd);
                    if (end > start)
                    {
                        pieces.Add(new WorkingInterval(start, end));
                    }

                    if (cachedEnd == long.MaxValue)
                    {
                        break;
                    }

                    cursor = cachedEnd;
                }
            }
        }

        AppendNormalised(pieces, from, to, output);
    }
}

/// <summary>A set operation over the working time of two calendars, computed on their compiled timelines.</summary>
internal sealed class CombinedSource(BusinessCalendar left, BusinessCalendar right, CalendarOperation operation) : WorkingTimeSource
{
    public override void Generate(long from, long to, List<WorkingInterval> output)
    {
        var a = new List<WorkingInterval>();
        var b = new List<WorkingInterval>();
        left.CopyIntervals(from, to, a);
        right.CopyIntervals(from, to, b);

        // Sweep over the union of boundaries; between two consecutive boundaries membership is constant.
        var pieces = new List<WorkingInterval>();
        int i = 0, j = 0;
        var position = from;
        while (position < to)
        {
            while (i < a.Count && a[i].End <= position)
            {
                i++;
            }

            while (j < b.Count && b[j].End <= position)
            {
                j++;
            }

            var inA = i < a.Count && a[i].Start <= position;
            var inB = j < b.Count && b[j].Start <= position;
            var next = to;
            if (i < a.Count)
            {
                next = Math.Min(next, inA ? a[i].End : a[i].Start);
            }

            if (j < b.Count)
            {
                next = Math.Min(next, inB ? b[j].End : b[j].Start);
            }

            var keep = operation switch
            {
                CalendarOperation.Intersection => inA && inB,
                CalendarOperation.Union => inA || inB,
                _ => inA && !inB,
            };
            if (keep)
            {
                pieces.Add(new WorkingInterval(position, next));
            }

            position = next;
        }

        AppendNormalised(pieces, from, to, output);
    }
}

/// <summary>The set operations of calendar algebra.</summary>
internal enum CalendarOperation
{
    Intersection,
    Union,
    Difference,
}

/// <summary>Conversions between NodaTime values and the nanosecond longs the timeline works in.</summary>
internal static class TimelineMath
{
    internal const long NanosPerDay = WorkingRange.NanosecondsPerDay;
    // Zone interval edges are clamped to about ±255 years from 1970 (1715..2225): far beyond the supported
    // range (1900..2150), with about 36 years of headroom before a long overflows. The clamp used to be
    // long.MaxValue / 2 (about 2116), which turned every zone interval starting after 2116 into an empty
    // one: a fresh calendar in a zone with daylight saving found no working time from 2117 on.
    private static readonly Instant MinRepresentable = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MinValue / 8 * 7);
    private static readonly Instant MaxRepresentable = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MaxValue / 8 * 7);

    internal static long ToNanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    internal static Instant ToInstant(long nanos) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(nanos);

    internal static long ToNanosClamped(Instant instant) =>
        instant < MinRepresentable ? long.MinValue : instant > MaxRepresentable ? long.MaxValue : ToNanos(instant);

    /// <summary>The local midnight of <paramref name="date"/> expressed as if it were UTC, in nanoseconds.</summary>
    internal static long LocalMidnightNanos(LocalDate date) => ToNanos(date.AtMidnight().InUtc().ToInstant());

    internal static LocalDate UtcDateOf(long nanos) => ToInstant(nanos).InUtc().Date;
}
