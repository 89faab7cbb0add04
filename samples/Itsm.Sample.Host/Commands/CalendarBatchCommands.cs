using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itsm.Core.Calendars;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm calendar due|between</c>: the engine's answers for every row of a CSV file, so a vendor can
/// compare them with their own tool's on their own large files.
/// </summary>
/// <remarks>
/// The work is done in phases, each timed: read and check every row (a bad row fails before anything is
/// written), compile the input's span, answer every row (the engine alone: one <c>Add</c> or
/// <c>BusinessTimeBetween</c> per row into an array, nothing formatted), then format and write all answers
/// at once. The summary line on stderr reports the engine's time per row apart from reading and writing.
/// </remarks>
internal static class CalendarBatchCommands
{
    /// <summary>Creates <c>itsm calendar due</c>.</summary>
    internal static Command CreateDue() => CreateRowCommand(
        "due",
        "For each row of id,start,business_minutes, the earliest instant by which that much business time has elapsed: id,due (UTC, to the precision of the start).\n\n"
        + "Example:\n  itsm calendar due --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --input samples/Itsm.Sample.Host/samples/calendar-due.csv --output due.csv",
        ["id", "start", "business_minutes"],
        "id,due",
        (in BatchRow row) => (Start: ParseInstant(row, "start"), Minutes: Duration.FromMinutes(ParseMinutes(row, "business_minutes"))),
        query => (query.Start, query.Start),
        "start",
        (calendar, query) => calendar.Add(query.Start, query.Minutes),
        InstantText.WriteIso);

    /// <summary>Creates <c>itsm calendar between</c>.</summary>
    internal static Command CreateBetween() => CreateRowCommand(
        "between",
        "For each row of id,from,to, the business time in [from, to): id,business_seconds.\n\n"
        + "Example:\n  itsm calendar between --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --input samples/Itsm.Sample.Host/samples/calendar-between.csv",
        ["id", "from", "to"],
        "id,business_seconds",
        (in BatchRow row) =>
        {
            var from = ParseInstant(row, "from");
            var to = ParseInstant(row, "to");
            return to < from ? throw row.Error("to", $"'{row["to"]}' is before from '{row["from"]}'.") : (From: from, To: to);
        },
        query => (query.From, query.To),
        "from",
        (calendar, query) => calendar.BusinessTimeBetween(query.From, query.To),
        WriteSeconds);

    /// <summary>
    /// The shape shared by <c>due</c> and <c>between</c>: <paramref name="parse"/> reads a row,
    /// <paramref name="span"/> gives the instants it touches (for compiling), <paramref name="answer"/> is the
    /// engine's call and <paramref name="write"/> formats its answer; an answer out of the engine's range is an
    /// error at the row's <paramref name="column"/>.
    /// </summary>
    private static Command CreateRowCommand<TQuery, TAnswer>(
        string name,
        string description,
        string[] columns,
        string outputHeader,
        BatchCsv.RowParser<TQuery> parse,
        Func<TQuery, (Instant First, Instant Last)> span,
        string column,
        Func<BusinessCalendar, TQuery, TAnswer> answer,
        Action<TextWriter, TAnswer> write)
    {
        var calendarOption = CalendarCommands.CalendarOption();
        var inputOption = new Option<FileInfo>("--input") { Description = $"The input CSV file with the header '{string.Join(',', columns)}'.", Required = true };
        var outputOption = new Option<FileInfo?>("--output") { Description = "The output CSV file (written completely or not at all); standard output when omitted." };
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
                var calendar = CalendarCommands.LoadCalendar(parseResult.GetValue(calendarOption)!);
                var watch = Stopwatch.StartNew();
                var input = parseResult.GetValue(inputOption)!.FullName;
                var (ids, lines, queries) = BatchCsv.Read(input, columns, parse);

                var read = watch.Elapsed;
                var compile = Compile(calendar, queries, span);
                var answers = new TAnswer[queries.Length];
                var engine = Stopwatch.StartNew();
                var row = 0;
                try
                {
                    for (; row < queries.Length; row++)
                    {
                        answers[row] = answer(calendar, queries[row]);
                    }
                }
                catch (ArgumentOutOfRangeException exception)
                {
                    throw new InputException($"{input}:{lines[row]}:1: {column}: {HostErrors.FirstLine(exception.Message)}");
                }

                engine.Stop();
                var writing = Stopwatch.StartNew();
                AtomicOutput.Write(outputPath, output, writer =>
                {
                    writer.Write(outputHeader);
                    writer.Write('\n');
                    for (var i = 0; i < answers.Length; i++)
                    {
                        writer.Write(CsvTable.Field(ids[i]));
                        writer.Write(',');
                        write(writer, answers[i]);
                        writer.Write('\n');
                    }
                });
                Summary(error, name, queries.Length, compile, engine.Elapsed, read, writing.Elapsed, calendar);
                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }

    /// <summary>Compiles the span of the input (plus a year for due instants) up front, so the engine's figure measures queries.</summary>
    private static TimeSpan Compile<TQuery>(BusinessCalendar calendar, TQuery[] queries, Func<TQuery, (Instant First, Instant Last)> span)
    {
        if (queries.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var watch = Stopwatch.StartNew();
        var (from, to) = (Instant.MaxValue, Instant.MinValue);
        foreach (var query in queries)
        {
            var (first, last) = span(query);
            from = first < from ? first : from;
            to = last > to ? last : to;
        }

        to += Duration.FromDays(366);
        calendar.Precompile(from, to < BusinessCalendar.MaxSupportedInstant ? to : BusinessCalendar.MaxSupportedInstant - Duration.Epsilon);
        return watch.Elapsed;
    }

    private static Instant ParseInstant(in BatchRow row, string column) =>
        InstantText.TryParse(row[column], out var instant) is { } problem ? throw row.Error(column, problem) : instant;

    private static long ParseMinutes(in BatchRow row, string column)
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

    /// <summary>A duration as seconds, with the fraction only when there is one (<c>3600</c>, <c>0.5</c>).</summary>
    private static void WriteSeconds(TextWriter writer, Duration duration)
    {
        var nanos = duration.ToInt64Nanoseconds();
        var (seconds, fraction) = (nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        Span<char> buffer = stackalloc char[32];
        seconds.TryFormat(buffer, out var length, provider: CultureInfo.InvariantCulture);
        writer.Write(buffer[..length]);
        if (fraction != 0)
        {
            fraction.TryFormat(buffer, out length, "000000000", CultureInfo.InvariantCulture);
            writer.Write('.');
            writer.Write(buffer[..length].TrimEnd('0'));
        }
    }

    private static void Summary(TextWriter error, string verb, int rows, TimeSpan compile, TimeSpan engine, TimeSpan read, TimeSpan write, BusinessCalendar calendar)
    {
        var perRow = rows == 0 ? 0 : engine.TotalNanoseconds / rows;
        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"calendar {verb}: {rows} rows, compiled '{SafeText.Escape(calendar.Name)}' ({calendar.TzdbVersion}) in {compile.TotalMilliseconds:0.0} ms; engine {perRow:0} ns per row ({engine.TotalMilliseconds:0.0} ms); I/O: read {read.TotalMilliseconds:0.0} ms, write {write.TotalMilliseconds:0.0} ms"));
    }
}
