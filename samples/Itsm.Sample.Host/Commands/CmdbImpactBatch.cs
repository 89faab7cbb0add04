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

        writer.Flush();
        return new Timing(analyse, write, rows);
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

    /// <summary>Rows into one reused buffer, flushed to the stream when full.</summary>
    private sealed class RowWriter
    {
        private readonly Stream output;
        private byte[] buffer = new byte[64 * 1024];
        private ImpactedConfigurationItem[] items = new ImpactedConfigurationItem[256];
        private int used;

        public RowWriter(Stream output)
        {
            this.output = output;
            output.Write(Header);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write(string name, ImpactResult result)
        {
            var field = Encoding.UTF8.GetBytes(Csv(name));
            var count = Ordered(result);
            for (var i = 0; i < count; i++)
            {
                var item = items[i];
                var id = item.Id.Value;
                var needed = field.Length + (Encoding.UTF8.GetMaxByteCount(id.Length) * 2) + 24;
                if (buffer.Length - used < needed)
                {
                    Flush();
                    if (buffer.Length < needed)
                    {
                        buffer = new byte[needed];
                    }
                }

                var target = buffer.AsSpan(used);
                field.CopyTo(target);
                var length = field.Length;
                target[length++] = (byte)',';
                length += NeedsQuotes(id) ? Encoding.UTF8.GetBytes(Csv(id), target[length..]) : Encoding.UTF8.GetBytes(id, target[length..]);
                var state = item.State == ImpactState.Down ? Down : Degraded;
                state.CopyTo(target[length..]);
                length += state.Length;
                item.Distance.TryFormat(target[length..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
                length += digits;
                target[length++] = (byte)'\n';
                used += length;
            }
        }

        public void Flush()
        {
            output.Write(buffer, 0, used);
            used = 0;
        }

        /// <summary>Copies the result's items into the reused buffer, nearest first and then by id.</summary>
        private int Ordered(ImpactResult result)
        {
            var count = result.Count;
            if (items.Length < count)
            {
                items = new ImpactedConfigurationItem[Math.Max(count, items.Length * 2)];
            }

            result.CopyByDistanceThenIdTo(items);
            return count;
        }
    }

    private static bool NeedsQuotes(string text) => text.AsSpan().IndexOfAny(Special) >= 0;

    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");

    private static string Csv(string text) => Itsm.Core.Reporting.ServiceReportFormat.CsvField(text);
}
