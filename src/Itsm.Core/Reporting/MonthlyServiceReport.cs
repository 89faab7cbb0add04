using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Reporting;

/// <summary>One month of a <see cref="MonthlyServiceReport"/>: the month and its report.</summary>
/// <param name="Month">The calendar month.</param>
/// <param name="Report">The service report over the month's interval.</param>
public sealed record ServiceReportMonth(YearMonth Month, ServiceReport Report);

/// <summary>
/// The monthly service report of ISO/IEC 20000 service reporting (the 服务月报 of the service-planning procedure): one
/// service, optionally for one customer, over one calendar month, with the same report for each of the months before it
/// so the trend can be read.
/// </summary>
/// <remarks>
/// <para>
/// <b>Months</b> run from the first midnight of the month to the first midnight of the next in <see cref="Zone"/>, the
/// time zone of the service's calendar, so a month that contains a change of clocks has its true length (743 or 745
/// hours in Europe/London for March and October); where a midnight does not exist, the month starts at the first instant
/// of the day. <see cref="MonthIn"/> computes it.
/// </para>
/// <para>
/// <b>Months</b> in <see cref="Months"/> are oldest first and consecutive; the last is <see cref="Month"/>, whose report
/// is <see cref="Report"/>. Every month is reported by the same rules, with its clocks evaluated at its end or at the
/// instant the report was made, whichever is earlier.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record MonthlyServiceReport
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Creates the report of <paramref name="months"/>, oldest first, the last being the month reported on.</summary>
    /// <param name="zone">The time zone whose midnights bound the months.</param>
    /// <param name="months">Consecutive months, oldest first, each a report of the same service and customer over its month in <paramref name="zone"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="months"/> is empty, not consecutive, or mixes services, customers or periods.</exception>
    public MonthlyServiceReport(DateTimeZone zone, IEnumerable<ServiceReportMonth> months)
    {
        Preconditions.CheckNotNull(zone);
        Preconditions.CheckNotNull(months);
        var list = months.ToImmutableArray();
        Preconditions.CheckArgument(list.Length > 0, nameof(months), "A monthly report needs at least its own month.");
        var last = list[^1].Report;
        for (var i = 0; i < list.Length; i++)
        {
            var (month, report) = list[i];
            Preconditions.CheckArgument(report is not null, nameof(months), "Every month needs its report.");
            Preconditions.CheckArgument(i == 0 || list[i - 1].Month.PlusMonths(1) == month, nameof(months), "The months must be consecutive, oldest first.");
            Preconditions.CheckArgument(report!.Service == last.Service && report.Customer == last.Customer, nameof(months), "Every month must report on the same service and customer.");
            Preconditions.CheckArgument(report.Period == MonthIn(month, zone), nameof(months), $"The report of {month} must cover that month in {zone.Id}.");
        }

        Zone = zone;
        Months = list;
    }

    /// <summary>The time zone whose midnights bound the months: the zone of the service's calendar.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Every month reported, oldest first; the last is <see cref="Month"/>.</summary>
    public ImmutableArray<ServiceReportMonth> Months { get; }

    /// <summary>The month reported on.</summary>
    public YearMonth Month => Months[^1].Month;

    /// <summary>The report of <see cref="Month"/>.</summary>
    public ServiceReport Report => Months[^1].Report;

    /// <summary>The service reported on.</summary>
    public ConfigurationItemId Service => Report.Service;

    /// <summary>The customer reported for, or null for every customer of the service.</summary>
    public CustomerId? Customer => Report.Customer;

    /// <summary>The interval of <paramref name="month"/> in <paramref name="zone"/>: from the start of its first day to the start of the next month's.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static Interval MonthIn(YearMonth month, DateTimeZone zone)
    {
        Preconditions.CheckNotNull(zone);
        var first = month.OnDayOfMonth(1);
        return new Interval(zone.AtStartOfDay(first).ToInstant(), zone.AtStartOfDay(first.PlusMonths(1)).ToInstant());
    }
}
