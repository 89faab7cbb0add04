using System.Text;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// A small RFC 4180 CSV reader for the host's input files: a required header, quoted fields,
/// and errors that name the file, line and column so a person can fix the file.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> columns;

    private CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        columns = header.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
    }

    /// <summary>The file the table was read from.</summary>
    public string Path { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows, in file order.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>True when the header has column <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => columns.ContainsKey(name);

    /// <summary>The index of column <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => columns.GetValueOrDefault(name, -1);

    /// <summary>
    /// Reads <paramref name="path"/>, requiring the columns <paramref name="required"/> in the header
    /// (extra columns are allowed). Throws <see cref="InputException"/> with file, line and column on bad input.
    /// </summary>
    public static CsvTable Read(string path, params string[] required) => Read(path, InputLimits.Current, required);

    /// <summary>
    /// Reads <paramref name="path"/> under <paramref name="limits"/> (file size, data rows, field length;
    /// past any of them, <see cref="HostErrors.LimitCode"/> naming the limit and where it was passed),
    /// requiring the columns <paramref name="required"/> in the header.
    /// </summary>
    public static CsvTable Read(string path, InputLimits limits, params string[] required)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var records = Parse(path, InputFile.ReadText(path, limits), limits);
        if (records.Count == 0)
        {
            throw new InputException($"{path}:1:1: the file is empty; expected the header '{string.Join(',', required)}'.");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        foreach (var name in required)
        {
            if (!header.Contains(name, StringComparer.Ordinal))
            {
                throw new InputException($"{path}:1:1: the header has no column '{name}'; expected '{string.Join(',', required)}'.");
            }
        }

        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue; // blank line
            }

            if (record.Fields.Count != header.Count)
            {
                throw new InputException($"{path}:{record.Line}:1: expected {header.Count} fields, found {record.Fields.Count}.");
            }

            rows.Add(new CsvRow(path, record.Line, record.Fields, record.Columns));
        }

        var table = new CsvTable(path, header, rows);
        foreach (var row in rows)
        {
            row.Table = table;
        }

        return table;
    }

    private static List<(int Line, List<string> Fields, List<int> Columns)> Parse(string path, string text, InputLimits limits)
    {
        var records = new List<(int, List<string>, List<int>)>();
        var fields = new List<string>();
        var starts = new List<int>();
        var field = new StringBuilder();
        int line = 1, column = 1, recordLine = 1, fieldColumn = 1;
        var quoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    Append(field, '"', path, recordLine, fieldColumn, limits);
                    i++;
                    column += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    Append(field, c, path, recordLine, fieldColumn, limits);
                }

                if (c == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    column++;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    starts.Add(fieldColumn);
                    field.Clear();
                    column++;
                    fieldColumn = column;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    starts.Add(fieldColumn);
                    records.Add((recordLine, fields, starts));
                    CheckRows(records.Count, path, recordLine, limits);
                    fields = [];
                    starts = [];
                    field.Clear();
                    line++;
                    column = 1;
                    fieldColumn = 1;
                    recordLine = line;
                    break;
                default:
                    Append(field, c, path, recordLine, fieldColumn, limits);
                    column++;
                    break;
            }
        }

        if (quoted)
        {
            throw new InputException($"{path}:{line}:{column}: a quoted field is not closed.");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            starts.Add(fieldColumn);
            records.Add((recordLine, fields, starts));
            CheckRows(records.Count, path, recordLine, limits);
        }

        return records;
    }

    private static void Append(StringBuilder field, char c, string path, int line, int column, InputLimits limits)
    {
        if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
        {
            // Fields are echoed into outputs (a capacity series' metric, a batch row's id): an ESC would drive the reader's terminal.
            throw new InputException($"{path}:{line}:{column}: the control character U+{(int)c:X4} is not allowed in a CSV field (only tab and line breaks are); remove it.");
        }

        if (field.Length >= limits.MaxFieldLength)
        {
            throw new InputException(
                $"{path}:{line}:{column}: the field is longer than the input limit of {limits.MaxFieldLength} characters; shorten it, or raise {InputLimits.FieldVariable}.",
                HostErrors.LimitCode);
        }

        field.Append(c);
    }

    private static void CheckRows(int records, string path, int line, InputLimits limits)
    {
        // The first record is the header; blank lines count, so the check needs no look-ahead.
        if (records - 1 > limits.MaxRows)
        {
            throw new InputException(
                $"{path}:{line}:1: the file has more than the input limit of {limits.MaxRows} rows; split it, or raise {InputLimits.RowsVariable}.",
                HostErrors.LimitCode);
        }
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>, with its line for error messages.</summary>
internal sealed class CsvRow
{
    private readonly IReadOnlyList<string> fields;
    private readonly IReadOnlyList<int> columns;

    internal CsvRow(string path, int line, IReadOnlyList<string> fields, IReadOnlyList<int> columns)
    {
        Path = path;
        Line = line;
        this.fields = fields;
        this.columns = columns;
    }

    /// <summary>The file the row came from.</summary>
    public string Path { get; }

    /// <summary>The 1-based line number the row starts on.</summary>
    public int Line { get; }

    internal CsvTable Table { get; set; } = null!;

    /// <summary>The trimmed value of column <paramref name="name"/>; empty when the table has no such column.</summary>
    public string this[string name]
    {
        get
        {
            var index = Table.IndexOf(name);
            return index < 0 ? string.Empty : fields[index].Trim();
        }
    }

    /// <summary>An <see cref="InputException"/> pointing at column <paramref name="name"/> of this row.</summary>
    public InputException Error(string name, string reason)
    {
        var index = Table.IndexOf(name);
        var column = index < 0 ? 1 : columns[index];
        return new InputException($"{Path}:{Line}:{column}: {name}: {reason}");
    }
}
