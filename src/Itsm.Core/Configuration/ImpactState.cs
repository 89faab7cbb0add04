namespace Itsm.Core.Configuration;

/// <summary>The state of a configuration item in an impact analysis.</summary>
/// <remarks>An ordinal scale: Up &lt; Degraded &lt; Down. <c>default</c> is <see cref="Up"/>.</remarks>
public enum ImpactState : byte
{
    /// <summary>Not impacted.</summary>
    Up = 0,

    /// <summary>Impacted but still serving: some redundancy was lost, or something it depends on is degraded.</summary>
    Degraded = 1,

    /// <summary>Not serving: it failed, or it lost more dependencies than its redundancy rule tolerates.</summary>
    Down = 2,
}
