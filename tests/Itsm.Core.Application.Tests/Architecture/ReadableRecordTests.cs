using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Itsm.Core.Application;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Tests.Architecture;

/// <summary>
/// Public records print readably: the compiler's <c>ToString</c> of a record prints a collection
/// property as its type name (<c>Items = System.Collections.Immutable.ImmutableArray`1[...]</c>), so every
/// public record that carries a collection declares its own <c>ToString</c> or <c>PrintMembers</c>.
/// </summary>
public class ReadableRecordTests
{
    [Fact]
    public void PublicRecordsWithCollections_DeclareTheirOwnPrinting()
    {
        var unreadable = new[] { typeof(Failure).Assembly, typeof(ServiceCollectionExtensions).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(IsRecord)
            .Where(t => CollectionProperties(t).Any())
            .Where(t => IsCompilerGenerated(t.GetMethod(nameof(ToString), Type.EmptyTypes)) && IsCompilerGenerated(PrintMembers(t)))
            .Select(t => $"{t.FullName} ({string.Join(", ", CollectionProperties(t))})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unreadable.Count == 0, "These public records print their collections as type names:\n" + string.Join("\n", unreadable));
    }

    [Fact]
    public void TheCheck_RecognisesTheCompilersPrinting()
    {
        // The rule above can fail: a record with a collection and the compiler's printing is caught.
        Assert.True(IsRecord(typeof(CompilerPrinted)));
        Assert.Equal(["Items"], CollectionProperties(typeof(CompilerPrinted)));
        Assert.True(IsCompilerGenerated(typeof(CompilerPrinted).GetMethod(nameof(ToString), Type.EmptyTypes)));
        Assert.True(IsCompilerGenerated(PrintMembers(typeof(CompilerPrinted))));
        Assert.Contains("Int32[]", new CompilerPrinted([1, 2]).ToString(), StringComparison.Ordinal);
    }

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null || (type.IsValueType && PrintMembers(type) is not null);

    private static MethodInfo? PrintMembers(Type type) =>
        type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly, [typeof(StringBuilder)]);

    private static bool IsCompilerGenerated(MethodInfo? method) =>
        method is not null && method.DeclaringType is { } declaring && method.GetCustomAttribute<CompilerGeneratedAttribute>(inherit: false) is not null
        || method is null;

    private static IEnumerable<string> CollectionProperties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
            .Select(p => p.Name);

    public sealed record CompilerPrinted(int[] Items);
}
