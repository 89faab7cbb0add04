using System.Text;
using System.Text.RegularExpressions;

namespace Itsm.Sample.Host.Tests.Docs;

/// <summary>
/// An <c>itsm</c> example of README.md or docs/*.md: a fenced code block with at least one line that
/// starts with <c>itsm</c> (or <c>$ itsm</c>). The line right above the opening fence must say
/// what the example is:
/// <list type="bullet">
/// <item><c>&lt;!-- itsm: run --&gt;</c>: every <c>itsm</c> line is run, in order, from the repository root,
/// by <see cref="DocumentedExamplesTests"/>; a trailing <c># ... (exit N)</c> comment says the line
/// is expected to fail with exit code N, otherwise it must exit 0; a trailing <c># ... (id: NAME)</c> comment (NAME in
/// capitals) remembers the id the line printed as NAME, for later lines that need more than the last id.</item>
/// <item><c>&lt;!-- itsm: no-run (why) --&gt;</c>: a synopsis or a transcript that is not meant to be run.</item>
/// </list>
/// An example with neither marker fails the test, so no new example can escape it.
/// </summary>
internal sealed partial record DocumentedExample(string Document, int Line, bool Runnable, IReadOnlyList<DocumentedCommand> Commands)
{
    /// <summary>Every marked <c>itsm</c> example of the markdown file at <paramref name="path"/> (relative to <paramref name="root"/>), in order; each unmarked one adds a line to <paramref name="unmarked"/>.</summary>
    public static IReadOnlyList<DocumentedExample> Of(string root, string path, List<string> unmarked)
    {
        var lines = File.ReadAllText(Path.Combine(root, path)).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var examples = new List<DocumentedExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            var commands = ReadCommands(body);
            if (commands.Count == 0)
            {
                continue;
            }

            var marker = start > 0 ? lines[start - 1].Trim() : string.Empty;
            if (marker == "<!-- itsm: run -->")
            {
                examples.Add(new DocumentedExample(path, start + 1, true, commands));
            }
            else if (NoRun().IsMatch(marker))
            {
                examples.Add(new DocumentedExample(path, start + 1, false, commands));
            }
            else
            {
                unmarked.Add($"{path}:{start + 1}: an itsm example without '<!-- itsm: run -->' or '<!-- itsm: no-run (why) -->' on the line above it");
            }
        }

        return examples;
    }

    /// <summary>The block's command lines: continuation lines joined, each <c>&amp;&amp;</c> chain one command.</summary>
    private static List<DocumentedCommand> ReadCommands(List<string> body)
    {
        var commands = new List<DocumentedCommand>();
        var joined = new StringBuilder();
        foreach (var raw in body)
        {
            var line = raw.TrimEnd();
            if (joined.Length == 0 && !Command().IsMatch(line))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                joined.Append(line[..^1]).Append(' ');
                continue;
            }

            joined.Append(line);
            var text = joined.ToString();
            joined.Clear();
            var (code, comment) = SplitComment(text);
            var expected = comment is not null && ExpectedExit().Match(comment) is { Success: true } m ? int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var name = comment is not null && IdName().Match(comment) is { Success: true } n ? n.Groups["name"].Value : null;
            var chain = code.Split("&&").Select(part => Words(part.Trim().StartsWith('$') ? part.Trim()[1..] : part)).ToList();
            commands.Add(new DocumentedCommand(text.Trim(), [.. chain.Select(words => (IReadOnlyList<string>)[.. words.Skip(1)])], expected) { IdName = name });
        }

        return commands;
    }

    /// <summary>The code before an unquoted <c>#</c> that starts a comment, and the comment.</summary>
    private static (string Code, string? Comment) SplitComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return (line[..i], line[(i + 1)..]);
            }
        }

        return (line, null);
    }

    /// <summary>Shell words: split at unquoted spaces, quotes removed.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quote = '\0';
        var inWord = false;
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"^\s*(\$\s+)?itsm(\s|$)")]
    private static partial Regex Command();

    [GeneratedRegex(@"^<!-- itsm: no-run \(.+\) -->$")]
    private static partial Regex NoRun();

    [GeneratedRegex(@"\(exit (?<code>\d+)\)")]
    private static partial Regex ExpectedExit();

    [GeneratedRegex(@"\(id: (?<name>[A-Z][A-Z0-9_]*)\)")]
    private static partial Regex IdName();
}

/// <summary>One documented command line: its text, the <c>itsm</c> invocations of its <c>&amp;&amp;</c> chain (arguments after <c>itsm</c>), and the exit code the document promises.</summary>
internal sealed record DocumentedCommand(string Text, IReadOnlyList<IReadOnlyList<string>> Chain, int ExpectedExit)
{
    /// <summary>The name under which the id the line printed is remembered (<c>(id: NAME)</c>), or null.</summary>
    public string? IdName { get; init; }
}
