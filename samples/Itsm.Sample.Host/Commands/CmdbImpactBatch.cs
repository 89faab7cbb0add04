using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// The answer of <c>itsm cmdb impact --queries</c>: every query's impacted items as CSV rows
/// <c>query,id,state,depth</c>, nearest first and then by id, written as UTF-8 bytes without a string per row, so
/// that the command costs little more per impacted row than the library's analysis itself.
/// </summary>
internal static class CmdbImpactBatch
{
    private static readonly byte[] Header = "query,id,state,depth\n"u8.ToArray();
    private static readonly byte[] Down = ",down,"u8.ToArray();
    private static readonly byte[] Degraded = ",degraded,"u8.ToArray();

    /// <summary>What one run measured.</summary>
    /// <param name="Analyse">The library's analysis, all queries (summed over the threads, for the answers kept).</param>
    /// <param name="Write">Ordering and writing the rows (summed over the threads, for the answers kept).</param>
    /// <param name="Rows">The impacted rows written.</param>
    /// <param name="Threads">The threads the queries were answered on (1: in order on the caller's).</param>
    /// <param name="Wall">The wall-clock time of the whole answer.</param>
    internal readonly record struct Timing(TimeSpan Analyse, TimeSpan Write, long Rows, int Threads = 1, TimeSpan Wall = default);

    /// <summary>The fewest queries answered side by side: below it, the thread costs more than it saves.</summary>
    internal const int ParallelFrom = 8;

    /// <summary>
    /// Analyses every query over <paramref name="snapshot"/> and writes the rows to <paramref name="output"/>, query by
    /// query in the file's order. With <see cref="ParallelFrom"/> queries and more and more than one of
    /// <paramref name="threads"/> (the processors by default), groups of queries are analysed, ordered and formatted side
    /// by side, each into its own pooled buffer, and written in order (the snapshot's analysis is thread-safe: each
    /// query borrows its own working arrays). With <paramref name="idsNeedQuoting"/> false (as
    /// <see cref="CsvBytes.AnyNeedsQuoting"/> answers for the snapshot's ids when none holds a comma, a quote or a line
    /// break) each id's bytes are copied as they are, without a check per row.
    /// </summary>
    public static Timing Answer(CmdbSnapshot snapshot, IReadOnlyList<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> queries, Stream output, int threads = 0, bool idsNeedQuoting = true)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(output);
        var wall = Stopwatch.StartNew();
        threads = Math.Min(threads > 0 ? threads : Environment.ProcessorCount, queries.Count);
        if (threads < 2 || queries.Count < ParallelFrom)
        {
            using var bytes = new PooledBytes(64 * 1024, output);
            var writer = new RowWriter(bytes, idsNeedQuoting);
            writer.Header();
            var one = AnswerRange(snapshot, queries, 0, queries.Count, writer);
            var flushing = Stopwatch.GetTimestamp();
            bytes.WriteTo(output);
            return one with { Write = one.Write + Stopwatch.GetElapsedTime(flushing), Wall = wall.Elapsed };
        }

        // Eight groups a thread, claimed in order: a thread that is slow to start leaves its groups to the others. A group
        // another thread still holds when none is left to claim, this thread waits for as long as twice the longest group
        // it answered itself took, and then answers it too, keeping the first answer: a helper that is working finishes
        // without its group being answered twice, and a helper descheduled by a busy machine holds the answer up by little.
        var size = Math.Max(1, queries.Count / (threads * 8));
        var groups = new Group?[(queries.Count + size - 1) / size];
        var claimed = -1;
        for (var h = 1; h < threads; h++)
        {
            _ = Task.Run(Work);
        }

        var longest = Work();
        var patience = Stopwatch.GetTimestamp() + (2 * longest);
        for (var g = 0; g < groups.Length; g++)
        {
            var spinner = default(SpinWait);
            while (Volatile.Read(ref groups[g]) is null && Stopwatch.GetTimestamp() < patience)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            if (Volatile.Read(ref groups[g]) is null)
            {
                Keep(g, AnswerGroup(g));
            }
        }

        try
        {
            var (analyse, write, rows) = (TimeSpan.Zero, TimeSpan.Zero, 0L);
            var started = Stopwatch.GetTimestamp();
            output.Write(Header);
            foreach (var group in groups)
            {
                if (group!.Failure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(group.Failure); // the first query the plain order fails at
                }

                group.Bytes!.WriteTo(output);
                (analyse, write, rows) = (analyse + group.Timing.Analyse, write + group.Timing.Write, rows + group.Timing.Rows);
            }

            return new Timing(analyse, write + Stopwatch.GetElapsedTime(started), rows, threads, wall.Elapsed);
        }
        finally
        {
            foreach (var group in groups)
            {
                group?.Bytes?.Dispose();
            }
        }

        // Answers groups until none is left to claim; answers the longest one took, in Stopwatch ticks.
        long Work()
        {
            var longest = 0L;
            for (var g = Interlocked.Increment(ref claimed); g < groups.Length; g = Interlocked.Increment(ref claimed))
            {
                var started = Stopwatch.GetTimestamp();
                Keep(g, AnswerGroup(g));
                longest = Math.Max(longest, Stopwatch.GetTimestamp() - started);
            }

            return longest;
        }

        // The first answer of a group is kept; a later one (the same bytes) gives its buffer back.
        void Keep(int g, Group answer)
        {
            if (Interlocked.CompareExchange(ref groups[g], answer, null) is not null)
            {
                answer.Bytes?.Dispose();
            }
        }

        Group AnswerGroup(int g)
        {
            var group = new Group();
            try
            {
                group.Bytes = new PooledBytes(16 * 1024);
                group.Timing = AnswerRange(snapshot, queries, g * size, Math.Min(queries.Count, (g + 1) * size), new RowWriter(group.Bytes, idsNeedQuoting));
            }
            catch (Exception exception)
            {
                group.Failure = exception; // thrown by the caller in the queries' order
            }

            return group;
        }
    }

    /// <summary>Analyses queries <c>[from, to)</c> in order and writes their rows to <paramref name="writer"/>.</summary>
    private static Timing AnswerRange(CmdbSnapshot snapshot, IReadOnlyList<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> queries, int from, int to, RowWriter writer)
    {
        var (analyse, write, rows) = (0L, 0L, 0L);
        for (var q = from; q < to; q++)
        {
            var (name, failed) = queries[q];
            var started = Stopwatch.GetTimestamp();
            var result = ImpactAnalysis.Analyse(snapshot, failed).Value;
            var analysed = Stopwatch.GetTimestamp();
            writer.Write(name, result);
            (analyse, write, rows) = (analyse + (analysed - started), write + (Stopwatch.GetTimestamp() - analysed), rows + result.Count);
        }

        return new Timing(Stopwatch.GetElapsedTime(0, analyse), Stopwatch.GetElapsedTime(0, write), rows);
    }

    /// <summary>Writes the rows of results already computed (the store's path, one query through the dispatcher each).</summary>
    public static void Write(Stream output, IEnumerable<(string Name, ImpactResult Result)> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        using var bytes = new PooledBytes(64 * 1024, output);
        var writer = new RowWriter(bytes, quoteIds: true);
        writer.Header();
        foreach (var (name, result) in results)
        {
            writer.Write(name, result);
        }

        bytes.WriteTo(output);
    }

    /// <summary>One group of queries answered on one thread: its rows, what it measured, or what it threw.</summary>
    private sealed class Group
    {
        public PooledBytes? Bytes { get; set; }

        public Timing Timing { get; set; }

        public Exception? Failure { get; set; }
    }

    /// <summary>
    /// Rows as CSV bytes into a pooled buffer, which passes them on to the output or keeps them for their turn; ids are
    /// checked for CSV's special bytes (and quoted when they hold one) only with <paramref name="quoteIds"/>.
    /// </summary>
    private sealed class RowWriter(PooledBytes bytes, bool quoteIds)
    {
        /// <summary>Writes the header row.</summary>
        public void Header()
        {
            CmdbImpactBatch.Header.CopyTo(bytes.Reserve(CmdbImpactBatch.Header.Length));
            bytes.Advance(CmdbImpactBatch.Header.Length);
        }

        /// <summary>
        /// The rows of one query, straight from the result's ordered UTF-8 view: the query's field and comma are encoded
        /// once, the end of a row (<c>,down,2</c> or <c>,degraded,2</c> and the line break) once per distance, and each id
        /// is the snapshot's bytes (quoted only when it holds a comma, a quote or a line break, and checked only when some
        /// id of the snapshot might).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write(string name, ImpactResult result)
        {
            var prefix = Encoding.UTF8.GetBytes(Itsm.Core.Reporting.ServiceReportFormat.CsvField(name) + ",");
            var shortPrefix = prefix.Length <= Vector256<byte>.Count;
            var prefixBytes = shortPrefix ? Piece(prefix) : default;
            var distance = -1;
            Span<Vector256<byte>> ends = stackalloc Vector256<byte>[2]; // a row's end at this distance: degraded, down
            Span<int> endLengths = stackalloc int[2];
            foreach (var item in result.EnumerateUtf8ByDistanceThenId())
            {
                if (item.Distance != distance)
                {
                    distance = item.Distance;
                    (ends[0], endLengths[0]) = End(Degraded, distance);
                    (ends[1], endLengths[1]) = End(Down, distance);
                }

                var id = item.Id;
                var target = bytes.Reserve(Math.Max(Vector256<byte>.Count, prefix.Length) + CsvBytes.MaxFieldLength(id.Length) + Vector256<byte>.Count);
                ref var at = ref MemoryMarshal.GetReference(target);
                if (shortPrefix)
                {
                    prefixBytes.StoreUnsafe(ref at); // the id overwrites what follows the prefix
                }
                else
                {
                    prefix.CopyTo(target);
                }

                int length;
                if (quoteIds)
                {
                    length = prefix.Length + CsvBytes.Field(target[prefix.Length..], id);
                }
                else
                {
                    id.CopyTo(target[prefix.Length..]); // no id of the snapshot needs quoting: copied without a check
                    length = prefix.Length + id.Length;
                }

                var end = item.State == ImpactState.Down ? 1 : 0; // an index, not a branch: down and degraded rows mix
                ends[end].StoreUnsafe(ref Unsafe.Add(ref at, length));
                bytes.Advance(length + endLengths[end]);
            }
        }

        /// <summary>Up to 32 bytes, padded with zeros, as one vector to store at once.</summary>
        private static Vector256<byte> Piece(ReadOnlySpan<byte> piece)
        {
            Span<byte> padded = stackalloc byte[Vector256<byte>.Count];
            padded.Clear();
            piece.CopyTo(padded);
            return Vector256.Create<byte>(padded);
        }

        /// <summary>The end of a row: <paramref name="state"/>, the distance and the line break (at most 21 bytes), as one vector and its length.</summary>
        private static (Vector256<byte> Bytes, int Length) End(byte[] state, int distance)
        {
            Span<byte> end = stackalloc byte[Vector256<byte>.Count];
            state.CopyTo(end);
            distance.TryFormat(end[state.Length..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            end[state.Length + digits] = (byte)'\n';
            return (Piece(end[..(state.Length + digits + 1)]), state.Length + digits + 1);
        }
    }
}
