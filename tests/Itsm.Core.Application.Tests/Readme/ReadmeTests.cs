using System.Text.RegularExpressions;

namespace Itsm.Core.Application.Tests.Readme;

/// <summary>
/// Keeps the README honest: its C# examples are the compiled code of <see cref="ReadmeExamples"/>
/// (between <c>// snippet: NAME</c> and <c>// end snippet</c>), and CI runs its test command.
/// </summary>
public partial class ReadmeTests
{
    private static readonly string Readme = RepositoryFiles.Read("README.md");

    [Fact]
    public void Readme_StartsWithTheTwoCommands()
    {
        var firstBlock = Regex.Match(Readme, "```bash\n(?<body>.*?)```", RegexOptions.Singleline).Groups["body"].Value;
        var commands = firstBlock.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('#')[0].Trim()).ToList();

        Assert.Equal(["dotnet run --project samples/Itsm.Sample.Host", "dotnet test Itsm.Core.sln -c Release"], commands);
    }

    [Fact]
    public void CiScript_RunsTheReadmeTestCommand()
    {
        var script = RepositoryFiles.Read(".ci/run");

        Assert.Contains("\ndotnet test Itsm.Core.sln -c Release", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_HasAtLeastOneCompiledExample() => Assert.NotEmpty(MarkdownSnippet.Of("README.md"));

    /// <summary>The code of every example of the README and the package README is the compiled snippet of <see cref="ReadmeExamples"/>.</summary>
    [Theory]
    [MemberData(nameof(AllSnippets))]
    public void Example_IsTheCompiledCode(string document, string name)
    {
        var shown = MarkdownSnippet.Of(document).Single(s => s.Name == name).Body;
        var source = RepositoryFiles.Read("tests/Itsm.Core.Application.Tests/Readme/ReadmeExamples.cs");
        var compiled = Regex.Match(source, $@"// snippet: {Regex.Escape(name)}\n(?<code>.*?)\n\s*// end snippet", RegexOptions.Singleline);

        Assert.True(compiled.Success, $"ReadmeExamples.cs has no snippet '{name}' for {document}.");
        Assert.Equal(Normalise(compiled.Groups["code"].Value), Normalise(shown));
    }

    [Fact]
    public void EverySnippetOfReadmeExamples_IsShownInTheReadmeOrTheDocs()
    {
        var source = RepositoryFiles.Read("tests/Itsm.Core.Application.Tests/Readme/ReadmeExamples.cs");
        var compiled = Regex.Matches(source, @"// snippet: (?<name>[a-z0-9-]+)\n").Select(m => m.Groups["name"].Value).ToList();

        Assert.NotEmpty(compiled);
        Assert.Empty(compiled.Except(Documents.SelectMany(MarkdownSnippet.Of).Select(s => s.Name)));
    }

    private static string Normalise(string code)
    {
        var lines = code.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var indent = lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l[indent..].TrimEnd()));
    }
}
