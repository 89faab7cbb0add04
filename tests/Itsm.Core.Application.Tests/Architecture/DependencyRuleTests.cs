using System.Reflection;
using System.Runtime.CompilerServices;
using Itsm.Core.Application;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Tests.Architecture;

/// <summary>Guards the dependency rule of ARCHITECTURE.md by inspecting assembly references.</summary>
public class DependencyRuleTests
{
    private static readonly Assembly Domain = typeof(Failure).Assembly;
    private static readonly Assembly ApplicationLayer = typeof(ServiceCollectionExtensions).Assembly;
    private static readonly Assembly Host = Assembly.Load("itsm");

    private static readonly string[] Adapters = ["Itsm.Core.Persistence.Sqlite", "Itsm.Core.Persistence.PostgreSql"];

    private const string RelationalCore = "Itsm.Core.Persistence.Relational";

    [Fact]
    public void Domain_ReferencesOnlyTheBclNodaTimeAndArdalisResult()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        // MathNet.Numerics: the least-squares fit and Student's t of capacity forecasts, rather than hand-written statistics.
        var foreign = references.Where(name => !IsBcl(name) && name is not ("NodaTime" or "Ardalis.Result" or "MathNet.Numerics")).ToList();

        Assert.True(foreign.Count == 0, $"Itsm.Core must depend on NodaTime, Ardalis.Result and MathNet.Numerics only, but references: {string.Join(", ", foreign)}");
        Assert.Contains("NodaTime", references);
        Assert.Contains("Ardalis.Result", references);
    }

    [Fact]
    public void MediatR_IsReferencedOnlyByTheApplicationLayer()
    {
        foreach (var assembly in ProductAssemblies().Where(a => a != ApplicationLayer))
        {
            Assert.DoesNotContain("MediatR", assembly.GetReferencedAssemblies().Select(a => a.Name));
        }

        Assert.Contains("MediatR", ApplicationLayer.GetReferencedAssemblies().Select(a => a.Name));
    }

    [Fact]
    public void ArdalisSpecification_IsReferencedByTheApplicationLayerAndNeverByTheDomain()
    {
        Assert.DoesNotContain("Ardalis.Specification", Domain.GetReferencedAssemblies().Select(a => a.Name));
        Assert.Contains("Ardalis.Specification", ApplicationLayer.GetReferencedAssemblies().Select(a => a.Name));
    }

    [Fact]
    public void Adapters_AreReferencedOnlyByTheHost()
    {
        foreach (var assembly in ProductAssemblies().Where(a => a != Host))
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.DoesNotContain(references, name => Adapters.Contains(name));
        }
    }

    [Fact]
    public void RelationalCore_IsReferencedOnlyByTheAdaptersAndTheHost()
    {
        var users = ProductAssemblies()
            .Where(a => a.GetReferencedAssemblies().Any(r => r.Name == RelationalCore))
            .Select(a => a.GetName().Name!)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Subset(new HashSet<string> { "Itsm.Core.Persistence.PostgreSql", "Itsm.Core.Persistence.Sqlite", "itsm" }, users.ToHashSet());
        Assert.Contains("Itsm.Core.Persistence.Sqlite", users);
        Assert.Contains("Itsm.Core.Persistence.PostgreSql", users);
    }

    [Fact]
    public void RelationalCore_KnowsNoDatabaseDriver()
    {
        var references = Assembly.Load(RelationalCore).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || name.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.Contains("Itsm.Core.Application", references);
    }

    [Fact]
    public void ApplicationLayer_DoesNotReferenceDatabaseDrivers()
    {
        var references = ApplicationLayer.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || name.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void ProductAssemblies_ReferenceNoOpenTelemetry()
    {
        // The tests reference OpenTelemetry to read what a host would export; the library speaks System.Diagnostics and depends on no exporter.
        foreach (var assembly in ProductAssemblies())
        {
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => r.Name!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void DomainPublicStructs_AreReadOnly()
    {
        var mutable = Domain.GetExportedTypes()
            .Where(t => t.IsValueType && !t.IsEnum && !t.IsDefined(typeof(IsReadOnlyAttribute), inherit: false))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(mutable.Count == 0, $"Public structs in Itsm.Core must be readonly: {string.Join(", ", mutable)}");
    }

    private static IEnumerable<Assembly> ProductAssemblies()
    {
        yield return Domain;
        yield return ApplicationLayer;
        yield return Assembly.Load(RelationalCore);
        foreach (var adapter in Adapters)
        {
            yield return Assembly.Load(adapter);
        }

        yield return Host;
    }

    private static bool IsBcl(string name) =>
        name is "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
