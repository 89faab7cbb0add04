using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Calendars;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Tests.Calendars;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>A generated legal clock history on a calendar, with instants at which to evaluate it.</summary>
internal sealed record ClockCase(BusinessCalendar Calendar, string CalendarName, SlaClockEvent[] Events, Instant[] EvaluateAt)
{
    public Instant Start => Events[0].At;

    public Duration Target => ((SlaClockStarted)Events[0]).Target;

    public SlaClock Clock => SlaClock.Replay(SlaMetric.Resolution, [50, 75, 90], Events).Value;

    public override string ToString() => $"{CalendarName}: {string.Join("; ", Events.Select(e => e.ToString()))} at [{string.Join(", ", EvaluateAt)}]";
}

/// <summary>Generators of legal SLA clock histories over calendars with DST and lunch breaks.</summary>
internal static class ClockArbitraries
{
    private static readonly (string Name, BusinessCalendar Calendar)[] Calendars =
    [
        ("UK office", CalendarFixtures.UkOffice),
        ("24x7 New York", BusinessCalendar.TwentyFourSeven(DateTimeZoneProviders.Tzdb["America/New_York"])),
        ("Lord Howe nights", CalendarFixtures.Create("Australia/Lord_Howe", CalendarFixtures.EveryDay("00:00-03:00", "22:00-24:00"))),
    ];

    /// <summary>Histories; <paramref name="policies"/> chooses the re-target policies allowed (none: no re-targets).</summary>
    public static Arbitrary<ClockCase> Cases(params SlaRetargetPolicy[] policies) =>
        (from calendar in Gen.Elements(Calendars)
         from startMinutes in Gen.Choose(0, 60 * 24 * 365 * 2)
         from targetMinutes in Gen.Choose(1, 60 * 40)
         from steps in Gen.ListOf(Gen.Zip(Gen.Frequency((3, Gen.Choose(0, 600)), (1, Gen.Constant(0)), (1, Gen.Choose(600, 60 * 24 * 4))), Gen.Choose(0, 99)))
         from retargetMinutes in Gen.ListOf(Gen.Choose(1, 60 * 40), 8)
         from evaluate in Gen.ListOf(Gen.Choose(0, 60 * 24 * 20), 3)
         select Build(calendar, Instant.FromUtc(2025, 1, 1, 0, 0) + Duration.FromMinutes(startMinutes), Duration.FromMinutes(targetMinutes), steps, retargetMinutes, evaluate, policies)).ToArbitrary();

    private static ClockCase Build((string Name, BusinessCalendar Calendar) calendar, Instant start, Duration target, List<(int Gap, int Choice)> steps, List<int> retargets, List<int> evaluate, SlaRetargetPolicy[] policies)
    {
        var events = new List<SlaClockEvent> { new SlaClockStarted(start, 0, target) };
        var state = "running";
        var at = start;
        var sequence = 1L;
        foreach (var (gap, choice) in steps.Take(12))
        {
            at += Duration.FromMinutes(gap);
            if (policies.Length > 0 && choice < 15)
            {
                var policy = policies[choice % policies.Length];
                events.Add(new SlaClockRetargeted(at, sequence++, Duration.FromMinutes(retargets[choice % retargets.Count]), "priority changed", policy));
            }
            else if (choice >= 95)
            {
                events.Add(new SlaClockStopped(at, sequence++));
                state = "stopped";
                break;
            }
            else if (state == "running")
            {
                events.Add(new SlaClockPaused(at, sequence++, "OnHold"));
                state = "paused";
            }
            else
            {
                events.Add(new SlaClockResumed(at, sequence++));
                state = "running";
            }
        }

        var evaluateAt = evaluate.Select(m => start + Duration.FromMinutes(m)).Concat(events.Select(e => e.At)).ToArray();
        return new ClockCase(calendar.Calendar, calendar.Name, [.. events], evaluateAt);
    }
}

/// <summary>The clock laws of the issue, on generated histories.</summary>
public sealed class SlaClockPropertyTests
{
    [Fact]
    public void NoPauses_DueAtAddOfStartAndTarget() => PropertyTesting.Check(Prop.ForAll(ClockArbitraries.Cases(), c =>
    {
        var clock = SlaClock.Start(SlaMetric.Response, c.Start, c.Target).Value;
        var due = c.Calendar.Add(c.Start, c.Target);
        return clock.Evaluate(c.Start, c.Calendar).Due == due
            && c.EvaluateAt.Where(t => t <= due).All(t => clock.Evaluate(t, c.Calendar).Due == due);
    }));

    [Fact]
    public void PausedSpans_AddNothing() => PropertyTesting.Check(Prop.ForAll(ClockArbitraries.Cases(SlaRetargetPolicy.KeepElapsed), c =>
    {
        var clock = c.Clock;
        return c.EvaluateAt.All(t => clock.Evaluate(t, c.Calendar).Elapsed == RunningTime(c, t));
    }));

    [Fact]
    public void Elapsed_IsMonotoneAndNeverAboveWallClock() => PropertyTesting.Check(Prop.ForAll(ClockArbitraries.Cases(SlaRetargetPolicy.KeepElapsed, SlaRetargetPolicy.Retroactive), c =>
    {
        var clock = c.Clock;
        var statuses = c.EvaluateAt.Where(t => t >= c.Start).Order().Select(t => clock.Evaluate(t, c.Calendar)).ToArray();
        return statuses.Zip(statuses.Skip(1)).All(p => p.First.Elapsed <= p.Second.Elapsed)
            && statuses.All(s => s.Elapsed <= s.At - c.Start);
    }));

    [Fact]
    public void NeverBreachesWhilePausedOrAfterStop() => PropertyTesting.Check(Prop.ForAll(ClockArbitraries.Cases(SlaRetargetPolicy.All.ToArray()), c =>
    {
        var clock = c.Clock;
        var ok = c.EvaluateAt.All(t => clock.Evaluate(t, c.Calendar).BreachedAt is not { } b || b <= t);

        // Over each quiet span (from a pause to the next event, or from the stop on), nothing changes.
        for (var i = 0; i < c.Events.Length; i++)
        {
            if (c.Events[i] is not (SlaClockPaused or SlaClockStopped))
            {
                continue;
            }

            var from = c.Events[i].At;
            var next = c.Events.Skip(i + 1).FirstOrDefault(e => e.At > from)?.At ?? from + Duration.FromDays(30);
            if (c.Events.Skip(i + 1).Any(e => e.At == from))
            {
                continue; // something else happened at the same instant; the span is not quiet
            }

            var atPause = clock.Evaluate(from, c.Calendar);
            foreach (var t in c.EvaluateAt.Append(next - Duration.Epsilon).Where(t => t >= from && t < next))
            {
                var later = clock.Evaluate(t, c.Calendar);
                ok &= later.BreachedAt == atPause.BreachedAt && later.Elapsed == atPause.Elapsed && later.State == atPause.State;
            }
        }

        return ok;
    }));

    [Fact]
    public void WithoutRetargets_BreachedExactlyWhenElapsedExceedsTarget() => PropertyTesting.Check(Prop.ForAll(ClockArbitraries.Cases(), c =>
    {
        var clock = c.Clock;
        return c.EvaluateAt.Where(t => t >= c.Start).All(t =>
        {
            var status = clock.Evaluate(t, c.Calendar);
            return status.IsBreached == (status.Elapsed > c.Target)
                && (status.State != SlaClockState.Met || status.Elapsed <= c.Target);
        });
    }));

    [Fact]
    public void LateAndOutOfOrderEvents_GiveTheReplayAnswer() => PropertyTesting.Check(Prop.ForAll(ClockArbitraries.Cases(SlaRetargetPolicy.All.ToArray()), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, seed) =>
    {
        // Events arrive in a random order; a consumer buffers what the clock refuses and offers the
        // buffer again with the next arrival, as RecordAll allows.
        var replay = c.Clock;
        var random = new Random(seed);
        var clock = SlaClock.Replay(SlaMetric.Resolution, [50, 75, 90], [c.Events[0]]).Value;
        var buffer = new List<SlaClockEvent>();
        var unchangedOnRefusal = true;
        foreach (var e in c.Events.Skip(1).OrderBy(_ => random.Next()))
        {
            buffer.Add(e);
            var recorded = clock.RecordAll(buffer);
            if (recorded.IsSuccess)
            {
                clock = recorded.Value;
                buffer.Clear();
            }
            else
            {
                unchangedOnRefusal &= recorded.Status == ResultStatus.Conflict;
            }
        }

        var shuffled = SlaClock.Replay(SlaMetric.Resolution, [50, 75, 90], c.Events.OrderBy(_ => random.Next())).Value;
        return buffer.Count == 0 && unchangedOnRefusal && c.EvaluateAt.All(t =>
            clock.Evaluate(t, c.Calendar).Equals(replay.Evaluate(t, c.Calendar))
            && shuffled.Evaluate(t, c.Calendar).Equals(replay.Evaluate(t, c.Calendar)));
    }));

    /// <summary>The reference for elapsed time: business time of the running spans up to <paramref name="at"/>.</summary>
    private static Duration RunningTime(ClockCase c, Instant at)
    {
        var total = Duration.Zero;
        Instant? runningSince = null;
        foreach (var e in c.Events.Where(e => e.At <= at))
        {
            switch (e)
            {
                case SlaClockStarted or SlaClockResumed:
                    runningSince = e.At;
                    break;
                case SlaClockPaused or SlaClockStopped when runningSince is not null:
                    total += c.Calendar.BusinessTimeBetween(runningSince.Value, e.At);
                    runningSince = null;
                    break;
            }
        }

        return runningSince is { } since && at >= since ? total + c.Calendar.BusinessTimeBetween(since, at) : total;
    }
}
