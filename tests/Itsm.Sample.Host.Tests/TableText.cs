namespace Itsm.Sample.Host.Tests;

/// <summary>
/// Reads the host's tables back as a script would see them if nothing wrapped: each table row as one line
/// <c>│ a │ b │</c>, every cell's wrapped lines joined with a space. Lines outside tables are kept as they are.
/// </summary>
internal static class TableText
{
    /// <summary>The output with every table row on one line.</summary>
    public static string Unwrap(string output)
    {
        var lines = new List<string>();
        List<string>? row = null;
        void Flush()
        {
            if (row is not null)
            {
                lines.Add("│ " + string.Join(" │ ", row.Select(c => c.Trim())) + " │");
                row = null;
            }
        }

        foreach (var raw in output.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('│') && line.EndsWith('│') && line.Length > 1)
            {
                var cells = line[1..^1].Split('│');
                row ??= [.. cells.Select(_ => string.Empty)];
                for (var i = 0; i < cells.Length && i < row.Count; i++)
                {
                    var text = cells[i].Trim();
                    row[i] = text.Length == 0 ? row[i] : (row[i].Length == 0 ? text : row[i] + " " + text);
                }

                continue;
            }

            Flush();
            lines.Add(raw);
        }

        Flush();
        return string.Join('\n', lines);
    }
}
