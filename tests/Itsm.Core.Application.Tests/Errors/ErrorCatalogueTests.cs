using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Itsm.Core.Application.Tests.Readme;
using Itsm.Core.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Itsm.Core.Application.Tests.Errors;

/// <summary>
/// <c>docs/errors.md</c> lists exactly the error codes the library can return. The codes are
/// found by binding the product's source with Roslyn: every constant passed to a parameter named
/// <c>errorCode</c> or ending in <c>ErrorCode</c> (the parameter of every <see cref="Failure"/> factory, of Ardalis.Result's
/// <see cref="ValidationError"/> and of every helper that passes a code on).
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    private const string CataloguePath = "docs/errors.md";

    private static readonly Lazy<(IReadOnlyDictionary<string, SortedSet<string>> Codes, IReadOnlyList<string> Built)> Scan = new(ScanSource);

    private static readonly Lazy<IReadOnlyDictionary<string, SortedSet<string>>> Returned = new(() => Scan.Value.Codes);

    private static readonly Lazy<IReadOnlyList<CatalogueRow>> Catalogue = new(ReadCatalogue);

    [Fact]
    public void EveryCodeTheLibraryReturns_IsInTheCatalogue()
    {
        var documented = Catalogue.Value.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        var missing = Returned.Value.Keys.Where(code => !documented.Contains(code)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{CataloguePath} lacks these codes the library returns: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryCodeInTheCatalogue_IsReturnedBySomething()
    {
        var stale = Catalogue.Value.Select(r => r.Code).Where(code => !Returned.Value.ContainsKey(code)).ToList();

        Assert.True(stale.Count == 0, $"{CataloguePath} lists codes nothing returns: {string.Join(", ", stale)}");
    }

    [Fact]
    public void EachCode_IsCataloguedWithEveryStatusItIsReturnedWith()
    {
        var wrong = new List<string>();
        foreach (var row in Catalogue.Value)
        {
            if (Returned.Value.TryGetValue(row.Code, out var statuses))
            {
                var undocumented = statuses.Where(s => !row.Statuses.Contains(s)).ToList();
                if (undocumented.Count > 0)
                {
                    wrong.Add($"{row.Code} is also returned as {string.Join(", ", undocumented)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void TheCatalogue_HasOneWellFormedRowPerCode()
    {
        var rows = Catalogue.Value;

        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, rows.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, row =>
        {
            Assert.True(Failure.IsErrorCode(row.Code), $"'{row.Code}' is not shaped like an error code.");
            Assert.NotEmpty(row.Statuses);
            Assert.All(row.Statuses, s => Assert.True(Enum.TryParse<ResultStatus>(s, out _), $"{row.Code}: '{s}' is not a ResultStatus."));
            Assert.False(string.IsNullOrWhiteSpace(row.Meaning), $"{row.Code} says nothing of what it means.");
            Assert.False(string.IsNullOrWhiteSpace(row.Action), $"{row.Code} says nothing of what the caller should do.");
        });
        Assert.Equal(rows.Select(r => r.Code).Order(StringComparer.Ordinal), rows.Select(r => r.Code));
    }

    [Fact]
    public void NoCode_IsBuiltAtRunTime()
    {
        // A code built from text (such as $"incident.{field}") escapes the catalogue: codes are constants, passed on by name.
        Assert.True(Scan.Value.Built.Count == 0, "Error codes built at run time: " + string.Join("; ", Scan.Value.Built));
    }

    [Fact]
    public void TheScan_ReachesEveryLayer()
    {
        // Guards the scan itself: a code from the domain, the application layer and the relational adapter.
        Assert.Contains("incident.illegal-transition", Returned.Value.Keys);
        Assert.Contains("request.context", Returned.Value.Keys);
        Assert.Contains("record.version-conflict", Returned.Value.Keys);
        Assert.Equal(["Conflict"], Returned.Value["incident.illegal-transition"]);
    }

    private static (IReadOnlyDictionary<string, SortedSet<string>> Codes, IReadOnlyList<string> Built) ScanSource()
    {
        var codes = new ConcurrentDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var built = new ConcurrentBag<string>();
        var references = MetadataReferences();
        var projects = Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "src"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .ToList();
        Assert.NotEmpty(projects);
        Parallel.ForEach(projects, project =>
        {
            var name = Path.GetFileName(project);
            var compilation = Compile(name, project, references);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot().DescendantNodes().Where(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))
                {
                    var (method, arguments) = model.GetOperation(node) switch
                    {
                        IInvocationOperation call => (call.TargetMethod, call.Arguments),
                        IObjectCreationOperation creation when creation.Constructor is { } ctor => (ctor, creation.Arguments),
                        _ => default,
                    };
                    foreach (var argument in arguments.IsDefault ? [] : arguments)
                    {
                        if (IsCodeParameter(argument.Parameter) && argument.Value is IInterpolatedStringOperation or IBinaryOperation)
                        {
                            built.Add($"{Path.GetFileName(tree.FilePath)}:{argument.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {argument.Syntax}");
                        }
                        else if (IsCodeParameter(argument.Parameter) && argument.Value.ConstantValue is { HasValue: true, Value: string code })
                        {
                            var statuses = codes.GetOrAdd(code, _ => new SortedSet<string>(StringComparer.Ordinal));
                            if (StatusOf(method) is { } status)
                            {
                                lock (statuses)
                                {
                                    statuses.Add(status);
                                }
                            }
                        }
                    }
                }
            }
        });
        return (codes, [.. built]);
    }

    /// <summary>
    /// A parameter that carries an error code: <c>errorCode</c>, or a name ending in <c>ErrorCode</c> where a helper takes several
    /// (<c>TransitionTable.Require</c>'s <c>illegalTransitionErrorCode</c> and <c>timeOrderErrorCode</c>).
    /// </summary>
    private static bool IsCodeParameter(IParameterSymbol? parameter) =>
        parameter?.Name is { } name && (name == "errorCode" || name.EndsWith("ErrorCode", StringComparison.Ordinal));

    /// <summary>The status a call creates, where the called member says it; null for helpers that pass a code on.</summary>
    private static string? StatusOf(IMethodSymbol method) => method.ContainingType.Name switch
    {
        "TransitionTable" when method.Name == "Require" => nameof(ResultStatus.Conflict),
        nameof(ValidationError) => nameof(ResultStatus.Invalid),
        nameof(Failure) when method.Name is nameof(Failure.Field) or nameof(Failure.Invalid) => nameof(ResultStatus.Invalid),
        nameof(Failure) => method.Name,
        _ => null,
    };

    private static CSharpCompilation Compile(string name, string project, IReadOnlyList<MetadataReference> references)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var files = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        if (name != "Itsm.Core")
        {
            // Directory.Build.props links the domain's Preconditions into every other src project.
            files.Add(Path.Combine(RepositoryFiles.Root, "src", "Itsm.Core", "Common", "Preconditions.cs"));
        }

        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.cs"));
        return CSharpCompilation.Create(
            name,
            trees,
            references.Where(r => !string.Equals(Path.GetFileNameWithoutExtension(r.Display), name, StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static IReadOnlyList<MetadataReference> MetadataReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return [.. platform.Concat(local)
            .Where(File.Exists)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => MetadataReference.CreateFromFile(path))];
    }

    private static IReadOnlyList<CatalogueRow> ReadCatalogue()
    {
        var rows = new List<CatalogueRow>();
        foreach (var line in RepositoryFiles.Read(CataloguePath).Split('\n'))
        {
            var match = RowPattern().Match(line.TrimEnd('\r'));
            if (match.Success)
            {
                var statuses = match.Groups["statuses"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                rows.Add(new CatalogueRow(match.Groups["code"].Value, new HashSet<string>(statuses, StringComparer.Ordinal), match.Groups["meaning"].Value.Trim(), match.Groups["action"].Value.Trim()));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"^\|\s*`(?<code>[^`]+)`\s*\|(?<statuses>[^|]+)\|(?<meaning>[^|]*)\|(?<action>[^|]*)\|\s*$")]
    private static partial Regex RowPattern();

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Ardalis.Result;
        """;

    private sealed record CatalogueRow(string Code, IReadOnlySet<string> Statuses, string Meaning, string Action);
}
