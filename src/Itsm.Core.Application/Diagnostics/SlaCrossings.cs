using Itsm.Core.Calendars;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.Diagnostics;

/// <summary>An SLA warning threshold newly crossed (<see cref="Threshold"/> set) or a clock newly breached (<see cref="Threshold"/> null).</summary>
/// <param name="Metric">Which clock.</param>
/// <param name="Threshold">The warning threshold in percent, or null for a breach.</param>
/// <param name="Priority">The incident's priority after the command.</param>
internal sealed record SlaCrossing(SlaMetric Metric, int? Threshold, Priority Priority)
{
    /// <summary>The <see cref="ItsmTelemetry.Tags.SlaMetric"/> value.</summary>
    public string MetricName => Metric == SlaMetric.Response ? "response" : "resolution";
}

/// <summary>
/// The SLA crossings one command observed, handed from the SLA observation step (inside the unit of
/// work) to the telemetry step (outside it), which records them only once the command is accepted
/// and committed. One per dependency-injection scope, that is per request; not thread-safe.
/// </summary>
internal sealed class SlaCrossings
{
    private readonly List<SlaCrossing> observed = [];

    /// <summary>The crossings observed by the current request.</summary>
    public IReadOnlyList<SlaCrossing> Observed => observed;

    /// <summary>Forgets what an earlier request in the same scope observed.</summary>
    public void Clear() => observed.Clear();

    /// <summary>Adds the crossings found between two states of an incident.</summary>
    public void AddRange(IEnumerable<SlaCrossing> crossings) => observed.AddRange(crossings);

    /// <summary>
    /// What became true between what the previous accepted command saw (<paramref name="before"/>
    /// evaluated at <paramref name="beforeAt"/>) and what this one sees (<paramref name="after"/>
    /// evaluated at <paramref name="afterAt"/>): thresholds crossed now but not then, and a breach
    /// now but not then. Evaluating each state at the instant of the command that saved it
    /// partitions time between consecutive commands, so each crossing is found once.
    /// </summary>
    public static IEnumerable<SlaCrossing> Between(SlaClock? before, Instant beforeAt, SlaClock? after, Instant afterAt, BusinessCalendar calendar, Priority priority)
    {
        if (after is null)
        {
            yield break;
        }

        var now = after.Evaluate(afterAt, calendar);
        var then = before?.Evaluate(beforeAt, calendar);
        foreach (var threshold in now.ThresholdsCrossed)
        {
            if (then is null || !then.ThresholdsCrossed.Contains(threshold))
            {
                yield return new SlaCrossing(after.Metric, threshold, priority);
            }
        }

        if (now.BreachedAt is not null && then?.BreachedAt is null)
        {
            yield return new SlaCrossing(after.Metric, null, priority);
        }
    }
}
