using Spectre.Console;
using Spectre.Console.Rendering;

namespace Itsm.Sample.Host.Io;

/// <summary>
/// The console the record-keeping subcommands draw their tables on, and the cells they put in them:
/// every table fits an 80-column terminal, and every cell shows text from the store or a file safely.
/// </summary>
/// <remarks>
/// A cell wraps between words; a word longer than its column is cut with an ellipsis, never split
/// across lines; control characters are shown escaped (<see cref="SafeText"/>). Ids and instants go in
/// fixed columns (<see cref="Table"/>), which are never wrapped or cut, so they can be copied from the screen.
/// </remarks>
internal static class TableConsole
{
    /// <summary>The width the tables are laid out for: a classic terminal.</summary>
    public const int Width = 80;

    /// <summary>
    /// The host's console over <paramref name="output"/> (<see cref="HostConsole.Create"/>: colour on a
    /// terminal, plain text when redirected), <see cref="Width"/> columns wide unless the terminal is narrower.
    /// </summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        var console = HostConsole.Create(output);
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        console.Profile.Width = terminal ? Math.Min(console.Profile.Width, Width) : Width;
        return console;
    }

    /// <summary>A table with the given column headers and a line between rows; a column in <paramref name="fixedColumns"/> is never wrapped or cut.</summary>
    public static Table Table(string[] headers, params string[] fixedColumns)
    {
        ArgumentNullException.ThrowIfNull(headers);
        // A line between rows, so a row whose cells wrap onto several lines still reads as one row.
        var table = new Table().ShowRowSeparators();
        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header));
            if (fixedColumns.Contains(header, StringComparer.Ordinal))
            {
                column.NoWrap();
            }

            table.AddColumn(column);
        }

        return table;
    }

    /// <summary>Adds a row of plain text cells (<see cref="Text(string?)"/>); a null cell shows as <c>-</c>.</summary>
    public static Table Row(this Table table, params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.AddRow([.. cells.Select(Text)]);
    }

    /// <summary>A plain text cell: escaped, wrapped between words, a word too long for the column cut with an ellipsis.</summary>
    public static IRenderable Text(string? text) =>
        new Text(SafeText.Escape(text ?? "-")) { Overflow = Overflow.Ellipsis };

    /// <summary>A cell of several lines, each escaped and wrapped as <see cref="Text(string?)"/>; null lines are left out.</summary>
    public static IRenderable Lines(params string?[] lines) =>
        new Text(string.Join('\n', lines.OfType<string>().Select(SafeText.Escape))) { Overflow = Overflow.Ellipsis };

    /// <summary>A styled cell from markup the host wrote itself (colours around a fixed word such as <c>Breached</c>).</summary>
    public static IRenderable Styled(string markup) => new Markup(markup) { Overflow = Overflow.Ellipsis };

    /// <summary>A two-column grid of names and values, values wrapped as <see cref="Text(string?)"/>.</summary>
    public static Grid Grid() => new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();

    /// <summary>Adds a name and its value to a <see cref="Grid()"/>.</summary>
    public static Grid Field(this Grid grid, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return grid.AddRow(new Text(name), Text(value));
    }
}
