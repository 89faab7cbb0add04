using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Itsm.Core.Application.Tests.Readme;

/// <summary>
/// A reader copies a README example into a new project: the example must compile with exactly the
/// packages and <c>using</c> lines it shows (plus the implicit usings of a new .NET project), and
/// each of them must be needed.
/// </summary>
public partial class ReadmeTests
{
    private static readonly string[] Documents = ["README.md", PackageReadmePath, "docs/errors.md", "docs/calendars-and-slas.md"];

    private static readonly string ImplicitUsings = string.Join('\n', new[]
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    }.Select(n => $"global using {n};"));

    public static TheoryData<string, string> AllSnippets()
    {
        var data = new TheoryData<string, string>();
        foreach (var document in Documents)
        {
            foreach (var snippet in MarkdownSnippet.Of(document))
            {
                data.Add(document, snippet.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllSnippets))]
    public void ReadmeExample_CompilesWithExactlyThePackagesAndUsingsItShows(string document, string name)
    {
        var snippet = MarkdownSnippet.Of(document).Single(s => s.Name == name);
        Assert.NotEmpty(snippet.Packages);
        Assert.NotEmpty(snippet.Usings);

        var errors = CompileErrors(snippet.Packages, snippet.Usings, snippet.Body);
        Assert.True(errors.Count == 0, $"{document} '{name}' does not compile as shown:\n{string.Join('\n', errors)}");

        foreach (var line in snippet.Usings)
        {
            Assert.True(CompileErrors(snippet.Packages, snippet.Usings.Where(u => u != line), snippet.Body).Count > 0, $"{document} '{name}' does not need '{line}'.");
        }

        foreach (var package in snippet.Packages)
        {
            Assert.True(CompileErrors(snippet.Packages.Where(p => p != package), snippet.Usings, snippet.Body).Count > 0, $"{document} '{name}' does not need the package {package}.");
        }
    }

    private static List<string> CompileErrors(IEnumerable<string> packages, IEnumerable<string> usings, string body)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var program = CSharpSyntaxTree.ParseText(string.Join('\n', usings) + "\n" + body, parse, "Program.cs");
        var compilation = CSharpCompilation.Create(
            "ReadmeReader",
            [program, CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.cs")],
            PackageClosure(packages).Select(path => MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];
    }

    /// <summary>The framework plus the assemblies of <paramref name="packages"/> and everything they reference, as NuGet would restore them.</summary>
    private static IEnumerable<string> PackageClosure(IEnumerable<string> packages)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var files = Directory.GetFiles(framework, "*.dll").Where(IsManagedAssembly).ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>(packages);
        while (pending.TryDequeue(out var assembly))
        {
            var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
            if (!File.Exists(path) || !seen.Add(assembly))
            {
                continue;
            }

            files.Add(path);
            foreach (var reference in ReferencesOf(path))
            {
                pending.Enqueue(reference);
            }
        }

        return files;
    }

    private static IEnumerable<string> ReferencesOf(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
