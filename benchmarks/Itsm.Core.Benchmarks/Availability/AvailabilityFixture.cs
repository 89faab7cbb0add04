using Itsm.Core.Availability;
using Itsm.Core.Benchmarks.Configuration;
using Itsm.Core.Calendars;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Benchmarks.Availability;

/// <summary>
/// The availability benchmark's inputs: the 100,000-item layered CMDB (scale 100, 2,000 business
/// services), UK office hours (Europe/London, weekdays 09:00-17:30, the 2026 bank holidays) and
/// 100,000 outages in 2026 on random items, one in five planned, lasting 5 minutes to 4 hours at
/// whole minutes (so the per-minute baseline is exact). Deterministic (fixed seed).
/// </summary>
public sealed class AvailabilityFixture
{
    private AvailabilityFixture(int scale, int outageCount)
    {
        Cmdb = LayeredCmdb.Generate(scale);
        Snapshot = Cmdb.Compile();
        var random = new Random(17_2026);
        var yearMinutes = (int)(Year.Duration.TotalMinutes);
        var outages = new Outage[outageCount];
        for (var i = 0; i < outageCount; i++)
        {
            var start = Year.Start + Duration.FromMinutes(random.Next(yearMinutes));
            var length = Duration.FromMinutes(random.Next(5, 240));
            outages[i] = Outage.Create(Cmdb.Ids[random.Next(Cmdb.Count)], start, start + length, random.Next(5) == 0 ? OutageKind.Planned : OutageKind.Unplanned).Value;
        }

        Outages = outages;
        Hours.Precompile(Year.Start, Year.End);
    }

    /// <summary>The year measured: 2026 in UTC.</summary>
    public static Interval Year { get; } = new(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0));

    /// <summary>The first week of March 2026, for the comparison with the per-minute baseline.</summary>
    public static Interval Week { get; } = new(Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 9, 0, 0));

    /// <summary>The full-size fixture: 100,000 items and 100,000 outages.</summary>
    public static Lazy<AvailabilityFixture> Full { get; } = new(() => new AvailabilityFixture(100, 100_000));

    /// <summary>The generated CMDB.</summary>
    public LayeredCmdb Cmdb { get; }

    /// <summary>Its compiled snapshot.</summary>
    public CmdbSnapshot Snapshot { get; }

    /// <summary>UK office hours.</summary>
    public BusinessCalendar Hours { get; } = BusinessCalendar.Create(
        "UK office hours",
        "Europe/London",
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 30))]),
        [new LocalDate(2026, 1, 1), new LocalDate(2026, 4, 3), new LocalDate(2026, 4, 6), new LocalDate(2026, 5, 4), new LocalDate(2026, 5, 25), new LocalDate(2026, 8, 31), new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 28)]).Value;

    /// <summary>The outages of the year.</summary>
    public IReadOnlyList<Outage> Outages { get; }
}
