using Microsoft.Extensions.DependencyInjection;

namespace Itsm.Core.Application;

/// <summary>
/// Returned by <see cref="ServiceCollectionExtensions.AddItsmCore"/> so that persistence adapters
/// can replace the in-memory ports fluently: <c>services.AddItsmCore().UseSqlite(path)</c>.
/// </summary>
public sealed class ItsmCoreBuilder
{
    internal ItsmCoreBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection Itsm.Core was added to.</summary>
    public IServiceCollection Services { get; }
}
