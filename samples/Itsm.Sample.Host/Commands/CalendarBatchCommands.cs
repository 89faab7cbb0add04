using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Itsm.Core.Calendars;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm calendar due|between</c>: the engine's answers for every row of a CSV file, so a vendor can
/// compare them with their own tool's on their own large files.
/// </summary>
/// <remarks>
/// The work is done block by block in phases, each timed: read and check the rows, compile their span, answer
/// every row (the engine alone: one <c>Add</c> or <c>BusinessTimeBetween</c> per row into an array, nothing
/// formatted), then format the answers; a bad row anywhere fails the run and nothing is kept. An input file of more
/// than a chunk (about 1 MiB) after its header is cut into chunks that read their own bytes from the file and that the
/// processors work on side by side, written in file order (see <see cref="CalendarBatchRun{TQuery, TAnswer}"/>). The summary line on stderr reports the engine's time per row
/// apart from reading and writing.
/// </remarks>
internal static class CalendarBatchCommands
{
    private const int Id = 0;
    private const int First = 1;
    private const int Second = 2;

    /// <summary><c>due</c>: <c>id,start,business_minutes</c> to <c>id,due</c>, the engine's <c>Add</c>.</summary>
    internal static readonly CalendarBatchVerb<(Instant Start, Duration Minutes), Instant> Due = new(
        "due",
        ["id", "start", "business_minutes"],
        "id,due\n"u8.ToArray(),
        DueRow,
        FastDue,
        DueSpan,
        DueAnswers,
        InstantText.FormatIso);

    /// <summary><c>between</c>: <c>id,from,to</c> to <c>id,business_seconds</c>, the engine's <c>BusinessTimeBetween</c>.</summary>
    internal static readonly CalendarBatchVerb<(Instant From, Instant To), Duration> Between = new(
        "between",
        ["id", "from", "to"],
        "id,business_seconds\n"u8.ToArray(),
        BetweenRow,
        FastBetween,
        BetweenSpan,
        BetweenAnswers,
        FormatSeconds);

    /// <summary>Creates <c>itsm calendar due</c>.</summary>
    internal static Command CreateDue() => CreateRowCommand(
        Due,
        "For each row of id,start,business_minutes, the earliest instant by which that much business time has elapsed: id,due (UTC, to the precision of the start).\n\n"
        + "Example:\n  itsm calendar due --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --input samples/Itsm.Sample.Host/samples/calendar-due.csv --output due.csv");

    /// <summary>Creates <c>itsm calendar between</c>.</summary>
    internal static Command CreateBetween() => CreateRowCommand(
        Between,
        "For each row of id,from,to, the business time in [from, to): id,business_seconds.\n\n"
        + "Example:\n  itsm calendar between --calendar samples/Itsm.Sample.Host/samples/uk-office-hours.json --input samples/Itsm.Sample.Host/samples/calendar-between.csv");

    /// <summary>
    /// The shape shared by <c>due</c> and <c>between</c> (see <see cref="CalendarBatchVerb{TQuery, TAnswer}"/>); an answer
    /// out of the engine's range is an error at the row's first instant column.
    /// </summary>
    private static Command CreateRowCommand<TQuery, TAnswer>(CalendarBatchVerb<TQuery, TAnswer> verb, string description)
    {
        var columns = verb.Columns;
        var calendarOption = CalendarCommands.CalendarOption();
        var inputOption = new Option<FileInfo>("--input") { Description = $"The input CSV file with the header '{string.Join(',', columns)}'.", Required = true };
        var outputOption = new Option<FileInfo?>("--output") { Description = "The output CSV file (written completely or not at all); standard output when omitted." };
        var command = new Command(verb.Name, description);
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
                var calendar = CalendarFile.Load(parseResult.GetValue(calendarOption)!);
                var run = new CalendarBatchRun<TQuery, TAnswer>(parseResult.GetValue(inputOption)!.FullName, verb, calendar);
                AtomicOutput.WriteBytes(outputPath, output, run.Run);
                Summary(error, verb.Name, run, calendar);
                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DueAnswers(BusinessCalendar calendar, ReadOnlySpan<(Instant Start, Duration Minutes)> queries, Span<Instant> answers)
    {
        for (var i = 0; i < queries.Length; i++)
        {
            answers[i] = calendar.Add(queries[i].Start, queries[i].Minutes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BetweenAnswers(BusinessCalendar calendar, ReadOnlySpan<(Instant From, Instant To)> queries, Span<Duration> answers)
    {
        for (var i = 0; i < queries.Length; i++)
        {
            answers[i] = calendar.BusinessTimeBetween(queries[i].From, queries[i].To);
        }
    }

    private static (Instant First, Instant Last) DueSpan(ReadOnlySpan<(Instant Start, Duration Minutes)> queries)
    {
        var (first, last) = (Instant.MaxValue, Instant.MinValue);
        foreach (var (start, _) in queries)
        {
            (first, last) = (start < first ? start : first, start > last ? start : last);
        }

        return (first, last);
    }

    private static (Instant First, Instant Last) BetweenSpan(ReadOnlySpan<(Instant From, Instant To)> queries)
    {
        var (first, last) = (Instant.MaxValue, Instant.MinValue);
        foreach (var (from, to) in queries)
        {
            (first, last) = (from < first ? from : first, to > last ? to : last);
        }

        return (first, last);
    }

    /// <summary>A <c>due</c> row: <c>id,start,business_minutes</c>, any layout the reader accepts; a bad field is an error at it.</summary>
    internal static (Instant Start, Duration Minutes) DueRow(in BatchRow row) => (ParseInstant(row, First), Duration.FromMinutes(ParseMinutes(row, Second)));

    /// <summary>A <c>between</c> row: <c>id,from,to</c>, with <c>to</c> not before <c>from</c>.</summary>
    internal static (Instant From, Instant To) BetweenRow(in BatchRow row)
    {
        var from = ParseInstant(row, First);
        var to = ParseInstant(row, Second);
        return to < from ? throw row.Error(Second, $"'{row.Text(Second)}' is before from '{row.Text(First)}'.") : (from, to);
    }

    /// <summary><c>due</c>'s common layout after the id: <c>instant,minutes</c> (see <see cref="InstantText.ReadIso"/>), nothing to trim, nothing wrong.</summary>
    internal static int FastDue(ReadOnlySpan<byte> rest, out (Instant Start, Duration Minutes) query)
    {
        query = default;
        var at = InstantText.ReadIso(rest, out var start);
        if (at == 0 || at >= rest.Length || rest[at] != ',' || !InstantText.IsSupported(start))
        {
            return -1;
        }

        var (minutes, digits) = (0L, 0);
        for (at++; at < rest.Length && digits < 9 && (uint)(rest[at] - '0') <= 9; at++, digits++)
        {
            minutes = (minutes * 10) + (rest[at] - '0');
        }

        if (digits == 0 || minutes > MaxMinutes)
        {
            return -1;
        }

        query = (start, Duration.FromMinutes(minutes));
        return at;
    }

    /// <summary><c>between</c>'s common layout after the id: <c>instant,instant</c>, nothing to trim, the second not before the first.</summary>
    internal static int FastBetween(ReadOnlySpan<byte> rest, out (Instant From, Instant To) query)
    {
        query = default;
        var at = InstantText.ReadIso(rest, out var from);
        if (at == 0 || at >= rest.Length || rest[at] != ',' || !InstantText.IsSupported(from))
        {
            return -1;
        }

        var length = InstantText.ReadIso(rest[(at + 1)..], out var to);
        if (length == 0 || !InstantText.IsSupported(to) || to < from)
        {
            return -1;
        }

        query = (from, to);
        return at + 1 + length;
    }

    private static Instant ParseInstant(in BatchRow row, int column) =>
        InstantText.TryParse(row[column], out var instant) is { } problem ? throw row.Error(column, problem) : instant;

    private static long ParseMinutes(in BatchRow row, int column)
    {
        var text = row[column];
        var (minutes, tooLarge) = (0L, false);
        foreach (var b in text)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                throw row.Error(column, $"'{row.Text(column)}' is not a whole, non-negative number of minutes.");
            }

            if (!tooLarge)
            {
                minutes = (minutes * 10) + digit;
                tooLarge = minutes > MaxMinutes;
            }
        }

        return text.IsEmpty
            ? throw row.Error(column, "'' is not a whole, non-negative number of minutes.")
            : tooLarge ? throw row.Error(column, $"{row.Text(column)} minutes is more than a hundred years of business time.") : minutes;
    }

    private const long MaxMinutes = 100L * 366 * 24 * 60;

    /// <summary>A duration as seconds, with the fraction only when there is one (<c>3600</c>, <c>0.5</c>).</summary>
    private static int FormatSeconds(Span<byte> utf8, Duration duration)
    {
        var nanos = duration.ToInt64Nanoseconds();
        var (seconds, fraction) = (nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        seconds.TryFormat(utf8, out var length, provider: CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            utf8[length++] = (byte)'.';
            fraction.TryFormat(utf8[length..], out var digits, "000000000", CultureInfo.InvariantCulture);
            length += digits;
            while (utf8[length - 1] == '0')
            {
                length--;
            }
        }

        return length;
    }

    /// <summary>
    /// The stderr summary. A chunked run adds how it ran: its engine, read and write times are summed over the threads
    /// (the processor time of each phase, so the engine's time per row stays comparable), beside the wall-clock time.
    /// </summary>
    private static void Summary<TQuery, TAnswer>(TextWriter error, string verb, CalendarBatchRun<TQuery, TAnswer> run, BusinessCalendar calendar)
    {
        var perRow = run.Rows == 0 ? 0 : run.Engine.TotalNanoseconds / run.Rows;
        var chunked = run.Chunks == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"; {run.Chunks} chunks on {Math.Min(run.Threads, run.Chunks)} threads in {run.Wall.TotalMilliseconds:0.0} ms wall (the times above summed over the threads)");
        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"calendar {verb}: {run.Rows} rows, compiled '{SafeText.Escape(calendar.Name)}' ({calendar.TzdbVersion}) in {run.Compile.TotalMilliseconds:0.0} ms; engine {perRow:0} ns per row ({run.Engine.TotalMilliseconds:0.0} ms); I/O: read {run.Read.TotalMilliseconds:0.0} ms, write {run.Write.TotalMilliseconds:0.0} ms{chunked}"));
    }
}
