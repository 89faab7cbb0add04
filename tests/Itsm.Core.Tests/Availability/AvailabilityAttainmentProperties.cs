using FsCheck.Xunit;
using Itsm.Core.Availability;
using NodaTime;

namespace Itsm.Core.Tests.Availability;

/// <summary>
/// The targets in force over a period and the attainment composed from them, on random CMDBs, calendars, outages and target
/// histories: the parts cover the period, each carries the target the definition gives at every minute of it, and splitting at
/// target changes loses and doubles no agreed time and no downtime.
/// </summary>
public sealed class AvailabilityAttainmentProperties
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    [Property]
    public bool InForce_PartsCoverThePeriod_EachWithTheTargetInForceAtEveryMinute_NeighboursDiffering(TargetHistoryCase c)
    {
        if (c.Build() is not { } targets)
        {
            return true;
        }

        foreach (var offering in new[] { null, TargetHistoryCase.Offering })
        {
            var parts = targets.InForce(offering, c.Case.Period);
            if (parts.Length == 0 || parts[0].Period.Start != c.Case.From || parts[^1].Period.End != c.Case.To)
            {
                return false;
            }

            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                if ((i > 0 && (parts[i - 1].Period.End != part.Period.Start || parts[i - 1].Target == part.Target))
                    || (part.Period.Duration == Duration.Zero && c.Case.LengthMinutes > 0))
                {
                    return false;
                }

                // Every edge is a whole minute, so the minutes of a part are all there is to check.
                for (var at = part.Period.Start; at < part.Period.End; at += Minute)
                {
                    if (c.ReferenceTargetAt(offering, at, targets) != part.Target || targets.TargetAt(offering, at) != part.Target)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    [Property]
    public bool Attainment_SplitAtTargetChanges_PartsAddUpToTheWhole_AndTheAllowanceIsThePartsSum(TargetHistoryCase c)
    {
        if (c.Build() is not { } targets)
        {
            return true;
        }

        var service = c.Case.Services[0];
        var whole = c.Case.Measure()[0];
        var inForce = targets.InForce(TargetHistoryCase.Offering, c.Case.Period);
        var parts = inForce.Select(p => new AvailabilityAttainmentPart(p.Target, c.Case.Measure(period: p.Period)[0])).ToList();
        var (agreed, down, hours, planned) = parts.Aggregate(
            (Duration.Zero, Duration.Zero, Duration.Zero, Duration.Zero),
            (sum, p) => (sum.Item1 + p.Figures.Agreed, sum.Item2 + p.Figures.Down, sum.Item3 + p.Figures.ServiceHours, sum.Item4 + p.Figures.Planned));
        if (agreed != whole.Agreed || down != whole.Down || hours != whole.ServiceHours || planned != whole.Planned)
        {
            return false;
        }

        if (parts.All(p => p.Target is null))
        {
            return true;
        }

        var attainment = AvailabilityAttainment.Compose(whole.Service, c.Case.Period, parts);
        var targeted = parts.Where(p => p.Target is not null).ToList();
        var allowed = targeted.Aggregate(Duration.Zero, (sum, p) => sum + p.AllowedDowntime!.Value);
        var weightedFits = attainment.Target >= targeted.Min(p => p.Target!.Value) - 1e-12 && attainment.Target <= targeted.Max(p => p.Target!.Value) + 1e-12;
        return service == c.Case.Services[0]
            && attainment.Agreed == targeted.Aggregate(Duration.Zero, (sum, p) => sum + p.Figures.Agreed)
            && attainment.Down == targeted.Aggregate(Duration.Zero, (sum, p) => sum + p.Figures.Down)
            && attainment.AllowedDowntime == allowed
            && attainment.Met == (attainment.Down <= allowed)
            && (targeted.Count < parts.Count || (attainment.Agreed == whole.Agreed && attainment.Down == whole.Down))
            && (!targeted.All(p => p.Met == true) || attainment.Met)
            && weightedFits;
    }
}
