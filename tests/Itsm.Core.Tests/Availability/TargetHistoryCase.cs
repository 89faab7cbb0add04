using Itsm.Core.Availability;
using Itsm.Core.Tests.Configuration;
using NodaTime;

namespace Itsm.Core.Tests.Availability;

/// <summary>One generated target revision: for the offering or the service, its value, and when it takes effect in minutes from the period's start (may lie outside it).</summary>
public readonly record struct TargetRevisionSpec(bool Offering, double Target, int EffectiveMinute);

/// <summary>
/// A random availability question with a history of target revisions for its first service: revisions of the service's and of one
/// offering's target, interleaved, taking effect before, inside and after the period, often at the same instant for both and often
/// to a value equal to the one in force.
/// </summary>
public sealed record TargetHistoryCase(AvailabilityCase Case, TargetRevisionSpec[] Revisions)
{
    /// <summary>The offering whose revisions the case holds.</summary>
    public const string Offering = "gold";

    /// <summary>The service the targets are of: the case's first.</summary>
    public ConfigurationItemId Service => CmdbCase.Id(Case.Services[0]);

    /// <summary>The revisions recorded one minute apart, in order; null when there are none.</summary>
    public ServiceAvailabilityTargets? Build()
    {
        ServiceAvailabilityTargets? targets = null;
        var recorded = Case.From;
        foreach (var r in Revisions)
        {
            recorded += Duration.FromMinutes(1);
            var offering = r.Offering ? Offering : null;
            var effective = Case.From + Duration.FromMinutes(r.EffectiveMinute);
            if (targets is null)
            {
                targets = ServiceAvailabilityTargets.Define(Service, offering, r.Target, UserId.From("manager"), recorded, effective).Value;
            }
            else
            {
                // The generator keeps each target's effective instants increasing; an unchanged value is refused and skipped.
                var set = targets.Set(offering, r.Target, UserId.From("manager"), recorded, effective);
                Xunit.Assert.True(set.IsSuccess || set.ValidationErrors.Single().ErrorCode == ServiceAvailabilityTargets.UnchangedCode, string.Join(" ", set.Errors));
            }
        }

        return targets;
    }

    /// <summary>The target in force at <paramref name="at"/> by the definition, straight from the revisions.</summary>
    public double? ReferenceTargetAt(string? offering, Instant at, ServiceAvailabilityTargets targets)
    {
        var revisions = targets.History.OfType<AvailabilityTargetSet>().ToList();
        double? Latest(string? o) => revisions.Where(s => s.Offering == o && s.Effective <= at).OrderBy(s => s.Effective).Select(s => (double?)s.Target).LastOrDefault();
        return (offering is null ? null : Latest(offering)) ?? Latest(null);
    }
}
