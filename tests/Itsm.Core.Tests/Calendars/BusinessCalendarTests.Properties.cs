using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Calendars;

/// <summary>The laws of DOMAIN.md and agreement with the minute-walking reference, on generated calendars.</summary>
public sealed class BusinessCalendarPropertyTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    [Property]
    public bool BetweenOfAdd_IsTheDuration(CalendarCase c) =>
        c.Instants.All(s => c.Durations.All(d => c.Calendar.BusinessTimeBetween(s, c.Calendar.Add(s, d)) == d));

    [Property]
    public bool AddOfAdd_IsAddOfSum(CalendarCase c) =>
        c.Instants.All(s => c.Calendar.Add(c.Calendar.Add(s, c.Durations[0]), c.Durations[1]) == c.Calendar.Add(s, c.Durations[0] + c.Durations[1]));

    [Property]
    public bool Add_IsEarliest_NoWorkingTimeAtResultWasNeeded(CalendarCase c) =>
        c.Instants.All(s => c.Durations.Where(d => d > Duration.Zero).All(d =>
        {
            var due = c.Calendar.Add(s, d);
            return due > s && c.Calendar.BusinessTimeBetween(s, due - Duration.Epsilon) < d;
        }));

    [Property]
    public bool Between_IsAdditiveOverASplitPoint(CalendarCase c)
    {
        var sorted = c.Instants.Order().ToArray();
        var (a, b, d) = (sorted[0], sorted[1], sorted[3]);
        return c.Calendar.BusinessTimeBetween(a, d) == c.Calendar.BusinessTimeBetween(a, b) + c.Calendar.BusinessTimeBetween(b, d);
    }

    [Property]
    public bool Between_IsMonotoneAndNeverAboveWallClock(CalendarCase c)
    {
        var sorted = c.Instants.Order().ToArray();
        var (a, b, d) = (sorted[0], sorted[1], sorted[2]);
        var ab = c.Calendar.BusinessTimeBetween(a, b);
        var ad = c.Calendar.BusinessTimeBetween(a, d);
        return ab <= ad && ab >= Duration.Zero && ab <= b - a && ad <= d - a;
    }

    [Property]
    public bool Add_AgreesWithMinuteWalkingReference(CalendarCase c)
    {
        var reference = new ReferenceCalendar(c.Spec);
        var s = c.Instants[0];
        return c.Minutes.All(m => c.Calendar.Add(s, Duration.FromMinutes(m)) == reference.Add(s, m));
    }

    [Property]
    public bool Between_AgreesWithMinuteWalkingReference(CalendarCase c)
    {
        var reference = new ReferenceCalendar(c.Spec);
        var sorted = c.Instants.Order().ToArray();
        return c.Calendar.BusinessTimeBetween(sorted[0], sorted[3]) == reference.Between(sorted[0], sorted[3]);
    }

    [Property]
    public bool IsWorkingTimeAndNextWorkingInstant_AgreeWithReference(CalendarCase c)
    {
        var reference = new ReferenceCalendar(c.Spec);
        return c.Instants.All(t => c.Calendar.IsWorkingTime(t) == reference.IsWorking(t)
            && c.Calendar.IsWorkingTime(t + (Minute / 2)) == reference.IsWorking(t)
            && c.Calendar.NextWorkingInstant(t) == reference.NextWorking(t));
    }

    [Property]
    public bool Algebra_AgreesPointwiseAndCountsInclusionExclusion(CalendarCase x, CalendarCase y)
    {
        var a = x.Calendar;
        var b = y.Calendar;
        var intersection = a.Intersect(b);
        var union = a.Union(b);
        var difference = a.Except(b);
        var union2 = union.Value;
        var okPoints = x.Instants.Concat(y.Instants).All(t =>
            union2.IsWorkingTime(t) == (a.IsWorkingTime(t) || b.IsWorkingTime(t))
            && (!intersection.IsSuccess || intersection.Value.IsWorkingTime(t) == (a.IsWorkingTime(t) && b.IsWorkingTime(t)))
            && (!difference.IsSuccess || difference.Value.IsWorkingTime(t) == (a.IsWorkingTime(t) && !b.IsWorkingTime(t))));
        var sorted = x.Instants.Order().ToArray();
        var (from, to) = (sorted[0], sorted[3] + Duration.FromDays(20));
        var inter = intersection.IsSuccess ? intersection.Value.BusinessTimeBetween(from, to) : Duration.Zero;
        var counts = union2.BusinessTimeBetween(from, to) + inter == a.BusinessTimeBetween(from, to) + b.BusinessTimeBetween(from, to);
        return okPoints && counts;
    }
}
