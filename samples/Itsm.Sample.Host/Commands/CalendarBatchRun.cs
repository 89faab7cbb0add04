using System.Diagnostics;
using System.Runtime.CompilerServices;
using Itsm.Core.Calendars;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>Formats an answer as UTF-8 into a span of at least <see cref="InstantText.IsoLength"/> bytes; answers the length.</summary>
internal delegate int AnswerFormatter<in TAnswer>(Span<byte> utf8, TAnswer answer);

/// <summary>The earliest and the latest instant the queries of a block touch (for compiling the calendar over them).</summary>
internal delegate (Instant First, Instant Last) BlockSpan<TQuery>(ReadOnlySpan<TQuery> queries);

/// <summary>The engine's answer to each query of a block, in order; throws the engine's <see cref="ArgumentOutOfRangeException"/> for a query out of its range.</summary>
internal delegate void BlockAnswers<TQuery, TAnswer>(BusinessCalendar calendar, ReadOnlySpan<TQuery> queries, Span<TAnswer> answers);

/// <summary>
/// What a batch verb is: its input columns (the first the row's id, the second where an engine error points), its output
/// header, how a row is read (<paramref name="Fast"/> a row of the common layout, straight from its bytes), the instants
/// a block's queries touch (for compiling), the engine's calls and how an answer is written. A block at a time, so that
/// the loops over a block's rows call the engine directly, not through a delegate per row.
/// </summary>
internal sealed record CalendarBatchVerb<TQuery, TAnswer>(
    string Name,
    string[] Columns,
    byte[] Header,
    BatchCsv.RowParser<TQuery> Parse,
    BatchCsv.FastRowParser<TQuery> Fast,
    BlockSpan<TQuery> Span,
    BlockAnswers<TQuery, TAnswer> Answer,
    AnswerFormatter<TAnswer> Format);

/// <summary>
/// One run of a batch command, block by block: read and check the block's rows, compile the calendar over their span
/// when it is not yet, answer every row (the engine alone: one call per row into an array), then format and write
/// the block. Each phase is timed on its own; a bad row anywhere fails the run before its output is kept.
/// </summary>
/// <remarks>
/// A plain input file of more than <see cref="ParallelFrom"/> bytes is cut into chunks of about <see cref="ChunkBytes"/>,
/// which the thread pool reads from the file, checks, answers and formats side by side while this thread writes the
/// finished ones in file order (see <c>CalendarBatchRun.Chunked.cs</c>); the phases' times are then summed over the
/// threads. Anything out of the ordinary in a chunk makes the run read the whole input again in order, so that the
/// answer or the error is the one the plain run gives.
/// </remarks>
internal sealed partial class CalendarBatchRun<TQuery, TAnswer>(string input, CalendarBatchVerb<TQuery, TAnswer> verb, BusinessCalendar calendar)
{
    private readonly Lock gate = new();
    private (Instant From, Instant To)? compiled;

    public string Input => input;

    public int Rows { get; private set; }

    public TimeSpan Read { get; private set; }

    public TimeSpan Compile { get; private set; }

    public TimeSpan Engine { get; private set; }

    public TimeSpan Write { get; private set; }

    /// <summary>The input (bytes after the header) read in chunks side by side only above it and above <see cref="ChunkBytes"/>: below, one thread, no thread cost.</summary>
    public int ParallelFrom { get; init; } = 64 * 1024;

    /// <summary>About how many bytes of input each chunk has.</summary>
    public int ChunkBytes { get; init; } = 1024 * 1024;

    /// <summary>The threads that read the chunks: at most the processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>How many chunks the input was read in (0 when it was read in order on this thread).</summary>
    public int Chunks { get; private set; }

    /// <summary>The wall-clock time of the chunked reading, answering and writing (zero when there was none).</summary>
    public TimeSpan Wall { get; private set; }

    /// <summary>The input limits the run reads under.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Current;

    /// <summary>
    /// Reads <see cref="Input"/> and writes the header and every row's answer to <paramref name="output"/>: in chunks
    /// side by side when the file is large and plain (see <see cref="BatchCsv.OpenChunked"/>), else in order on this thread.
    /// A chunked run that meets anything out of the ordinary (a bad row, a quote, bytes that are not UTF-8, more rows
    /// than the limit) empties the output back to the header and runs again in order, which answers or fails as the plain run does.
    /// </summary>
    /// <exception cref="InputException">The file, its header or a row is bad, or a row's answer is out of the engine's range: the first such fault the plain reading meets.</exception>
    public void Run(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(verb.Header);
        var body = output.CanSeek ? output.Position : -1;
        if (body >= 0 && Threads > 1 && BatchCsv.OpenChunked(input, verb.Columns, Limits, ChunkBytes, ParallelFrom) is { } chunked)
        {
            using (chunked)
            {
                if (RunChunked(chunked, output))
                {
                    return;
                }
            }

            (Rows, Chunks, Read, Engine, Write, Wall) = (0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
            output.SetLength(body);
            output.Position = body;
        }

        var opening = Stopwatch.GetTimestamp();
        var csv = BatchCsv.Open(input, verb.Columns, Limits);
        Read += Stopwatch.GetElapsedTime(opening);
        Chunks = 0;
        var lane = new Lane();
        using var buffer = new PooledBytes(64 * 1024, output);
        for (var count = Next(lane, csv); count > 0; count = Next(lane, csv))
        {
            Format(lane, count, buffer);
        }

        var flushing = Stopwatch.GetTimestamp();
        buffer.WriteTo(output);
        lane.WriteTicks += Stopwatch.GetTimestamp() - flushing;
        Add(lane);
    }

    /// <summary>Adds a lane's rows and phase times to the run's.</summary>
    private void Add(Lane lane)
    {
        Rows += lane.Rows;
        Read += Stopwatch.GetElapsedTime(0, lane.ReadTicks);
        Engine += Stopwatch.GetElapsedTime(0, lane.EngineTicks);
        Write += Stopwatch.GetElapsedTime(0, lane.WriteTicks);
    }

    /// <summary>Reads the next block of <paramref name="csv"/> into <paramref name="lane"/>, compiles for it and answers it; answers the rows (0 at the end).</summary>
    private int Next(Lane lane, BatchCsv csv)
    {
        var started = Stopwatch.GetTimestamp();
        var count = csv.Read(lane.Block, verb.Parse, verb.Fast);
        var read = Stopwatch.GetTimestamp();
        lane.ReadTicks += read - started;
        if (count == 0)
        {
            return 0;
        }

        CompileFor(lane.Block, count);
        var engine = Stopwatch.GetTimestamp();
        Answer(lane, count);
        lane.EngineTicks += Stopwatch.GetTimestamp() - engine;
        lane.Rows += count;
        return count;
    }

    private void Answer(Lane lane, int count)
    {
        ReadOnlySpan<TQuery> queries = lane.Block.Queries.AsSpan(0, count);
        var answers = lane.Answers.AsSpan(0, count);
        try
        {
            verb.Answer(calendar, queries, answers);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The block's first query out of the engine's range, asked again one by one, is the row to name.
            for (var row = 0; row < count; row++)
            {
                try
                {
                    verb.Answer(calendar, queries.Slice(row, 1), answers.Slice(row, 1));
                }
                catch (ArgumentOutOfRangeException exception)
                {
                    throw new InputException($"{input}:{lane.Block.Lines[row]}:1: {verb.Columns[1]}: {HostErrors.FirstLine(exception.Message)}");
                }
            }

            throw;
        }
    }

    /// <summary>Formats the block's rows (<c>id,answer</c>) into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Format(Lane lane, int count, PooledBytes output)
    {
        var started = Stopwatch.GetTimestamp();
        var (block, answers, format) = (lane.Block, lane.Answers, verb.Format);
        for (var i = 0; i < count; i++)
        {
            var id = block.Id(i);
            var target = output.Reserve(CsvBytes.MaxFieldLength(id.Length) + 1 + InstantText.IsoLength + 1);
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
            output.Advance(length);
        }

        lane.WriteTicks += Stopwatch.GetTimestamp() - started;
    }

    /// <summary>Compiles the calendar over the block's span (and a year past it for due instants) when it does not cover it yet.</summary>
    private void CompileFor(BatchBlock<TQuery> block, int count)
    {
        var (from, to) = verb.Span(block.Queries.AsSpan(0, count));
        lock (gate)
        {
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

    /// <summary>One thread's block, answers, rows and phase times (in <see cref="Stopwatch"/> ticks).</summary>
    private sealed class Lane
    {
        public BatchBlock<TQuery> Block { get; } = new();

        public TAnswer[] Answers { get; } = new TAnswer[BatchCsv.BlockRows];

        public int Rows { get; set; }

        public long ReadTicks { get; set; }

        public long EngineTicks { get; set; }

        public long WriteTicks { get; set; }
    }
}
