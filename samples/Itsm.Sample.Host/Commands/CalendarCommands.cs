using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm calendar due|between|show</c>: questions about a business calendar file, so vendors can
/// check the engine's answers against their own tool; <c>itsm calendar define</c> stores one for SLAs.
/// </summary>
internal static class CalendarCommands
{
    private static readonly InstantPattern OutputPattern = InstantPattern.ExtendedIso;

    /// <summary>Creates the <c>calendar</c> command with its subcommands.</summary>
    internal static Command Create()
    {
        var command = new Command("calendar", "Business calendars: due instants, business time between instants, working intervals.");
        command.Subcommands.Add(CreateDue());
        command.Subcommands.Add(CreateBetween());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateDefine());
        return command;
    }

    /// <summary>
    /// <c>calendar define</c>: stores a calendar file in the tenant's records under an id (the file
    /// name without extension unless <c>--id</c> says otherwise), so SLA definitions can name it.
    /// </summary>
    private static Command CreateDefine()
    {
        var calendarOption = CalendarOption();
        var idOption = new Option<string?>("--id") { Description = "The calendar's id in the store; the file name without its extension when omitted." };
        var command = new Command(
            "define",
            "Store a calendar file in the tenant's records, so SLA definitions can measure business time on it. The id defaults to the file name without its extension; a taken id is a conflict.\n\n"
            + "Example:\n  itsm calendar define --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --tenant acme\n  (stores it as 'uk-office-hours')");
        command.Options.Add(calendarOption);
        command.Options.Add(idOption);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) =>
            RecordSession.RunAsync(parseResult, async (output, error) =>
            {
                var file = parseResult.GetValue(calendarOption)!;
                var definition = ReadDefinition(file);
                var idText = parseResult.GetValue(idOption) ?? Path.GetFileNameWithoutExtension(file.Name);
                var id = Parsed.Value(CalendarId.Parse(idText, "--id"));
                await using var session = RecordSession.Open(parseResult);
                var defined = await session.Dispatcher.SendAsync(new DefineCalendar(session.Context, id, definition), cancellationToken).ConfigureAwait(false);
                if (!defined.IsSuccess)
                {
                    return ResultReport.Write(defined, error, new Dictionary<string, string> { ["Id"] = "--id", ["Definition"] = "--calendar" });
                }

                output.WriteLine($"defined calendar '{id}' ({definition.Name}, {definition.Zone.Id}) for tenant '{session.Context.Tenant}'");
                return ExitCodes.Ok;
            }));
        return command;
    }

    private static Option<FileInfo> CalendarOption() => new("--calendar")
    {
        Description = "The calendar JSON file (see docs/calendars-and-slas.md).",
        Required = true,
    };

    private static Option<FileInfo> InputOption(string header) => new("--input")
    {
        Description = $"The input CSV file with the header '{header}'.",
        Required = true,
    };

    private static Option<FileInfo?> OutputOption() => new("--output")
    {
        Description = "The output CSV file (written completely or not at all); standard output when omitted.",
    };

    private static Command CreateDue() => CreateRowCommand(
        "due",
        "For each row of id,start,business_minutes, the earliest instant by which that much business time has elapsed: id,due (UTC).\n\n"
        + "Example:\n  itsm calendar due --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --input samples/Itsm.Sample.Host/samples/calendar-due.csv --output due.csv",
        ["id", "start", "business_minutes"],
        "id,due",
        row => (Start: ParseInstant(row, "start"), Minutes: ParseMinutes(row, "business_minutes")),
        query => [query.Start],
        (calendar, row, query) => OutputPattern.Format(Ask(row, "start", () => calendar.Add(query.Start, Duration.FromMinutes(query.Minutes)))));

    private static Command CreateBetween() => CreateRowCommand(
        "between",
        "For each row of id,from,to, the business time in [from, to): id,business_seconds.\n\n"
        + "Example:\n  itsm calendar between --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --input samples/Itsm.Sample.Host/samples/calendar-between.csv",
        ["id", "from", "to"],
        "id,business_seconds",
        row =>
        {
            var from = ParseInstant(row, "from");
            var to = ParseInstant(row, "to");
            return to < from ? throw row.Error("to", $"'{row["to"]}' is before from '{row["from"]}'.") : (From: from, To: to);
        },
        query => [query.From, query.To],
        (calendar, row, query) => Seconds(Ask(row, "from", () => calendar.BusinessTimeBetween(query.From, query.To))));

    /// <summary>
    /// The shape shared by <c>due</c> and <c>between</c>: parse every row first (a bad row fails before
    /// anything is written), compile the input's span, answer each row, write all answers at once in
    /// input order, and print a one-line summary to stderr.
    /// </summary>
    private static Command CreateRowCommand<TQuery>(
        string name,
        string description,
        string[] columns,
        string outputHeader,
        Func<CsvRow, TQuery> parse,
        Func<TQuery, Instant[]> instants,
        Func<BusinessCalendar, CsvRow, TQuery, string> answer)
    {
        var calendarOption = CalendarOption();
        var inputOption = InputOption(string.Join(',', columns));
        var outputOption = OutputOption();
        var command = new Command(name, description);
        command.Options.Add(calendarOption);
        command.Options.Add(inputOption);
        command.Options.Add(outputOption);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommandRunner.RunAsync(error, () =>
            {
                var outputPath = AtomicOutput.Check(parseResult.GetValue(outputOption)?.FullName);
                var calendar = LoadCalendar(parseResult.GetValue(calendarOption)!);
                var table = CsvTable.Read(parseResult.GetValue(inputOption)!.FullName, columns);
                var rows = table.Rows.Select(row => (Row: row, Query: parse(row))).ToList();
                var compile = Compile(calendar, rows.SelectMany(r => instants(r.Query)));
                var watch = Stopwatch.StartNew();
                var results = rows.Select(r => answer(calendar, r.Row, r.Query)).ToArray();
                watch.Stop();
                AtomicOutput.Write(outputPath, output, writer =>
                {
                    writer.Write(outputHeader + "\n");
                    for (var i = 0; i < rows.Count; i++)
                    {
                        writer.Write($"{CsvTable.Field(rows[i].Row["id"])},{results[i]}\n");
                    }
                });
                Summary(error, name, rows.Count, compile, watch.Elapsed, calendar);
                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }

    private static Command CreateShow()
    {
        var calendarOption = CalendarOption();
        var fromOption = new Option<string>("--from") { Description = "The first local date (yyyy-MM-dd).", Required = true };
        var toOption = new Option<string>("--to") { Description = "The last local date (yyyy-MM-dd), inclusive.", Required = true };
        var command = new Command(
            "show",
            "The working intervals of each local date in a range, in local time and in UTC.\n\n"
            + "Example:\n  itsm calendar show --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --from 2026-03-27 --to 2026-03-31");
        command.Options.Add(calendarOption);
        command.Options.Add(fromOption);
        command.Options.Add(toOption);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommandRunner.RunAsync(error, () =>
            {
                var calendar = LoadCalendar(parseResult.GetValue(calendarOption)!);
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

                var text = Show(calendar, first, last);
                output.Write(text);
                output.Flush();
                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }

    /// <summary>The working intervals of each date, local and UTC, with each date's total.</summary>
    internal static string Show(BusinessCalendar calendar, LocalDate first, LocalDate last)
    {
        var zone = calendar.Zone;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{calendar.Name} ({zone.Id}, {calendar.TzdbVersion})\n");
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

        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            var list = byDate.GetValueOrDefault(date) ?? [];
            var total = list.Aggregate(Duration.Zero, (sum, i) => sum + i.Duration);
            text.Append(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} {date.DayOfWeek.ToString()[..3]}  {FormatDuration(total)}");
            text.Append(list.Count == 0 ? "  no working time\n" : "\n");
            foreach (var interval in list)
            {
                var localStart = interval.Start.InZone(zone);
                var localEnd = interval.End.InZone(zone);
                var endText = localEnd.Date > date ? "24:00" : localEnd.ToString("HH:mm", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"  {localStart:HH:mm} {localStart.Offset} - {endText} {localEnd.Offset}   {OutputPattern.Format(interval.Start)} - {OutputPattern.Format(interval.End)}   {FormatDuration(interval.Duration)}\n");
            }
        }

        return text.ToString();
    }

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

    private static string FormatDuration(Duration duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}h{duration.Minutes:00}m");

    private static BusinessCalendar LoadCalendar(FileInfo file) => BusinessCalendar.FromDefinition(ReadDefinition(file));

    private static BusinessCalendarDefinition ReadDefinition(FileInfo file)
    {
        var json = InputFile.ReadText(file.FullName);
        if (!CalendarJson.TryRead(json, out var definition, out var errors))
        {
            throw new InputException([.. errors.Select(e => ($"{file.FullName}:{e.Line}:{e.Column}: {(e.Path.Length > 0 ? e.Path + ": " : string.Empty)}{e.Message}", e.ErrorCode))]);
        }

        return definition!;
    }

    /// <summary>Compiles the span of the input (plus a year for due instants) up front, so the per-row figure measures queries.</summary>
    private static TimeSpan Compile(BusinessCalendar calendar, IEnumerable<Instant> instants)
    {
        var list = instants.ToList();
        if (list.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var watch = Stopwatch.StartNew();
        var from = list.Min();
        var to = list.Max() + Duration.FromDays(366);
        calendar.Precompile(from, to < BusinessCalendar.MaxSupportedInstant ? to : BusinessCalendar.MaxSupportedInstant - Duration.Epsilon);
        return watch.Elapsed;
    }

    private static Instant ParseInstant(CsvRow row, string column) =>
        InstantText.TryParse(row[column], out var instant) is { } problem ? throw row.Error(column, problem) : instant;

    private static long ParseMinutes(CsvRow row, string column)
    {
        var text = row[column];
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            throw row.Error(column, $"'{text}' is not a whole, non-negative number of minutes.");
        }

        if (minutes > 100L * 366 * 24 * 60)
        {
            throw row.Error(column, $"{minutes} minutes is more than a hundred years of business time.");
        }

        return minutes;
    }

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

    /// <summary>Runs a calendar query for a row, turning an out-of-range answer into an error at that row.</summary>
    private static T Ask<T>(CsvRow row, string column, Func<T> query)
    {
        try
        {
            return query();
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw row.Error(column, exception.Message.Split('\n')[0].Split(" (Parameter", StringSplitOptions.None)[0]);
        }
    }

    private static string Seconds(Duration duration)
    {
        var nanos = duration.ToInt64Nanoseconds();
        var seconds = nanos / 1_000_000_000L;
        var fraction = nanos % 1_000_000_000L;
        return fraction == 0
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:000000000}").TrimEnd('0');
    }

    private static void Summary(TextWriter error, string verb, int rows, TimeSpan compile, TimeSpan elapsed, BusinessCalendar calendar)
    {
        var perRow = rows == 0 ? 0 : elapsed.TotalNanoseconds / rows;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calendar {verb}: {rows} rows, compiled '{calendar.Name}' ({calendar.TzdbVersion}) in {compile.TotalMilliseconds:0.0} ms, {perRow:0} ns per row"));
    }
}
