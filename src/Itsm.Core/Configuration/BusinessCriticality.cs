namespace Itsm.Core.Configuration;

/// <summary>How critical a configuration item (usually a business service) is to the business.</summary>
/// <remarks>An ordinal scale: a larger value is more critical. <c>default</c> is <see cref="None"/>.</remarks>
public enum BusinessCriticality
{
    /// <summary>No criticality stated (typical for infrastructure CIs).</summary>
    None = 0,

    /// <summary>Low: an outage is an inconvenience.</summary>
    Low = 1,

    /// <summary>Medium: an outage hurts a team or a process.</summary>
    Medium = 2,

    /// <summary>High: an outage hurts many users or revenue.</summary>
    High = 3,

    /// <summary>Critical: an outage stops the business.</summary>
    Critical = 4,
}
