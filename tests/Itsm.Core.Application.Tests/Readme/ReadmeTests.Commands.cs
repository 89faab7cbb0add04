using System.Text.RegularExpressions;
using Itsm.Core.Application.Common;

namespace Itsm.Core.Application.Tests.Readme;

/// <summary>
/// The README's table of commands and queries (between <c>&lt;!-- commands: begin --&gt;</c> and
/// <c>&lt;!-- commands: end --&gt;</c>) names every command and query of the library, each under the
/// <c>using</c> line of its namespace, and nothing that does not exist.
/// </summary>
public partial class ReadmeTests
{
    private static readonly Type[] Requests = [.. typeof(IItsmDispatcher).Assembly.GetExportedTypes().Where(t => !t.IsAbstract && (KindOf(t) is not null))];

    [Fact]
    public void CommandTable_NamesOnlyCommandsAndQueriesThatExist_UnderTheirUsingLine()
    {
        var wrong = Table().Where(r => Requests.SingleOrDefault(t => t.Name == r.Name) is not { } type || type.Namespace != r.Namespace || KindOf(type) != r.Kind)
            .Select(r => $"{r.Kind} {r.Name} under using {r.Namespace}").ToList();

        Assert.True(wrong.Count == 0, "The README names what the library does not have so: " + string.Join("; ", wrong));
    }

    [Fact]
    public void CommandTable_NamesEveryCommandAndQuery()
    {
        var named = Table().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        var missing = Requests.Where(t => !named.Contains(t.Name)).Select(t => $"{t.Namespace}.{t.Name}").Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "The README's command table lacks: " + string.Join(", ", missing));
    }

    private static string? KindOf(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)) ? "command"
        : type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>)) ? "query"
        : null;

    /// <summary>The table's rows: <c>| capability | `using X;` | `Command`, ... | `Query`, ... |</c>, one name per entry.</summary>
    private static List<(string Namespace, string Kind, string Name)> Table()
    {
        var section = Regex.Match(Readme, "<!-- commands: begin -->(?<body>.*?)<!-- commands: end -->", RegexOptions.Singleline);
        Assert.True(section.Success, "The README has no table of commands and queries.");
        var rows = new List<(string, string, string)>();
        foreach (var line in section.Groups["body"].Value.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("`using ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            var ns = Regex.Match(cells[2], "`using (?<ns>[A-Za-z.]+);`").Groups["ns"].Value;
            rows.AddRange(Regex.Matches(cells[3], "`(?<name>[A-Za-z]+)`").Select(m => (ns, "command", m.Groups["name"].Value)));
            rows.AddRange(Regex.Matches(cells[4], "`(?<name>[A-Za-z]+)`").Select(m => (ns, "query", m.Groups["name"].Value)));
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
