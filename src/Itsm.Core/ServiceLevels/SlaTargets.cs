using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>The business time allowed for first response and for resolution at one priority.</summary>
/// <param name="Response">Time to first response, in business time; positive.</param>
/// <param name="Resolution">Time to resolution, in business time; positive.</param>
/// <remarks>Data only; <see cref="SlaDefinition.Create"/> validates it. Immutable and thread-safe.</remarks>
public readonly record struct SlaTargets(Duration Response, Duration Resolution)
{
    /// <summary>The target for <paramref name="metric"/>.</summary>
    public Duration For(SlaMetric metric) => metric == SlaMetric.Response ? Response : Resolution;
}
