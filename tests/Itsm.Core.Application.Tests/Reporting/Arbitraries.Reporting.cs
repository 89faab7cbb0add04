using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Application.Tests.Availability;
using Itsm.Core.Application.Tests.Reporting;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Tests;

/// <summary>Cases of the service report property: outages of the payroll CMDB around March 2027, a target or none, and the clock.</summary>
internal static partial class Arbitraries
{
    private static readonly ConfigurationItemId[] ReportItems = [PayrollCmdb.Payroll, PayrollCmdb.App, PayrollCmdb.Cluster, PayrollCmdb.NodeA, PayrollCmdb.NodeB, PayrollCmdb.San];

    private static readonly Instant ReportEpoch = Instant.FromUtc(2027, 3, 1, 0, 0);

    /// <summary>
    /// Up to 12 outages starting from three days before March to three days after it, on minute and quarter-hour edges (so
    /// outages touch, overlap and repeat), lasting a minute to three days or still going on, planned or not, mostly on the cluster's
    /// nodes; a target of none, 90 %, 99 % or 99.9 %; and a clock from just after March's start to a day after its end.
    /// </summary>
    public static Arbitrary<ReportCase> ReportCases() =>
        (from outages in Gen.ListOf(ReportOutageGen).Select(l => l.Take(12).ToList())
         from target in Gen.Elements<double?>(null, 0.9, 0.99, 0.999)
         from now in Gen.Choose(1, 32 * 24 * 4).Select(q => ReportEpoch + Duration.FromMinutes(15 * q))
         select new ReportCase(outages, target, now)).ToArbitrary();

    private static Gen<(ConfigurationItemId Item, Instant Start, Instant? End, OutageKind Kind)> ReportOutageGen =>
        from item in Gen.Frequency((1, Gen.Elements(ReportItems)), (2, Gen.Elements(ReportItems[3], ReportItems[4])))
        from start in Gen.OneOf(Gen.Choose(-3 * 96, 34 * 96).Select(q => 15L * q), Gen.Choose(-3 * 1440, 34 * 1440).Select(m => (long)m))
        from length in Gen.Frequency((1, Gen.Constant<long?>(null)), (6, Gen.Choose(1, 3 * 1440).Select(m => (long?)m)))
        from planned in Gen.Frequency((3, Gen.Constant(OutageKind.Unplanned)), (1, Gen.Constant(OutageKind.Planned)))
        select (item, ReportEpoch + Duration.FromMinutes(start), length is { } l ? ReportEpoch + Duration.FromMinutes(start + l) : (Instant?)null, planned);
}
