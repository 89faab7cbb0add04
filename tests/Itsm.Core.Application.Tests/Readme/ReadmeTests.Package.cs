using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Itsm.Core.Application.Tests.Readme;

/// <summary>
/// Keeps the package README honest. <c>docs/package/README.md</c> is what a consumer reads on the
/// package page, outside the repository: its links must be absolute and name files that exist, it
/// must not tell anyone to run the sample host from a clone, its C# examples are the compiled code
/// of <see cref="ReadmeExamples"/>, and pack must put it (not the repository README) into every
/// package. CI's <c>.ci/pack-smoke</c> checks the same in a real .nupkg.
/// </summary>
public partial class ReadmeTests
{
    private const string PackageReadmePath = "docs/package/README.md";
    private static readonly string PackageReadme = RepositoryFiles.Read(PackageReadmePath);

    public static TheoryData<string> PackableProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryFiles.Root, project).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void PackageReadme_LinksAreAbsolute()
    {
        var relative = PackageReadmeLinks().Where(link => !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps).ToList();

        Assert.NotEmpty(PackageReadmeLinks());
        Assert.True(relative.Count == 0, $"{PackageReadmePath} is read outside the repository, so these links break there: {string.Join(", ", relative)}");
    }

    [Fact]
    public void PackageReadme_LinksIntoTheRepositoryNameFilesOnMainThatExist()
    {
        var repository = RepositoryUrl();
        var intoRepository = PackageReadmeLinks().Where(link => link.StartsWith(repository + "/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(intoRepository);
        Assert.All(intoRepository, link =>
        {
            var path = Regex.Match(link, $@"^{Regex.Escape(repository)}/(?:blob|tree)/main/(?<path>[^#?]+)");
            Assert.True(path.Success, $"{link} does not name a file on main of {repository}.");
            var local = Path.Combine(RepositoryFiles.Root, path.Groups["path"].Value);
            Assert.True(File.Exists(local) || Directory.Exists(local), $"{link} names {path.Groups["path"].Value}, which the repository does not have.");
        });
    }

    [Fact]
    public void PackageReadme_HasNoDotnetRunProjectInstructions() =>
        Assert.DoesNotContain("dotnet run --project", PackageReadme, StringComparison.Ordinal);

    [Fact]
    public void PackageReadme_HasAtLeastOneCompiledExample() => Assert.NotEmpty(MarkdownSnippet.Of(PackageReadmePath));

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public async Task Pack_PutsThePackageReadmeIntoThePackage(string project)
    {
        using var evaluation = await EvaluateAsync(project, ["IsPackable", "PackageReadmeFile", "RepositoryUrl", "RepositoryType", "PackageProjectUrl"], "None");
        var properties = evaluation.RootElement.GetProperty("Properties");
        var readmeFile = properties.GetProperty("PackageReadmeFile").GetString();

        Assert.Equal("true", properties.GetProperty("IsPackable").GetString());
        Assert.Equal("README.md", readmeFile);
        Assert.Equal(RepositoryUrl(), properties.GetProperty("RepositoryUrl").GetString());
        Assert.Equal("git", properties.GetProperty("RepositoryType").GetString());
        Assert.Equal(RepositoryUrl(), properties.GetProperty("PackageProjectUrl").GetString());

        var packedAsReadme = evaluation.RootElement.GetProperty("Items").GetProperty("None").EnumerateArray()
            .Where(item => item.TryGetProperty("Pack", out var pack) && string.Equals(pack.GetString(), "true", StringComparison.OrdinalIgnoreCase))
            .Where(item => PathInPackage(item) == readmeFile)
            .Select(item => Path.GetFullPath(item.GetProperty("FullPath").GetString()!))
            .ToList();
        Assert.Equal([Path.GetFullPath(Path.Combine(RepositoryFiles.Root, PackageReadmePath))], packedAsReadme);
    }

    /// <summary>Link targets outside code blocks: inline links and images, reference definitions, HTML href and src.</summary>
    private static List<string> PackageReadmeLinks()
    {
        var prose = Regex.Replace(PackageReadme, "^```.*?^```", string.Empty, RegexOptions.Singleline | RegexOptions.Multiline);
        var inline = Regex.Matches(prose, @"\]\(\s*<?(?<target>[^)\s>]*)");
        var references = Regex.Matches(prose, @"^ {0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)", RegexOptions.Multiline);
        var html = Regex.Matches(prose, @"\b(?:href|src)\s*=\s*[""'](?<target>[^""']*)", RegexOptions.IgnoreCase);
        return inline.Concat(references).Concat(html).Select(m => m.Groups["target"].Value).ToList();
    }

    /// <summary>The one repository address, <c>ItsmRepositoryUrl</c> in Directory.Build.props.</summary>
    private static string RepositoryUrl()
    {
        var props = XDocument.Parse(RepositoryFiles.Read("Directory.Build.props"));
        return Assert.Single(props.Descendants("ItsmRepositoryUrl")).Value.Trim();
    }

    /// <summary>Where pack puts a <c>None</c> item: a <c>PackagePath</c> that is a folder gets the file's name.</summary>
    private static string PathInPackage(JsonElement item)
    {
        var packagePath = (item.TryGetProperty("PackagePath", out var value) ? value.GetString() ?? string.Empty : string.Empty).Replace('\\', '/');
        if (packagePath.Length == 0 || packagePath.EndsWith('/'))
        {
            packagePath += Path.GetFileName(item.GetProperty("FullPath").GetString());
        }

        return packagePath.TrimStart('/');
    }

    /// <summary>
    /// Evaluates a project as pack would see it (<c>dotnet msbuild -getProperty -getItem</c>: no build).
    /// The MSBuild variables of the <c>dotnet test</c> that runs this test are not passed on.
    /// </summary>
    private static async Task<JsonDocument> EvaluateAsync(string project, string[] properties, string item)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "msbuild", project, "-nologo", "-p:Configuration=Release", $"-getItem:{item}" }.Concat(properties.Select(p => $"-getProperty:{p}")))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} failed ({process.ExitCode}): {await output}{await error}");
        return JsonDocument.Parse(await output);
    }
}
