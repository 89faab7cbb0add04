namespace Itsm.Core.Configuration;

/// <summary>The lifecycle status of a configuration item.</summary>
/// <remarks>
/// Legal transitions: Planned -> Operational | Retired; Operational -> InMaintenance | Retired;
/// InMaintenance -> Operational | Retired; Retired is final. <c>default</c> is <see cref="Planned"/>.
/// </remarks>
public enum ConfigurationItemStatus
{
    /// <summary>Ordered or being built; not yet in service.</summary>
    Planned = 0,

    /// <summary>In service.</summary>
    Operational = 1,

    /// <summary>In service but under planned maintenance; impact queries may exclude it from propagation.</summary>
    InMaintenance = 2,

    /// <summary>Taken out of service for good; retired CIs are left out of compiled snapshots.</summary>
    Retired = 3,
}
