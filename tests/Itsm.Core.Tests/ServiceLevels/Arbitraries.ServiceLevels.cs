using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Calendars;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Tests.Calendars;
using Itsm.Core.Tests.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>Legal SLA clock histories over calendars with DST and lunch breaks, and breach forecasts.</summary>
internal static partial class Arbitraries
{
    private static readonly (string Name, BusinessCalendar Calendar)[] ClockCalendars =
    [
        ("UK office", CalendarFixtures.UkOffice),
        ("24x7 New York", BusinessCalendar.TwentyFourSeven(DateTimeZoneProviders.Tzdb["America/New_York"])),
        ("Lord Howe nights", CalendarFixtures.Create("Australia/Lord_Howe", CalendarFixtures.EveryDay("00:00-03:00", "22:00-24:00"))),
    ];

    public static Arbitrary<ClockWithoutRetargets> ClocksWithoutRetargets() =>
        ClockCases().Select(c => new ClockWithoutRetargets(c)).ToArbitrary();

    public static Arbitrary<ClockKeepingElapsed> ClocksKeepingElapsed() =>
        ClockCases(SlaRetargetPolicy.KeepElapsed).Select(c => new ClockKeepingElapsed(c)).ToArbitrary();

    public static Arbitrary<ClockNeverRestarting> ClocksNeverRestarting() =>
        ClockCases(SlaRetargetPolicy.KeepElapsed, SlaRetargetPolicy.Retroactive).Select(c => new ClockNeverRestarting(c)).ToArbitrary();

    public static Arbitrary<ClockWithAnyRetargets> ClocksWithAnyRetargets() =>
        ClockCases([.. SlaRetargetPolicy.All]).Select(c => new ClockWithAnyRetargets(c)).ToArbitrary();

    public static Arbitrary<ClockArrivingShuffled> ClocksArrivingShuffled() =>
        (from c in ClockCases([.. SlaRetargetPolicy.All])
         from seed in Gen.Choose(0, int.MaxValue)
         select new ClockArrivingShuffled(c, seed)).ToArbitrary();

    /// <summary>Up to about a hundred clocks breaching within 1000 minutes, asked about from just before to just after.</summary>
    public static Arbitrary<BreachForecastCase> BreachForecastCases() =>
        (from minutes in Gen.ListOf(Gen.Choose(0, 1000))
         from query in Gen.Choose(-10, 1010)
         select new BreachForecastCase([.. minutes], query)).ToArbitrary();

    /// <summary>Histories; <paramref name="policies"/> chooses the re-target policies allowed (none: no re-targets).</summary>
    private static Gen<ClockCase> ClockCases(params SlaRetargetPolicy[] policies) =>
        from calendar in Gen.Elements(ClockCalendars)
        from startMinutes in Gen.Choose(0, 60 * 24 * 365 * 2)
        from targetMinutes in Gen.Choose(1, 60 * 40)
        from steps in Gen.ListOf(Gen.Zip(Gen.Frequency((3, Gen.Choose(0, 600)), (1, Gen.Constant(0)), (1, Gen.Choose(600, 60 * 24 * 4))), Gen.Choose(0, 99)))
        from retargetMinutes in Gen.ListOf(Gen.Choose(1, 60 * 40), 8)
        from evaluate in Gen.ListOf(Gen.Choose(0, 60 * 24 * 20), 3)
        select BuildClock(calendar, Instant.FromUtc(2025, 1, 1, 0, 0) + Duration.FromMinutes(startMinutes), Duration.FromMinutes(targetMinutes), steps, retargetMinutes, evaluate, policies);

    private static ClockCase BuildClock((string Name, BusinessCalendar Calendar) calendar, Instant start, Duration target, List<(int Gap, int Choice)> steps, List<int> retargets, List<int> evaluate, SlaRetargetPolicy[] policies)
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
