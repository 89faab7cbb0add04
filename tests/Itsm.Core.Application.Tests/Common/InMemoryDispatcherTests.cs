using Itsm.Core.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests;

/// <summary>
/// The base of tests that drive one process through the dispatcher on the in-memory adapters: the library as a vendor
/// registers it (<c>AddItsmCore</c>), with a fake clock the test moves.
/// </summary>
public abstract class InMemoryDispatcherTests : IDisposable
{
    /// <summary>The library's clock.</summary>
    protected readonly FakeClock clock;

    /// <summary>The services, for a test that reads a port or the audit log directly.</summary>
    protected readonly ServiceProvider provider;

    /// <summary>The dispatcher every command and query goes through.</summary>
    protected readonly IItsmDispatcher itsm;

    /// <summary>Registers the library with its clock at <paramref name="now"/>.</summary>
    protected InMemoryDispatcherTests(Instant now)
    {
        clock = new FakeClock(now);
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = clock);
        provider = services.BuildServiceProvider();
        itsm = provider.GetRequiredService<IItsmDispatcher>();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        provider.Dispose();
        GC.SuppressFinalize(this);
    }
}
