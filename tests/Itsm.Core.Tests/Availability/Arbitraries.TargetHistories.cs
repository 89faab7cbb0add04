using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.Availability;

namespace Itsm.Core.Tests;

/// <summary>Target histories over random availability questions: few values (so neighbours are often equal), effective instants that collide.</summary>
internal static partial class Arbitraries
{
    public static Arbitrary<TargetHistoryCase> TargetHistoryCases() =>
        (from c in AvailabilityCases().Generator
         from count in Gen.Choose(0, 6)
         from revisions in RevisionsGen(c.LengthMinutes, count)
         select new TargetHistoryCase(c, revisions)).ToArbitrary();

    /// <summary>Revisions whose effective instants increase per target: steps of 0 to a quarter of the period from a start before it.</summary>
    private static Gen<TargetRevisionSpec[]> RevisionsGen(int length, int count)
    {
        var step = Math.Max(1, length / 4);
        var one = from offering in Gen.Elements(false, true)
                  from target in Gen.Elements(0.99, 0.995, 0.999, 1.0)
                  from gap in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, step)))
                  select (offering, target, gap);
        return from start in Gen.Choose(-step, Math.Max(0, length / 2))
               from raw in Gen.ArrayOf(one, count)
               select Place(raw, start);
    }

    private static TargetRevisionSpec[] Place((bool Offering, double Target, int Gap)[] raw, int start)
    {
        // A shared clock of effective minutes, so the service's and the offering's revisions often take effect together;
        // each target's own sequence strictly increases.
        var (minute, last) = (start, new Dictionary<bool, int>());
        var placed = new List<TargetRevisionSpec>();
        foreach (var (offering, target, gap) in raw)
        {
            minute += gap;
            var effective = last.TryGetValue(offering, out var previous) && minute <= previous ? previous + 1 : minute;
            last[offering] = effective;
            placed.Add(new TargetRevisionSpec(offering, target, effective));
        }

        return [.. placed];
    }
}
