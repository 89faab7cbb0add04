using System.Diagnostics;
using System.Runtime.CompilerServices;
using Itsm.Core.Calendars;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>Formats an answer as UTF-8 into a span of at least <see cref="InstantText.IsoLength"/> bytes; answers the length.</summary>
internal delegate int AnswerFormatter<in TAnswer>(Span<byte> utf8, TAnswer answer);

/// <summary>
/// One run of a batch command, block by block: read and check the block's rows, compile the calendar over their span
/// when it is not yet, answer every row (the engine alone: one call per row into an array), then format and write
/// the block. Each phase is timed on its own; a bad row anywhere fails the run before its output is kept.
/// </summary>
internal sealed class CalendarBatchRun<TQuery, TAnswer>(
    string input,
    string column,
    BusinessCalendar calendar,
    Func<TQuery, (Instant First, Instant Last)> span,
    Func<BusinessCalendar, TQuery, TAnswer> answer,
    AnswerFormatter<TAnswer> format)
{
    private readonly BatchBlock<TQuery> block = new();
    private readonly TAnswer[] answers = new TAnswer[BatchCsv.BlockRows];
    private (Instant From, Instant To)? compiled;

    public string Input => input;

    public int Rows { get; private set; }

    public TimeSpan Read { get; set; }

    public TimeSpan Compile { get; private set; }

    public TimeSpan Engine { get; private set; }

    public TimeSpan Write { get; private set; }

    public void Run(BatchCsv csv, BatchCsv.RowParser<TQuery> parse, BatchCsv.FastRowParser<TQuery> fast, byte[] header, Stream output)
    {
        var buffer = new byte[64 * 1024];
        output.Write(header);
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var count = csv.Read(block, parse, fast);
            var read = Stopwatch.GetTimestamp();
            Read += Stopwatch.GetElapsedTime(started, read);
            if (count == 0)
            {
                return;
            }

            CompileFor(count);
            var engine = Stopwatch.GetTimestamp();
            Answer(count);
            var written = Stopwatch.GetTimestamp();
            Engine += Stopwatch.GetElapsedTime(engine, written);
            buffer = WriteBlock(count, buffer, output);
            Write += Stopwatch.GetElapsedTime(written);
            Rows += count;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Answer(int count)
    {
        var row = 0;
        try
        {
            for (; row < count; row++)
            {
                answers[row] = answer(calendar, block.Queries[row]);
            }
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new InputException($"{input}:{block.Lines[row]}:1: {column}: {HostErrors.FirstLine(exception.Message)}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] WriteBlock(int count, byte[] buffer, Stream output)
    {
        var used = 0;
        for (var i = 0; i < count; i++)
        {
            var id = block.Id(i);
            var needed = CsvBytes.MaxFieldLength(id.Length) + 1 + InstantText.IsoLength + 1;
            if (buffer.Length - used < needed)
            {
                output.Write(buffer, 0, used);
                used = 0;
                if (buffer.Length < needed)
                {
                    buffer = new byte[needed];
                }
            }

            var target = buffer.AsSpan(used);
            int length;
            if (block.Verbatim[i])
            {
                id.CopyTo(target);
                length = id.Length;
            }
            else
            {
                length = CsvBytes.Field(target, id);
            }

            target[length++] = (byte)',';
            length += format(target[length..], answers[i]);
            target[length++] = (byte)'\n';
            used += length;
        }

        output.Write(buffer, 0, used);
        return buffer;
    }

    /// <summary>Compiles the calendar over the block's span (and a year past it for due instants) when it does not cover it yet.</summary>
    private void CompileFor(int count)
    {
        var (from, to) = (Instant.MaxValue, Instant.MinValue);
        for (var i = 0; i < count; i++)
        {
            var (first, last) = span(block.Queries[i]);
            from = first < from ? first : from;
            to = last > to ? last : to;
        }

        if (compiled is { } range && range.From <= from && to <= range.To)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        from = compiled is { } earlier && earlier.From < from ? earlier.From : from;
        to = compiled is { } later && later.To > to ? later.To : to;
        var end = to + Duration.FromDays(366);
        end = end < BusinessCalendar.MaxSupportedInstant ? end : BusinessCalendar.MaxSupportedInstant - Duration.Epsilon;
        calendar.Precompile(from, end > from ? end : from + Duration.Epsilon);
        compiled = (from, to);
        Compile += watch.Elapsed;
    }
}

