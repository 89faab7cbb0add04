using System.Runtime.CompilerServices;
using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// Reads a batch command's CSV input (a million rows and more) as UTF-8 bytes, a block of rows at a time, without
/// a string per row: each row is a <see cref="BatchRow"/> over the file's bytes, which the caller turns into its
/// query on the spot, and the row's id stays a slice of those bytes until it is written out.
/// </summary>
/// <remarks>
/// Files without quotes are split in place; a file with a quoted field is read by <see cref="CsvTable"/> instead,
/// with the same rules (header, field count, limits, file:line:column in every error), and its fields are laid out
/// as bytes for the same row type. The first of the required columns is the row's id.
/// </remarks>
internal sealed partial class BatchCsv
{
    /// <summary>The rows of one block: large enough that the phases' per-block costs vanish, small enough to stay in cache.</summary>
    public const int BlockRows = 4096;

    private readonly string path;
    private readonly byte[] data;
    private readonly int fieldCount;
    private readonly int[] columns;
    private readonly string[] names;
    private readonly InputLimits limits;
    private readonly Range[] fields;
    private readonly IReadOnlyList<(int Line, Range[] Fields)>? quoted;
    private readonly int end;
    private int position;
    private int line = 1;
    private int records;

    private BatchCsv(string path, byte[] data, int position, int fieldCount, int[] columns, string[] names, InputLimits limits, IReadOnlyList<(int Line, Range[] Fields)>? quoted)
        : this(path, data, position, data.Length, fieldCount, columns, names, limits, quoted)
    {
    }

    private BatchCsv(string path, byte[] data, int position, int end, int fieldCount, int[] columns, string[] names, InputLimits limits, IReadOnlyList<(int Line, Range[] Fields)>? quoted)
    {
        (this.path, this.data, this.position, this.end, this.fieldCount, this.columns, this.names, this.limits, this.quoted) =
            (path, data, Math.Min(position, end), end, fieldCount, columns, names, limits, quoted);
        fields = new Range[fieldCount];
    }

    /// <summary>Parses one row into a query; <see cref="BatchRow.Error"/> makes the error for a bad field.</summary>
    public delegate T RowParser<out T>(in BatchRow row);

    /// <summary>Opens <paramref name="path"/> under the process's limits and reads its header, which must have every column of <paramref name="required"/>.</summary>
    /// <exception cref="InputException">The file, its header or its size is bad.</exception>
    public static BatchCsv Open(string path, string[] required) => Open(path, required, InputLimits.Current);

    /// <summary>As <see cref="Open(string, string[])"/>, under <paramref name="limits"/>.</summary>
    /// <exception cref="InputException">The file, its header or its size is bad.</exception>
    public static BatchCsv Open(string path, string[] required, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(required);
        var (bytes, start) = InputFile.ReadUtf8(path, limits);
        RefuseControls(path, bytes, start);
        return bytes.AsSpan(start).Contains((byte)'"') ? OpenQuoted(path, required, limits) : OpenPlain(path, bytes, start, required, limits);
    }

    /// <summary>
    /// Reads the fields after the id of a row in the common layout straight from the input's bytes: <paramref name="rest"/>
    /// starts just after the id's comma and runs to the end of the input. Answers how many bytes the fields take (the record
    /// must end there: at a line break or the end of the input) and the query, or -1 when the row is anything else, which
    /// <see cref="RowParser{T}"/> then reads, and judges, as if there were no fast path.
    /// </summary>
    public delegate int FastRowParser<T>(ReadOnlySpan<byte> rest, out T query);

    /// <summary>Reads the next rows, at most <see cref="BatchBlock{T}.Capacity"/>, into <paramref name="block"/>; answers how many (0 at the end).</summary>
    /// <exception cref="InputException">A row is bad: the error names file, line and column.</exception>
    public int Read<T>(BatchBlock<T> block, RowParser<T> parse) => Read(block, parse, fast: null);

    /// <summary>
    /// As <see cref="Read{T}(BatchBlock{T}, RowParser{T})"/>, with <paramref name="fast"/> for the rows of the common layout:
    /// the required columns in order and alone, an id with nothing to trim, fields as <paramref name="fast"/> reads them.
    /// Every other row, and every row of a file with quotes, goes through <paramref name="parse"/>; the answers and the
    /// errors are the same either way.
    /// </summary>
    /// <exception cref="InputException">A row is bad: the error names file, line and column.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Read<T>(BatchBlock<T> block, RowParser<T> parse, FastRowParser<T>? fast)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(parse);
        block.Count = 0;
        return quoted is null ? ReadPlain(block, parse, InOrder ? fast : null) : ReadQuoted(block, parse);
    }

    /// <summary>True when the header is the required columns in order and nothing else, and the field limit leaves room for any fixed-layout field.</summary>
    private bool InOrder => fieldCount == columns.Length && columns.Select((c, i) => c == i).All(x => x) && limits.MaxFieldLength >= FastFieldRoom;

    /// <summary>The longest fields a fast parser reads (an instant with nine fractional digits and an offset is 35 bytes), with room to spare.</summary>
    private const int FastFieldRoom = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadPlain<T>(BatchBlock<T> block, RowParser<T> parse, FastRowParser<T>? fast)
    {
        block.Data = data;
        var count = 0;
        while (count < block.Capacity && position < end)
        {
            if (fast is not null && TryFast(block, count, fast))
            {
                count++;
                continue;
            }

            var lineStart = position;
            var newline = data.AsSpan(lineStart, end - lineStart).IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? end : lineStart + newline;
            position = lineEnd + 1;
            line++;
            var recordEnd = lineEnd > lineStart && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            CountRecord();
            if (recordEnd == lineStart)
            {
                continue; // blank line
            }

            var found = Split(lineStart, recordEnd);
            if (found != fieldCount)
            {
                throw new InputException($"{path}:{line}:1: expected {fieldCount} fields, found {found}.");
            }

            Take(block, count++, new BatchRow(path, line, data, lineStart, fields, columns, names), parse);
        }

        return block.Count = count;
    }

    /// <summary>
    /// Reads the row at <see cref="position"/> through <paramref name="fast"/> when it has the common layout; false (and
    /// nothing consumed or counted) when it has not, for the general path to read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFast<T>(BatchBlock<T> block, int index, FastRowParser<T> fast)
    {
        var rest = data.AsSpan(position, end - position);
        // The id ends at the first comma; a line break (or a lone CR, which would need quotes on output) before it is for the general path.
        var comma = rest.IndexOfAny((byte)',', (byte)'\n', (byte)'\r');
        if (comma <= 0 || rest[comma] != ',' || comma > limits.MaxFieldLength || !Visible(rest[0]) || !Visible(rest[comma - 1]))
        {
            return false;
        }

        var stop = fast(rest[(comma + 1)..], out var query);
        if (stop < 0)
        {
            return false;
        }

        stop += comma + 1;
        int next;
        if (stop == rest.Length)
        {
            next = stop;
        }
        else if (rest[stop] == '\n')
        {
            next = stop + 1;
        }
        else if (rest[stop] == '\r' && stop + 1 < rest.Length && rest[stop + 1] == '\n')
        {
            next = stop + 2;
        }
        else
        {
            return false;
        }

        line++;
        CountRecord();
        block.IdStart[index] = position;
        block.IdLength[index] = comma;
        block.Verbatim[index] = true;
        block.Lines[index] = line;
        block.Queries[index] = query;
        position += next;
        return true;

        // A visible ASCII character: an id that starts and ends with one has nothing to trim.
        static bool Visible(byte b) => b is > 0x20 and < 0x7F;
    }

    private int ReadQuoted<T>(BatchBlock<T> block, RowParser<T> parse)
    {
        block.Data = data;
        var count = 0;
        while (count < block.Capacity && position < quoted!.Count)
        {
            var (rowLine, rowFields) = quoted[position++];
            Take(block, count++, new BatchRow(path, rowLine, data, rowFields[0].Start.Value, rowFields, columns, names), parse);
        }

        return block.Count = count;
    }

    private static void Take<T>(BatchBlock<T> block, int index, in BatchRow row, RowParser<T> parse)
    {
        var id = row.Range(0);
        block.IdStart[index] = id.Start;
        block.IdLength[index] = id.Length;
        block.Verbatim[index] = false;
        block.Lines[index] = row.Line;
        block.Queries[index] = parse(row);
    }

    private void CountRecord()
    {
        // Blank lines count, as in CsvTable, so a file of newlines meets the limit too.
        if (++records > limits.MaxRows)
        {
            throw new InputException(
                $"{path}:{line}:1: the file has more than the input limit of {limits.MaxRows} rows; split it, or raise {InputLimits.RowsVariable}.",
                HostErrors.LimitCode);
        }
    }

    /// <summary>Splits the record <c>[start, end)</c> at commas into <see cref="fields"/>; answers the number of fields found.</summary>
    private int Split(int start, int end)
    {
        var count = 0;
        var from = start;
        while (true)
        {
            var comma = data.AsSpan(from, end - from).IndexOf((byte)',');
            var to = comma < 0 ? end : from + comma;
            if (count < fields.Length)
            {
                if (to - from > limits.MaxFieldLength && Encoding.UTF8.GetCharCount(data, from, to - from) > limits.MaxFieldLength)
                {
                    throw new InputException(
                        $"{path}:{line}:{Encoding.UTF8.GetCharCount(data, start, from - start) + 1}: the field is longer than the input limit of {limits.MaxFieldLength} characters; shorten it, or raise {InputLimits.FieldVariable}.",
                        HostErrors.LimitCode);
                }

                fields[count] = new Range(from, to);
            }

            count++;
            if (comma < 0)
            {
                return count;
            }

            from = to + 1;
        }
    }
}
