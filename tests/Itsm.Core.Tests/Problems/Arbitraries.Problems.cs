using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Itsm.Core.Tests.Problems;

namespace Itsm.Core.Tests;

/// <summary>Generators of the problem management properties.</summary>
internal static partial class Arbitraries
{
    /// <summary>Up to a dozen linked incidents in any state (open ones and every closed kind), either policy, any order.</summary>
    public static Arbitrary<WorkaroundPushCase> WorkaroundPushCases() =>
        (from states in Gen.Elements(Enum.GetValues<IncidentState>()).ArrayOf().Select(a => a.Take(12).ToArray())
         from policy in Gen.Elements(WorkaroundPushPolicy.NoteOnly, WorkaroundPushPolicy.ResolveWhereAllowed)
         from seed in Gen.Choose(0, 1000)
         select new WorkaroundPushCase(states, policy, seed)).ToArbitrary();

    /// <summary>
    /// A random CMDB of <see cref="CmdbCases"/> (2 to 302 items, cycles, clusters, retired items) and up to 40 incidents
    /// on few items (so that they share causes), opened in bursts over ten hours, with windows from a minute to four hours.
    /// </summary>
    public static Arbitrary<CandidateCase> CandidateCases() =>
        (from cmdb in CmdbCases().Generator
         from hot in Gen.Choose(0, cmdb.Count - 1).ArrayOf(Math.Min(cmdb.Count, 6))
         from incidents in (from item in Gen.Frequency((4, Gen.Elements(hot)), (1, Gen.Choose(0, cmdb.Count - 1)))
                            from minute in Gen.Frequency((3, Gen.Choose(0, 60)), (2, Gen.Choose(0, 600)))
                            select (item, minute)).ArrayOf().Select(a => a.Take(40).ToArray())
         from window in Gen.Elements(1, 10, 30, 60, 240)
         from minimum in Gen.Choose(2, 5)
         select new CandidateCase(cmdb, incidents, window, minimum)).ToArbitrary();
}
