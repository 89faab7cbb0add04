using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace Itsm.Sample.Host.Tests.Docs;

/// <summary>
/// Runs every runnable <c>itsm</c> example of README.md and docs/*.md (the markers are described on
/// <see cref="DocumentedExample"/>) through the built host binary, as a reader pastes them: from the
/// repository root, in document order, each document in a fresh data directory, checking each exit code.
/// </summary>
/// <remarks>
/// Two substitutions make pasted examples deterministic and harmless: <c>ID</c> stands for the last
/// id (a GUID) an earlier command of the document printed, as the README says (and a NAME a line marked
/// <c>(id: NAME)</c> remembered stands for the id that line printed); and every command runs
/// with <c>--data-dir</c> inside the fresh directory (an example's own <c>--data-dir NAME</c> becomes
/// a subdirectory of it), so nothing touches the repository's or the user's store.
/// </remarks>
public sealed partial class DocumentedExamplesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("itsm-docs-").FullName;

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var document in DocumentPaths())
        {
            data.Add(document);
        }

        return data;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void EveryItsmExample_IsMarkedRunnableOrNot()
    {
        var unmarked = new List<string>();
        var examples = DocumentPaths().SelectMany(d => DocumentedExample.Of(Root, d, unmarked)).ToList();

        Assert.True(unmarked.Count == 0, string.Join(Environment.NewLine, unmarked));
        Assert.Contains(examples, e => e.Document == "README.md" && e.Runnable);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task RunnableExamples_ExitAsTheDocumentSays(string document)
    {
        var examples = DocumentedExample.Of(Root, document, []).Where(e => e.Runnable).ToList();
        var dataDirectory = Path.Combine(directory, Path.GetFileNameWithoutExtension(document));
        string? lastId = null;
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var command in examples.SelectMany(e => e.Commands))
        {
            var exit = 0;
            foreach (var args in command.Chain)
            {
                var (code, output, error) = await RunAsync(Arguments(args, dataDirectory, lastId, named));
                lastId = Guid().Matches(output).LastOrDefault()?.Value ?? lastId;
                Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
                exit = code;
                if (code != 0)
                {
                    if (command.ExpectedExit == 0)
                    {
                        failures.Add($"{document}: '{command.Text}' exited {code}: {error.Trim()}");
                    }

                    break;
                }
            }

            if (command.IdName is { } name && lastId is not null)
            {
                named[name] = lastId;
            }

            if (command.ExpectedExit != 0 && exit != command.ExpectedExit)
            {
                failures.Add($"{document}: '{command.Text}' was documented to exit {command.ExpectedExit} but exited {exit}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string Root { get; } = FindRoot();

    private static IEnumerable<string> DocumentPaths() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal).Select(p => "docs/" + Path.GetFileName(p)));

    private static string FindRoot()
    {
        for (var at = new DirectoryInfo(AppContext.BaseDirectory); at is not null; at = at.Parent)
        {
            if (File.Exists(Path.Combine(at.FullName, "Itsm.Core.sln")))
            {
                return at.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Itsm.Core.sln) was not found above the test binaries.");
    }

    private static List<string> Arguments(IReadOnlyList<string> args, string dataDirectory, string? lastId, Dictionary<string, string> named)
    {
        var list = new List<string>();
        var dataGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--data-dir" or "--output" && i + 1 < args.Count)
            {
                // A store or an output file of an example goes into the example's own directory, never into the repository.
                dataGiven |= args[i] == "--data-dir";
                list.Add(args[i]);
                list.Add(Path.Combine(dataDirectory, Path.GetFileName(args[++i].TrimEnd('/'))));
            }
            else
            {
                list.Add(args[i] == "ID" ? lastId ?? throw new InvalidOperationException("ID used before any command printed an id") : named.GetValueOrDefault(args[i], args[i]));
            }
        }

        if (!dataGiven)
        {
            list.AddRange(["--data-dir", Path.Combine(dataDirectory, "data")]);
        }

        return list;
    }

    /// <summary>Runs the built host (itsm.dll beside the tests) from the repository root.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> args)
    {
        var start = HostRunner.BuiltHost(args);
        start.WorkingDirectory = Root;
        start.Environment["USER"] = "reader";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
