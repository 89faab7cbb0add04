using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.Availability;
using Itsm.Core.Tests.Configuration;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>
/// Random availability questions that reach the hard cases: CMDBs with k-of-n clusters, cycles and
/// hard dependencies of clusters (from the CMDB generator); service-hours calendars anchored at a DST
/// transition with holidays, overrides and 24:00 ends (from the calendar generator); a period of up to
/// two days around the transition; outages that favour cluster members, straddle the period's edges,
/// start or end together, nest inside or overlap each other, mix planned with unplanned work on the
/// same item, and sometimes are still going on.
/// </summary>
internal static partial class Arbitraries
{
    public static Arbitrary<AvailabilityCase> AvailabilityCases() =>
        (from cmdb in CmdbGen(anyContainment: false)
         from spec in CalendarSpecGen
         from back in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(0, 1440)))
         from length in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 120)), (6, Gen.Choose(120, 2880)))
         from outages in OutagesGen(cmdb, length)
         from extraServices in Gen.Elements(cmdb.Live.ToArray()).ArrayOf().Select(a => a.Take(3).ToArray())
         from pick in Gen.Choose(0, 1000)
         select new AvailabilityCase(
             cmdb,
             spec,
             spec.Anchor - Duration.FromMinutes(back),
             length,
             outages,
             [0, .. extraServices.Where(v => v != 0).Distinct()],
             pick)).ToArbitrary();

    private static Gen<OutageSpec[]> OutagesGen(CmdbCase cmdb, int length)
    {
        var live = cmdb.Live.ToArray();
        var members = cmdb.Live.Where(v => cmdb.Edges.Any(e => e.Source == v && e.Type == MemberOf)).ToArray();
        var item = members.Length == 0 ? Gen.Elements(live) : Gen.Frequency((1, Gen.Elements(live)), (2, Gen.Elements(members)));
        var span = Math.Max(length, 1);
        var fresh =
            from v in item
            from start in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(-240, -1)), (6, Gen.Choose(0, span)))
            from len in Gen.Frequency((1, Gen.Constant<int?>(null)), (8, Gen.Choose(1, Math.Max(1, span / 2)).Select(l => (int?)l)))
            from planned in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new OutageSpec(v, start, len, planned);
        return from first in fresh.ArrayOf().Select(a => a.Take(6).ToArray())
               from related in (first.Length == 0 ? fresh : Gen.OneOf(fresh, Gen.Elements(first).SelectMany(o => RelatedOutage(o, item)))).ArrayOf().Select(a => a.Take(4).ToArray())
               select first.Concat(related).ToArray();
    }

    /// <summary>An outage next to <paramref name="o"/>: nested in it, starting or ending with it, overlapping it on another item, or the other kind on the same item.</summary>
    private static Gen<OutageSpec> RelatedOutage(OutageSpec o, Gen<int> item)
    {
        var length = o.LengthMinutes ?? 60;
        return from kind in Gen.Choose(0, 4)
               from v in item
               from offset in Gen.Choose(0, Math.Max(0, length - 1))
               from len in Gen.Choose(1, Math.Max(1, length))
               select kind switch
               {
                   0 => o with { StartMinute = o.StartMinute + offset, LengthMinutes = Math.Max(1, Math.Min(len, length - offset)) },
                   1 => o with { Item = v, LengthMinutes = len },
                   2 => new OutageSpec(v, o.StartMinute + length, len, o.Planned),
                   3 => o with { Planned = !o.Planned, StartMinute = o.StartMinute + offset, LengthMinutes = len },
                   _ => o with { Item = v, StartMinute = o.StartMinute + offset },
               };
    }
}
