using FsCheck.Xunit;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;
using Interval = NodaTime.Interval;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

public sealed class ScheduleConflictDetectorTests
{
    private static readonly ConfigurationItemId[] Items = PlannedChangeSet.Items;

    // ci-0 takes down ci-1 and ci-2; ci-3 takes down ci-4.
    private static readonly ImpactSets Dependencies = new(
    [
        new(Items[0], [Items[1], Items[2]]),
        new(Items[3], [Items[4]]),
    ]);

    [Fact]
    public void FindConflicts_SameItemOverlapping_IsConflict()
    {
        var a = new PlannedChange(ChangeId.New(), Window(0, 2), [Items[5]]);
        var b = new PlannedChange(ChangeId.New(), Window(1, 2), [Items[5], Items[6]]);

        var conflict = Assert.Single(ScheduleConflictDetector.FindConflicts([a, b], ImpactSets.None));

        Assert.Equal(ConflictReason.SameItem, conflict.Reason);
        Assert.Equal(new Interval(Window(1, 1).Start, Window(1, 1).End), conflict.Overlap);
    }

    [Fact]
    public void FindConflicts_AdjacentWindows_DoNotConflict()
    {
        var a = new PlannedChange(ChangeId.New(), Window(0, 2), [Items[5]]);
        var b = new PlannedChange(ChangeId.New(), Window(2, 2), [Items[5]]);

        Assert.Empty(ScheduleConflictDetector.FindConflicts([a, b], ImpactSets.None));
    }

    [Fact]
    public void FindConflicts_DependentItems_ConflictOnlyThroughImpactSets()
    {
        var a = new PlannedChange(ChangeId.New(), Window(0, 2), [Items[2]]);
        var b = new PlannedChange(ChangeId.New(), Window(1, 2), [Items[0]]);

        Assert.Empty(ScheduleConflictDetector.FindConflicts([a, b], ImpactSets.None));
        Assert.Equal(ConflictReason.DependentItems, Assert.Single(ScheduleConflictDetector.FindConflicts([a, b], Dependencies)).Reason);
    }

    [Property]
    public void FindConflicts_EqualsBruteForceAndIsSymmetric(PlannedChangeSet set)
    {
        var changes = set.Changes;
        var swept = ScheduleConflictDetector.FindConflicts(changes, Dependencies);
        var reversed = ScheduleConflictDetector.FindConflicts(changes.Reverse(), Dependencies);
        var brute = new List<ScheduleConflict>();
        for (var i = 0; i < changes.Length; i++)
        {
            for (var j = 0; j < changes.Length; j++)
            {
                var overlaps = changes[i].Window.Start < changes[j].Window.End && changes[j].Window.Start < changes[i].Window.End;
                var related = changes[i].Items.Any(x => changes[j].Items.Any(y => x == y || Dependencies.Of(x).Contains(y) || Dependencies.Of(y).Contains(x)));
                if (i != j && overlaps && related)
                {
                    Assert.Equal(ScheduleConflictDetector.Compare(changes[i], changes[j], Dependencies), ScheduleConflictDetector.Compare(changes[j], changes[i], Dependencies));
                    if (changes[i].Change.CompareTo(changes[j].Change) < 0)
                    {
                        brute.Add(ScheduleConflictDetector.Compare(changes[i], changes[j], Dependencies)!);
                    }
                }
            }
        }

        brute.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Second.CompareTo(b.Second));
        Assert.Equal(brute.Select(c => (c.First, c.Second)), swept.Select(c => (c.First, c.Second)));
        Assert.Equal(brute, swept);
        Assert.Equal(swept, reversed);
        foreach (var change in changes)
        {
            Assert.Equal(swept.Where(c => c.Involves(change.Change)).Count(), ScheduleConflictDetector.FindConflictsWith(change, changes, Dependencies).Count);
        }
    }

    [Fact]
    public void ServiceWindows_MaintenanceCalendarAndBlackouts_AreChecked()
    {
        var saturdayNight = BusinessCalendar.Create(
            "payments maintenance",
            "Europe/London",
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Saturday] = [WorkingRange.Parse("21:00-24:00").Value] }).Value;
        var freeze = new BlackoutWindow(Payments, new Interval(T0 + Duration.FromDays(30), T0 + Duration.FromDays(40)), "year-end");
        var windows = new ServiceWindows([new(Payments, saturdayNight)], [freeze]);

        // T0 is Saturday 2026-11-21 22:00 UTC (= London local time in winter).
        Assert.Empty(windows.ServicesOutsideMaintenance([Payments], Window(0, 2)));
        Assert.Equal([Payments], windows.ServicesOutsideMaintenance([Payments], Window(0, 3)));
        Assert.Empty(windows.ServicesOutsideMaintenance([App], Window(0, 3)));
        Assert.Empty(windows.BlackoutsOverlapping([Payments], Window(0, 2)));
        Assert.Equal([freeze], windows.BlackoutsOverlapping([Payments], Window(24 * 35, 2)));
        Assert.Empty(windows.BlackoutsOverlapping([App], Window(24 * 35, 2)));
    }
}
