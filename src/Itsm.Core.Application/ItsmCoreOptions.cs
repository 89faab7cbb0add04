using NodaTime;

namespace Itsm.Core.Application;

/// <summary>Options for <see cref="ServiceCollectionExtensions.AddItsmCore"/>.</summary>
public sealed class ItsmCoreOptions
{
    /// <summary>The clock every handler and audit record reads; <see cref="SystemClock.Instance"/> unless set. Tests and simulations pass a fake clock.</summary>
    public IClock Clock { get; set; } = SystemClock.Instance;
}
