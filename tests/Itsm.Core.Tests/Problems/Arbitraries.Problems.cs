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

    /// <summary>Up to ten known errors over three items, two categories and a few words, published at various hours, some with a validity that ends, some still drafts or fixed.</summary>
    public static Arbitrary<KnownErrorPool> KnownErrorPools()
    {
        var items = new[] { "a", "b", "c" }.Select(ConfigurationItemId.From).ToArray();
        var words = new[] { "mail", "outbox", "stuck", "slow", "printer" };
        var knownError =
            from symptom in Gen.Elements(words).ArrayOf(2)
            from named in Gen.SubListOf(items)
            from category in Gen.Elements<string?>(null, "mail", "print")
            from hours in Gen.Choose(0, 10)
            from valid in Gen.Elements<int?>(null, 1, 5)
            from fate in Gen.Choose(0, 5)
            select Make(string.Join(" ", symptom), [.. named], category, hours, valid, fate);
        return (from known in knownError.ArrayOf().Select(a => a.Take(10).ToArray())
                from item in Gen.Elements(items)
                from category in Gen.Elements<string?>(null, "mail", "print")
                from title in Gen.Elements(words).ArrayOf(3)
                from hours in Gen.Choose(0, 12)
                select new KnownErrorPool(known, item, category, string.Join(" ", title), hours)).ToArbitrary();

        static KnownError Make(string symptom, ConfigurationItemId[] items, string? category, int hours, int? valid, int fate)
        {
            var at = Itsm.Core.Tests.Incidents.IncidentFixture.Monday0900 + NodaTime.Duration.FromHours(hours);
            var k = KnownError.Record(Itsm.Core.Common.KnownErrorId.New(), symptom, null, "w", items, [Itsm.Core.Tests.Incidents.IncidentFixture.Email], category, null, null, ProblemFixture.Manager, at).Value;
            if (fate > 0)
            {
                k.Publish(valid is { } v ? at + NodaTime.Duration.FromHours(v) : null, ProblemFixture.Manager, at);
            }

            if (fate == 5)
            {
                k.MarkFixed(ProblemFixture.Manager, at + NodaTime.Duration.FromHours(1));
            }

            return k;
        }
    }

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

    /// <summary>
    /// <see cref="CandidateCases"/> at full size, kept when the CMDB has more than 64 items, with a cycle of "depends on"
    /// relationships added through the distinct items the incidents hit (so that they cover each other).
    /// </summary>
    public static Arbitrary<LargeCandidateCase> LargeCandidateCases() =>
        CandidateCases().Generator.Resize(100)
            .Where(c => c.Cmdb.Count > 64)
            .Select(c =>
            {
                var hit = c.Incidents.Select(x => x.Item).Distinct().ToArray();
                var cycle = hit.Length < 2 ? [] : hit.Select((v, k) => (v, hit[(k + 1) % hit.Length], 0)).ToArray();
                return new LargeCandidateCase(c with { Cmdb = c.Cmdb with { Edges = [.. c.Cmdb.Edges, .. cycle] } });
            })
            .ToArbitrary();
}

/// <summary>Generators of the problem measures.</summary>
internal static partial class Arbitraries
{
    /// <summary>
    /// Up to ten incidents opened over two days (many within minutes of each other, so that their downtime overlaps), each
    /// resolved, reopened and resolved again after random gaps (a gap of 0 ends the story: the incident stays as it is),
    /// some cancelled, measured at a random minute (before, between and after the events), all on whole minutes.
    /// </summary>
    public static Arbitrary<MeasureCase> MeasureCases()
    {
        var gap = Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 600)));
        var incident =
            from opened in Gen.Frequency((3, Gen.Choose(0, 120)), (2, Gen.Choose(0, 2880)))
            from gaps in gap.ArrayOf(3)
            from cancel in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new MeasuredIncident(opened, gaps, cancel);
        return (from incidents in incident.ArrayOf().Select(a => a.Take(10).ToArray())
                from at in Gen.Choose(0, 4000)
                from seed in Gen.Choose(0, 1000)
                select new MeasureCase(incidents, at, seed)).ToArbitrary();
    }
}
