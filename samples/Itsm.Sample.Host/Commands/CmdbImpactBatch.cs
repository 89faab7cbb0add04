using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Itsm.Core.Common;
using Itsm.Core.Configuration;

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
    /// <param name="Analyse">The library's analysis, all queries.</param>
    /// <param name="Write">Ordering and writing the rows.</param>
    /// <param name="Rows">The impacted rows written.</param>
    internal readonly record struct Timing(TimeSpan Analyse, TimeSpan Write, long Rows);

    /// <summary>Analyses every query over <paramref name="snapshot"/> and writes the rows to <paramref name="output"/>, query by query.</summary>
    public static Timing Answer(CmdbSnapshot snapshot, IReadOnlyList<(string Name, IReadOnlyList<ConfigurationItemId> Failed)> queries, Stream output)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var writer = new RowWriter(output);
        var (analyse, write, rows) = (TimeSpan.Zero, TimeSpan.Zero, 0L);
        foreach (var (name, failed) in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var result = ImpactAnalysis.Analyse(snapshot, failed).Value;
            var analysed = Stopwatch.GetTimestamp();
            writer.Write(name, result);
            analyse += Stopwatch.GetElapsedTime(started, analysed);
            write += Stopwatch.GetElapsedTime(analysed);
            rows += result.Count;
        }

        var flushing = Stopwatch.GetTimestamp();
        writer.Flush();
        return new Timing(analyse, write + Stopwatch.GetElapsedTime(flushing), rows);
    }

    /// <summary>Writes the rows of results already computed (the store's path, one query through the dispatcher each).</summary>
    public static void Write(Stream output, IEnumerable<(string Name, ImpactResult Result)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var writer = new RowWriter(output);
        foreach (var (name, result) in results)
        {
            writer.Write(name, result);
        }

        writer.Flush();
    }

    /// <summary>Rows into one reused buffer, rented from the shared pool and flushed to the stream when full.</summary>
    private sealed class RowWriter
    {
        private readonly Stream output;
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int used;

        public RowWriter(Stream output)
        {
            this.output = output;
            output.Write(Header);
        }

        /// <summary>
        /// The rows of one query, straight from the result's ordered UTF-8 view: the query's field is encoded once, each
        /// id is the snapshot's bytes (quoted only when it holds a comma, a quote or a line break).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write(string name, ImpactResult result)
        {
            var field = Encoding.UTF8.GetBytes(Itsm.Core.Reporting.ServiceReportFormat.CsvField(name));
            foreach (var item in result.EnumerateUtf8ByDistanceThenId())
            {
                var id = item.Id;
                var needed = field.Length + Io.CsvBytes.MaxFieldLength(id.Length) + 24;
                if (buffer.Length - used < needed)
                {
                    Grow(needed);
                }

                var target = buffer.AsSpan(used);
                field.CopyTo(target);
                var length = field.Length;
                target[length++] = (byte)',';
                length += Io.CsvBytes.Field(target[length..], id);
                var state = item.State == ImpactState.Down ? Down : Degraded;
                state.CopyTo(target[length..]);
                length += state.Length;
                var distance = item.Distance;
                if ((uint)distance < 10)
                {
                    target[length++] = (byte)('0' + distance);
                }
                else
                {
                    distance.TryFormat(target[length..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
                    length += digits;
                }

                target[length++] = (byte)'\n';
                used += length;
            }
        }

        /// <summary>Writes what is buffered and returns the buffer to the pool.</summary>
        public void Flush()
        {
            output.Write(buffer, 0, used);
            used = 0;
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }

        private void Grow(int needed)
        {
            output.Write(buffer, 0, used);
            used = 0;
            if (buffer.Length < needed)
            {
                if (buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                buffer = ArrayPool<byte>.Shared.Rent(needed);
            }
        }
    }
}
