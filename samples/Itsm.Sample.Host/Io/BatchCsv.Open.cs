using System.Text;

namespace Itsm.Sample.Host.Io;

/// <content>Opening an input: the header, its columns, and the bytes refused anywhere in the file.</content>
internal sealed partial class BatchCsv
{
    /// <summary>
    /// Refuses a control character other than tab and line breaks (C0, DEL and C1) anywhere in the input: the rows' ids
    /// are echoed into the output, and an ESC there would drive the terminal of whoever reads it.
    /// </summary>
    private static void RefuseControls(string path, byte[] bytes, int start)
    {
        var text = bytes.AsSpan(start);
        var at = FirstControl(text);
        if (at < 0)
        {
            return;
        }

        var lineStart = text[..at].LastIndexOf((byte)'\n') + 1;
        var line = 1 + text[..at].Count((byte)'\n');
        var character = System.Text.Rune.DecodeFromUtf8(text[at..], out var rune, out _) == System.Buffers.OperationStatus.Done ? rune.Value : text[at];
        throw new InputException($"{path}:{line}:{Encoding.UTF8.GetCharCount(text[lineStart..at]) + 1}: the control character U+{character:X4} is not allowed in a CSV field (only tab is); remove it.");
    }

    /// <summary>Where the first control character other than tab and line breaks (C0, DEL, or C1 as <c>C2 80</c>-<c>C2 9F</c>) is in <paramref name="text"/>; -1 when there is none.</summary>
    private static int FirstControl(ReadOnlySpan<byte> text)
    {
        var at = text.IndexOfAny(ControlBytes);
        for (var c1 = text.IndexOf((byte)0xC2); c1 >= 0 && c1 + 1 < text.Length && (at < 0 || c1 < at); c1 = NextC2(text, c1))
        {
            if (text[c1 + 1] is >= 0x80 and <= 0x9F)
            {
                return c1;
            }
        }

        return at;

        static int NextC2(ReadOnlySpan<byte> text, int from) => text[(from + 1)..].IndexOf((byte)0xC2) is var next and >= 0 ? from + 1 + next : -1;
    }

    private static readonly System.Buffers.SearchValues<byte> ControlBytes = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Append(0x7F).Select(b => (byte)b).Where(b => b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))]);

    private static BatchCsv OpenPlain(string path, byte[] bytes, int start, string[] required, InputLimits limits)
    {
        var newline = bytes.AsSpan(start).IndexOf((byte)'\n');
        var headerEnd = newline < 0 ? bytes.Length : start + newline;
        var header = HeaderNames(bytes, start, headerEnd - start);
        if (header.Count == 1 && header[0].Length == 0 && headerEnd >= bytes.Length)
        {
            throw new InputException($"{path}:1:1: the file is empty; expected the header '{string.Join(',', required)}'.");
        }

        return new BatchCsv(path, bytes, headerEnd + 1, header.Count, Columns(path, header, required), required, limits, quoted: null);
    }

    /// <summary>The header line's column names (<paramref name="length"/> bytes from <paramref name="start"/>, without its line break), each trimmed.</summary>
    private static List<string> HeaderNames(byte[] bytes, int start, int length) =>
        Encoding.UTF8.GetString(bytes, start, length).TrimEnd('\r').Split(',').Select(h => h.Trim()).ToList();

    private static BatchCsv OpenQuoted(string path, string[] required, InputLimits limits)
    {
        var table = CsvTable.Read(path, limits, required);
        var content = new MemoryStream();
        var rows = new List<(int Line, Range[] Fields)>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var rowFields = new Range[table.Header.Count];
            for (var f = 0; f < rowFields.Length; f++)
            {
                var from = (int)content.Length;
                content.Write(Encoding.UTF8.GetBytes(row[table.Header[f]]));
                rowFields[f] = new Range(from, (int)content.Length);
                content.WriteByte((byte)',');
            }

            rows.Add((row.Line, rowFields));
        }

        return new BatchCsv(path, content.ToArray(), 0, table.Header.Count, Columns(path, [.. table.Header], required), required, limits, rows);
    }

    private static int[] Columns(string path, List<string> header, string[] required)
    {
        var columns = new int[required.Length];
        for (var c = 0; c < required.Length; c++)
        {
            columns[c] = header.IndexOf(required[c]);
            if (columns[c] < 0)
            {
                throw new InputException($"{path}:1:1: the header has no column '{required[c]}'; expected '{string.Join(',', required)}'.");
            }
        }

        return columns;
    }
}
