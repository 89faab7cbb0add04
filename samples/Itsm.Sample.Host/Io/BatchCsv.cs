namespace Itsm.Sample.Host.Io;

/// <summary>
/// Reads a batch command's CSV input (a million rows and more) without an object per field: each row is a
/// <see cref="BatchRow"/> over the file's text, and the caller turns it into its query on the spot.
/// </summary>
/// <remarks>
/// Files without quotes are split in place; a file with a quoted field is read by <see cref="CsvTable"/>
/// instead, with the same rules (header, field count, file:line:column in every error).
/// </remarks>
internal static class BatchCsv
{
    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r'))]);

    /// <summary>Parses one row into a query; <see cref="BatchRow.Error"/> makes the error for a bad field.</summary>
    public delegate T RowParser<out T>(in BatchRow row);

    /// <summary>Reads <paramref name="path"/> (header with at least <paramref name="required"/>), answering the <c>id</c> of every row, its line and its query.</summary>
    /// <exception cref="InputException">The file or a row is bad; nothing is answered.</exception>
    public static (string[] Ids, int[] Lines, T[] Queries) Read<T>(string path, string[] required, RowParser<T> parse) => Read(path, InputLimits.Current, required, parse);

    /// <summary>Reads <paramref name="path"/> as <see cref="Read{T}(string, string[], RowParser{T})"/> does, under <paramref name="limits"/> (size, rows and field length, as <see cref="CsvTable"/>).</summary>
    /// <exception cref="InputException">The file or a row is bad, or past a limit; nothing is answered.</exception>
    public static (string[] Ids, int[] Lines, T[] Queries) Read<T>(string path, InputLimits limits, string[] required, RowParser<T> parse)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(parse);
        var text = InputFile.ReadText(path, limits);
        if (text.AsSpan().IndexOfAny(Controls) is var at and >= 0)
        {
            // The rows' ids are echoed into the output: an ESC there would drive the terminal of whoever reads it.
            var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
            var line = 1 + text.AsSpan(0, at).Count('\n');
            throw new InputException($"{path}:{line}:{at - lineStart + 1}: the control character U+{(int)text[at]:X4} is not allowed in a CSV field (only tab is); remove it.");
        }

        return text.Contains('"', StringComparison.Ordinal) ? ReadQuoted(path, limits, required, parse) : ReadPlain(path, text, limits, required, parse);
    }

    private static (string[] Ids, int[] Lines, T[] Queries) ReadPlain<T>(string path, string text, InputLimits limits, string[] required, RowParser<T> parse)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var headerEnd = LineEnd(text, start);
        var header = text[start..headerEnd].TrimEnd('\r').Split(',').Select(h => h.Trim()).ToList();
        if (header.Count == 1 && header[0].Length == 0 && headerEnd >= text.Length)
        {
            throw new InputException($"{path}:1:1: the file is empty; expected the header '{string.Join(',', required)}'.");
        }

        var columns = new int[required.Length];
        for (var c = 0; c < required.Length; c++)
        {
            columns[c] = header.IndexOf(required[c]);
            if (columns[c] < 0)
            {
                throw new InputException($"{path}:1:1: the header has no column '{required[c]}'; expected '{string.Join(',', required)}'.");
            }
        }

        var ids = new List<string>();
        var lines = new List<int>();
        var queries = new List<T>();
        var fields = new Range[header.Count];
        var line = 1;
        for (var at = headerEnd + 1; at < text.Length; at = LineEnd(text, at) + 1)
        {
            line++;
            if (line - 1 > limits.MaxRows)
            {
                // Blank lines count, as in CsvTable (the batch path once skipped both limits: a 10,001-character field was read).
                throw new InputException($"{path}:{line}:1: the file has more than the input limit of {limits.MaxRows} rows; split it, or raise {InputLimits.RowsVariable}.", HostErrors.LimitCode);
            }

            var end = LineEnd(text, at);
            var record = text.AsSpan(at, end - at).TrimEnd('\r');
            if (record.Length == 0)
            {
                continue; // blank line
            }

            var count = Split(record, fields);
            if (count != header.Count)
            {
                throw new InputException($"{path}:{line}:1: expected {header.Count} fields, found {count}.");
            }

            foreach (var field in fields)
            {
                if (field.End.Value - field.Start.Value > limits.MaxFieldLength)
                {
                    throw new InputException(
                        $"{path}:{line}:{field.Start.Value + 1}: the field is longer than the input limit of {limits.MaxFieldLength} characters; shorten it, or raise {InputLimits.FieldVariable}.",
                        HostErrors.LimitCode);
                }
            }

            var row = new BatchRow(path, line, text, at, fields, columns, required);
            ids.Add(row.Text("id"));
            lines.Add(line);
            queries.Add(parse(row));
        }

        return ([.. ids], [.. lines], [.. queries]);
    }

    private static (string[] Ids, int[] Lines, T[] Queries) ReadQuoted<T>(string path, InputLimits limits, string[] required, RowParser<T> parse)
    {
        var table = CsvTable.Read(path, limits, required);
        var columns = required.Select(table.IndexOf).ToArray();
        var ids = new string[table.Rows.Count];
        var queries = new T[table.Rows.Count];
        var lines = table.Rows.Select(r => r.Line).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            var source = table.Rows[i];
            var values = table.Header.Select(name => source[name]).ToArray();
            var fields = new Range[values.Length];
            var offset = 0;
            for (var f = 0; f < values.Length; f++)
            {
                fields[f] = new Range(offset, offset + values[f].Length);
                offset += values[f].Length + 1;
            }

            var row = new BatchRow(path, source.Line, string.Join(',', values), 0, fields, columns, required);
            ids[i] = row.Text("id");
            queries[i] = parse(row);
        }

        return (ids, lines, queries);
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }

    private static int Split(ReadOnlySpan<char> record, Range[] fields)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i <= record.Length; i++)
        {
            if (i == record.Length || record[i] == ',')
            {
                if (count < fields.Length)
                {
                    fields[count] = new Range(start, i);
                }

                count++;
                start = i + 1;
            }
        }

        return count;
    }
}

/// <summary>One data row of a batch input, over the file's text: fields by column name, trimmed, and errors that point at them.</summary>
internal readonly ref struct BatchRow
{
    private readonly string path;
    private readonly int line;
    private readonly ReadOnlySpan<char> record;
    private readonly ReadOnlySpan<Range> fields;
    private readonly ReadOnlySpan<int> columns;
    private readonly string[] names;

    /// <summary>Creates the row at <paramref name="start"/> of <paramref name="text"/>; <paramref name="columns"/> are the header indexes of <paramref name="names"/>.</summary>
    public BatchRow(string path, int line, string text, int start, Range[] fields, int[] columns, string[] names)
    {
        this.path = path;
        this.line = line;
        record = text.AsSpan(start);
        this.fields = fields;
        this.columns = columns;
        this.names = names;
    }

    /// <summary>The trimmed field of column <paramref name="name"/> (one of the required columns).</summary>
    public ReadOnlySpan<char> this[string name] => record[fields[columns[Array.IndexOf(names, name)]]].Trim();

    /// <summary>The trimmed field of column <paramref name="name"/> as a string.</summary>
    public string Text(string name) => this[name].ToString();

    /// <summary>An <see cref="InputException"/> pointing at column <paramref name="name"/> of this row.</summary>
    public InputException Error(string name, string reason) =>
        new($"{path}:{line}:{fields[columns[Array.IndexOf(names, name)]].Start.Value + 1}: {name}: {reason}");
}
