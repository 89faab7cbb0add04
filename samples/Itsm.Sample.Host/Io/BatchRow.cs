using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>One block of a batch input: each row's query, line and id (a slice of the input's bytes), reused from block to block.</summary>
/// <typeparam name="T">The query a row is turned into.</typeparam>
internal sealed class BatchBlock<T>
{
    /// <summary>Creates a block of <paramref name="capacity"/> rows.</summary>
    public BatchBlock(int capacity = BatchCsv.BlockRows)
    {
        Capacity = capacity;
        Queries = new T[capacity];
        Lines = new int[capacity];
        IdStart = new int[capacity];
        IdLength = new int[capacity];
        Verbatim = new bool[capacity];
    }

    /// <summary>The most rows the block holds.</summary>
    public int Capacity { get; }

    /// <summary>The rows read into it by the last <see cref="BatchCsv.Read{T}"/>.</summary>
    public int Count { get; set; }

    /// <summary>Each row's query.</summary>
    public T[] Queries { get; }

    /// <summary>Each row's line in the file (for errors).</summary>
    public int[] Lines { get; }

    /// <summary>Where each row's id starts in <see cref="Data"/>.</summary>
    public int[] IdStart { get; }

    /// <summary>How many bytes each row's id has.</summary>
    public int[] IdLength { get; }

    /// <summary>Per row, true when its id is known to need no CSV quotes (a fast-path row: no comma, quote or line break in it).</summary>
    public bool[] Verbatim { get; }

    /// <summary>The bytes the ids are slices of.</summary>
    public byte[] Data { get; set; } = [];

    /// <summary>The trimmed id of row <paramref name="index"/>, as UTF-8.</summary>
    public ReadOnlySpan<byte> Id(int index) => Data.AsSpan(IdStart[index], IdLength[index]);
}

/// <summary>One data row of a batch input, over the input's bytes: fields by required-column index, trimmed, and errors that point at them.</summary>
internal readonly ref struct BatchRow
{
    private readonly string path;
    private readonly ReadOnlySpan<byte> data;
    private readonly int lineStart;
    private readonly ReadOnlySpan<Range> fields;
    private readonly ReadOnlySpan<int> columns;
    private readonly string[] names;

    /// <summary>Creates the row of <paramref name="line"/> starting at <paramref name="lineStart"/> of <paramref name="data"/>; <paramref name="columns"/> are the header indexes of <paramref name="names"/>.</summary>
    public BatchRow(string path, int line, byte[] data, int lineStart, Range[] fields, int[] columns, string[] names)
    {
        this.path = path;
        Line = line;
        this.data = data;
        this.lineStart = lineStart;
        this.fields = fields;
        this.columns = columns;
        this.names = names;
    }

    /// <summary>The row's line in the file.</summary>
    public int Line { get; }

    /// <summary>The number of required columns.</summary>
    public int Columns => names.Length;

    /// <summary>The trimmed UTF-8 field of required column <paramref name="column"/> (its index in the required columns).</summary>
    public ReadOnlySpan<byte> this[int column]
    {
        get
        {
            var (start, length) = Range(column);
            return data.Slice(start, length);
        }
    }

    /// <summary>The field of required column <paramref name="column"/> as text, for messages.</summary>
    public string Text(int column) => Encoding.UTF8.GetString(this[column]);

    /// <summary>An <see cref="InputException"/> pointing at required column <paramref name="column"/> of this row.</summary>
    public InputException Error(int column, string reason)
    {
        var start = fields[columns[column]].Start.Value;
        return new InputException($"{path}:{Line}:{Encoding.UTF8.GetCharCount(data[lineStart..start]) + 1}: {names[column]}: {reason}");
    }

    /// <summary>Where the trimmed field of required column <paramref name="column"/> lies in the input's bytes.</summary>
    internal (int Start, int Length) Range(int column)
    {
        var (start, length) = fields[columns[column]].GetOffsetAndLength(data.Length);
        return Utf8Trim.Bounds(data, start, length);
    }
}

/// <summary>Trims white space, as <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/> does for text (every Unicode white space), from UTF-8 bytes.</summary>
internal static class Utf8Trim
{
    /// <summary>The bounds of <c>[start, start + length)</c> of <paramref name="data"/> without leading and trailing white space.</summary>
    public static (int Start, int Length) Bounds(ReadOnlySpan<byte> data, int start, int length)
    {
        var end = start + length;
        while (start < end)
        {
            var b = data[start];
            if (b is > 0x20 and < 0x7F)
            {
                break; // the common case: a visible ASCII character
            }

            if (System.Text.Rune.DecodeFromUtf8(data[start..end], out var rune, out var size) != System.Buffers.OperationStatus.Done || !System.Text.Rune.IsWhiteSpace(rune))
            {
                break;
            }

            start += size;
        }

        while (end > start)
        {
            var b = data[end - 1];
            if (b is > 0x20 and < 0x7F)
            {
                break;
            }

            if (System.Text.Rune.DecodeLastFromUtf8(data[start..end], out var rune, out var size) != System.Buffers.OperationStatus.Done || !System.Text.Rune.IsWhiteSpace(rune))
            {
                break;
            }

            end -= size;
        }

        return (start, end - start);
    }
}
