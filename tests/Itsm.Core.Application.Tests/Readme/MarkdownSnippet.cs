using System.Text.RegularExpressions;

namespace Itsm.Core.Application.Tests.Readme;

/// <summary>
/// A C# example of a README as a reader copies it: the packages to add (<c>// dotnet add package X</c>
/// lines), the <c>using</c> lines, then the code, which is the compiled snippet of <see cref="ReadmeExamples"/>.
/// </summary>
internal sealed partial record MarkdownSnippet(string Document, string Name, IReadOnlyList<string> Packages, IReadOnlyList<string> Usings, string Body)
{
    /// <summary>Every <c>&lt;!-- snippet: NAME --&gt;</c> example of the markdown file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<MarkdownSnippet> Of(string path)
    {
        var text = RepositoryFiles.Read(path).Replace("\r", string.Empty, StringComparison.Ordinal);
        return [.. Block().Matches(text).Select(m => Parse(path, m.Groups["name"].Value, m.Groups["code"].Value))];
    }

    private static MarkdownSnippet Parse(string document, string name, string code)
    {
        var lines = code.Split('\n');
        var packages = new List<string>();
        var usings = new List<string>();
        var i = 0;
        for (; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (Package().Match(line) is { Success: true } package)
            {
                packages.Add(package.Groups["id"].Value);
            }
            else if (line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';'))
            {
                usings.Add(line);
            }
            else if (line.Length > 0)
            {
                break;
            }
        }

        return new MarkdownSnippet(document, name, packages, usings, string.Join('\n', lines[i..]));
    }

    [GeneratedRegex("<!-- snippet: (?<name>[a-z0-9-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"^// dotnet add package (?<id>[A-Za-z0-9.]+)$")]
    private static partial Regex Package();
}
