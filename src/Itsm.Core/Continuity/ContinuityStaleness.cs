using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Continuity;

/// <summary>Whether a continuity plan can be trusted.</summary>
/// <remarks><c>default</c> is <see cref="Current"/>.</remarks>
public enum ContinuityPlanStatus
{
    /// <summary>Its last passed test is recent and nothing in the service's dependency closure changed since.</summary>
    Current = 0,

    /// <summary>It passed a test once, but the closure changed since, or the test is older than the policy allows.</summary>
    Stale = 1,

    /// <summary>It never passed a test.</summary>
    Untested = 2,
}

/// <summary>The verdict on a service's continuity plan, with why.</summary>
/// <param name="Service">The service.</param>
/// <param name="Status">Current, stale or untested.</param>
/// <param name="LastPassed">When the last passed test ran; null when none did.</param>
/// <param name="ChangedItems">The items of the closure (then or now) that were added, removed or modified since that test, or whose relationships were, by id.</param>
/// <param name="Reasons">Why, one line each, for a person.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ContinuityPlanVerdict(ConfigurationItemId Service, ContinuityPlanStatus Status, Instant? LastPassed, ImmutableArray<ConfigurationItemId> ChangedItems, ImmutableArray<string> Reasons)
{
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Staleness of continuity plans: a plan is stale when the service's dependency closure in the CMDB has
/// changed since its last passed test (the baseline diff over that closure names the items), or when that
/// test is older than the policy's interval; untested when no test passed.
/// </summary>
/// <remarks>
/// The closure of a service is the service and everything it depends on, directly or not, by the impact
/// semantics of <see cref="ImpactAnalysis.DependenciesOf"/> (retired items left out), with the relationships
/// among them. A change to an item outside the closure never makes the plan stale, unless it joins the
/// closure (a new dependency): then the closure itself changed. Pure and thread-safe.
/// </remarks>
public static class ContinuityStaleness
{
    /// <summary>
    /// The dependency closure of <paramref name="service"/> in <paramref name="configuration"/>: its items and the
    /// relationships between them. A service not in the configuration (or retired) gives <c>cmdb.item.unknown</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public static Result<ConfigurationState> ClosureOf(ConfigurationState configuration, ConfigurationItemId service)
    {
        Preconditions.CheckNotNull(configuration);
        var graph = CmdbGraph.FromStored(configuration.Items.Values, configuration.Relationships);
        if (!graph.IsSuccess)
        {
            return graph.AsFailure<ConfigurationState>();
        }

        var closure = ImpactAnalysis.DependenciesOf(graph.Value.Compile(), service);
        if (!closure.IsSuccess)
        {
            return closure.AsFailure<ConfigurationState>();
        }

        var ids = closure.Value.Select(d => d.Id).Append(service).ToHashSet();
        return ConfigurationState.Create(
            ids.Select(id => configuration.Items[id]),
            configuration.Relationships.Where(r => ids.Contains(r.Source) && ids.Contains(r.Target)));
    }

    /// <summary>
    /// The verdict on the plan of <paramref name="service"/> at <paramref name="asOf"/> from its
    /// <paramref name="tests"/> (any order), the current <paramref name="configuration"/> and the longest
    /// <paramref name="interval"/> the policy allows since the last passed test.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<ContinuityPlanVerdict> Assess(
        ConfigurationItemId service, IEnumerable<ContinuityPlanTest> tests, ConfigurationState configuration, Instant asOf, Duration interval)
    {
        Preconditions.CheckNotNull(tests);
        Preconditions.CheckNotNull(configuration);
        var lastPassed = tests.Where(t => t.Passed).OrderBy(t => t.At).LastOrDefault();
        if (lastPassed is null)
        {
            return new ContinuityPlanVerdict(service, ContinuityPlanStatus.Untested, null, [], ["no test of the plan has passed"]);
        }

        var now = ClosureOf(configuration, service);
        if (!now.IsSuccess)
        {
            return now.AsFailure<ContinuityPlanVerdict>();
        }

        var diff = ConfigurationDiff.Between(lastPassed.Closure, now.Value);
        var changed = diff.AddedItems.Select(i => i.Id)
            .Concat(diff.RemovedItems.Select(i => i.Id))
            .Concat(diff.ModifiedItems.Select(m => m.Id))
            .Concat(diff.AddedRelationships.Concat(diff.RemovedRelationships).SelectMany(r => new[] { r.Source, r.Target }))
            .Distinct()
            .Order()
            .ToImmutableArray();
        var reasons = new List<string>();
        if (!changed.IsEmpty)
        {
            reasons.Add($"the dependency closure changed since the test of {lastPassed.At}: {string.Join(", ", changed)}");
        }

        if (asOf - lastPassed.At > interval)
        {
            reasons.Add($"the last passed test ({lastPassed.At}) is older than the policy's {interval}");
        }

        return new ContinuityPlanVerdict(
            service,
            reasons.Count == 0 ? ContinuityPlanStatus.Current : ContinuityPlanStatus.Stale,
            lastPassed.At,
            changed,
            [.. reasons]);
    }
}
