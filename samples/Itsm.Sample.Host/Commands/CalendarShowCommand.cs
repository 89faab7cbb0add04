using System.CommandLine;
using System.Globalization;
using System.Text;
using Itsm.Core.Calendars;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Commands;

/// <summary><c>itsm calendar show</c>: the working intervals of each local date in a range, in local time and UTC, as text or JSON.</summary>
internal static class CalendarShowCommand
{
    /// <summary>Creates the subcommand.</summary>
    internal static Command Create()
    {
        var calendarOption = CalendarCommands.CalendarOption();
        var fromOption = new Option<string>("--from") { Description = "The first local date (yyyy-MM-dd).", Required = true };
        var toOption = new Option<string>("--to") { Description = "The last local date (yyyy-MM-dd), inclusive.", Required = true };
        var command = new Command(
            "show",
            "The working intervals of each local date in a range, in local time and in UTC.\n\n"
            + "Example:\n  itsm calendar show --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --from 2026-03-27 --to 2026-03-31");
        command.Options.Add(calendarOption);
        command.Options.Add(fromOption);
        command.Options.Add(toOption);
        command.Options.Add(HostOptions.Json);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommandRunner.RunAsync(error, () =>
            {
                var calendar = CalendarFile.Load(parseResult.GetValue(calendarOption)!);
                var first = ParseDate(parseResult.GetValue(fromOption), "--from");
                var last = ParseDate(parseResult.GetValue(toOption), "--to");
                if (last < first)
                {
                    throw new InputException($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}.");
                }

                if (Period.Between(first, last, PeriodUnits.Days).Days > 3660)
                {
                    throw new InputException("show lists at most ten years; narrow --from and --to.");
                }

                var days = Days(calendar, first, last);
                return Task.FromResult(JsonOutput.Answer(parseResult, output, () => Document(calendar, days), () =>
                {
                    output.Write(Show(calendar, days));
                    output.Flush();
                }));
            });
        });
        return command;
    }

    /// <summary>The working intervals of each local date from <paramref name="first"/> to <paramref name="last"/>, split at local midnights.</summary>
    internal static List<(LocalDate Date, List<Interval> Intervals)> Days(BusinessCalendar calendar, LocalDate first, LocalDate last)
    {
        var zone = calendar.Zone;
        var from = Clamp(StartOfDay(zone, first));
        var to = Clamp(StartOfDay(zone, last.PlusDays(1)));
        var intervals = calendar.WorkingIntervals(from, to);
        var byDate = new SortedDictionary<LocalDate, List<Interval>>();
        foreach (var interval in intervals)
        {
            // An interval may span midnight (a 24:00 range joined to the next day's 00:00); split it per local date.
            var start = interval.Start;
            while (start < interval.End)
            {
                var date = start.InZone(zone).Date;
                var nextMidnight = Clamp(StartOfDay(zone, date.PlusDays(1)));
                var end = nextMidnight < interval.End ? nextMidnight : interval.End;
                if (!byDate.TryGetValue(date, out var list))
                {
                    byDate[date] = list = [];
                }

                list.Add(new Interval(start, end));
                start = end;
            }
        }

        var days = new List<(LocalDate, List<Interval>)>();
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            days.Add((date, byDate.GetValueOrDefault(date) ?? []));
        }

        return days;
    }

    /// <summary>The days as text: each date's total, then each interval in local time with offsets and in UTC.</summary>
    internal static string Show(BusinessCalendar calendar, List<(LocalDate Date, List<Interval> Intervals)> days)
    {
        var zone = calendar.Zone;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{SafeText.Escape(calendar.Name)} ({zone.Id}, {calendar.TzdbVersion})\n");
        foreach (var (date, list) in days)
        {
            var total = list.Aggregate(Duration.Zero, (sum, i) => sum + i.Duration);
            text.Append(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} {date.DayOfWeek.ToString()[..3]}  {InstantText.FormatDuration(total)}");
            text.Append(list.Count == 0 ? "  no working time\n" : "\n");
            foreach (var interval in list)
            {
                var (localStart, localEnd) = (interval.Start.InZone(zone), interval.End.InZone(zone));
                text.Append(CultureInfo.InvariantCulture, $"  {localStart:HH:mm} {localStart.Offset} - {EndText(localEnd, date)} {localEnd.Offset}   {InstantText.Format(interval.Start)} - {InstantText.Format(interval.End)}   {InstantText.FormatDuration(interval.Duration)}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The days as JSON.</summary>
    private static CalendarDaysDocument Document(BusinessCalendar calendar, List<(LocalDate Date, List<Interval> Intervals)> days)
    {
        var zone = calendar.Zone;
        return new CalendarDaysDocument(
            calendar.Name, zone.Id, calendar.TzdbVersion,
            [.. days.Select(d => new CalendarDayDocument(
                LocalDatePattern.Iso.Format(d.Date), d.Date.DayOfWeek.ToString(), InstantText.Seconds(d.Intervals.Aggregate(Duration.Zero, (sum, i) => sum + i.Duration)),
                [.. d.Intervals.Select(i => new WorkingIntervalDocument(
                    InstantText.FormatLocal(i.Start, zone), InstantText.FormatLocal(i.End, zone), InstantText.Format(i.Start), InstantText.Format(i.End), InstantText.Seconds(i.Duration)))]))]);
    }

    private static string EndText(ZonedDateTime localEnd, LocalDate date) =>
        localEnd.Date > date ? "24:00" : localEnd.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The instant <paramref name="date"/> starts in <paramref name="zone"/>: its first valid instant when
    /// midnight falls into a gap, and the start of the next date when the zone skipped the whole date
    /// (Pacific/Apia's 30 December 2011), which is then an empty date with no working time.
    /// </summary>
    internal static Instant StartOfDay(DateTimeZone zone, LocalDate date)
    {
        try
        {
            return zone.AtStartOfDay(date).ToInstant();
        }
        catch (SkippedTimeException)
        {
            // NodaTime throws only when the zone skipped the whole date; it then lasts no time at all.
            return StartOfDay(zone, date.PlusDays(1));
        }
    }

    private static Instant Clamp(Instant instant) =>
        instant < BusinessCalendar.MinSupportedInstant ? BusinessCalendar.MinSupportedInstant
        : instant >= BusinessCalendar.MaxSupportedInstant ? BusinessCalendar.MaxSupportedInstant - Duration.Epsilon
        : instant;

    private static LocalDate ParseDate(string? text, string option)
    {
        var parsed = LocalDatePattern.Iso.Parse(text ?? string.Empty);
        if (!parsed.Success)
        {
            throw new InputException($"{option}: '{text}' is not a date; use yyyy-MM-dd.");
        }

        if (parsed.Value < BusinessCalendar.MinSupportedDate || parsed.Value > BusinessCalendar.MaxSupportedDate)
        {
            throw new InputException($"{option}: {text} is outside the supported dates {BusinessCalendar.MinSupportedDate:yyyy-MM-dd} to {BusinessCalendar.MaxSupportedDate:yyyy-MM-dd}.");
        }

        return parsed.Value;
    }
}

/// <summary>The document of <c>itsm calendar show --json</c>.</summary>
/// <param name="Calendar">The calendar's name.</param>
/// <param name="TimeZone">Its IANA time zone.</param>
/// <param name="Tzdb">The time zone database version it was compiled with.</param>
/// <param name="Days">Each local date of the range.</param>
internal sealed record CalendarDaysDocument(string Calendar, string TimeZone, string Tzdb, IReadOnlyList<CalendarDayDocument> Days);

/// <summary>One local date, as JSON.</summary>
/// <param name="Date">The date (yyyy-MM-dd).</param>
/// <param name="DayOfWeek">Its weekday.</param>
/// <param name="WorkingSeconds">Its working time in seconds.</param>
/// <param name="Intervals">Its working intervals.</param>
internal sealed record CalendarDayDocument(string Date, string DayOfWeek, double WorkingSeconds, IReadOnlyList<WorkingIntervalDocument> Intervals);

/// <summary>One working interval, as JSON.</summary>
/// <param name="LocalStart">Its start in local time, with offset.</param>
/// <param name="LocalEnd">Its end in local time, with offset.</param>
/// <param name="Start">Its start (UTC).</param>
/// <param name="End">Its end, exclusive (UTC).</param>
/// <param name="Seconds">Its length in seconds.</param>
internal sealed record WorkingIntervalDocument(string LocalStart, string LocalEnd, string Start, string End, double Seconds);
