namespace Itsm.Core.Configuration;

/// <summary>Which end of a relationship is impacted when the other end fails.</summary>
/// <remarks><c>default</c> is <see cref="SourceDependsOnTarget"/>, the usual reading of <c>source type target</c>.</remarks>
public enum ImpactDirection
{
    /// <summary>The source depends on the target: a failed target impacts the source (<c>app depends on db</c>).</summary>
    SourceDependsOnTarget = 0,

    /// <summary>The target depends on the source: a failed source impacts the target (<c>node member of cluster</c>).</summary>
    TargetDependsOnSource = 1,

    /// <summary>Informational only: neither end impacts the other.</summary>
    None = 2,
}
