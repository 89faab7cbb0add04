using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Incidents;
using Itsm.Core.Tests.Incidents;

namespace Itsm.Core.Tests;

/// <summary>Incident scripts of legal and illegal commands, priority matrices and priority rules.</summary>
internal static partial class Arbitraries
{
    public static Arbitrary<IncidentScript> IncidentScripts() =>
        (from impact in Gen.Choose(1, 3)
         from urgency in Gen.Choose(1, 3)
         from startDays in Gen.Choose(0, 40)
         from steps in Gen.ListOf(IncidentStepGen)
         select new IncidentScript(impact, urgency, startDays, [.. steps])).ToArbitrary();

    public static Arbitrary<PriorityMatrixCandidate> PriorityMatrixCandidates() =>
        (from rows in Gen.Choose(1, 4)
         from columns in Gen.Choose(1, 4)
         from levels in Gen.Choose(1, 5)
         from values in Gen.ArrayOf(Gen.Choose(0, levels + 1), rows * columns)
         select new PriorityMatrixCandidate(levels, [.. Enumerable.Range(0, rows).Select(r => values.Skip(r * columns).Take(columns).ToArray())])).ToArbitrary();

    public static Arbitrary<MonotonePriorityMatrix> MonotonePriorityMatrices() =>
        (from rows in Gen.Choose(1, 5)
         from columns in Gen.Choose(1, 5)
         from steps in Gen.ArrayOf(Gen.Choose(0, 1), rows * columns)
         select new MonotonePriorityMatrix(BuildMonotone(rows, columns, steps))).ToArbitrary();

    public static Arbitrary<PriorityRulesCase> PriorityRulesCases() =>
        (from impact in Gen.Choose(1, 3)
         from urgency in Gen.Choose(1, 3)
         from vip in Gen.Elements(false, true)
         from major in Gen.Elements(false, true)
         from rules in Gen.ListOf(PriorityRuleGen)
         select new PriorityRulesCase(impact, urgency, new IncidentFacts { IsVipCaller = vip, IsMajorIncident = major }, [.. rules])).ToArbitrary();

    private static Gen<IncidentStep> IncidentStepGen =>
        from op in Gen.Choose(0, 10)
        from minutes in Gen.OneOf(Gen.Choose(0, 90), Gen.Choose(0, 60 * 72), Gen.Constant(0))
        from level in Gen.Choose(1, 3)
        select new IncidentStep(op, minutes, level);

    private static Gen<PriorityRule> PriorityRuleGen =>
        from urgencyTarget in Gen.Choose(0, 4)
        from priorityTarget in Gen.Choose(0, 6)
        from mayLower in Gen.Elements(false, false, true)
        select PriorityRule.Create(
            $"r{urgencyTarget}-{priorityTarget}",
            "generated",
            (_, _) => urgencyTarget == 0 ? null : Urgency.FromLevel(urgencyTarget),
            (_, _) => priorityTarget == 0 ? null : Priority.FromRank(priorityTarget),
            mayLower);

    private static int[][] BuildMonotone(int rows, int columns, int[] steps)
    {
        var ranks = new int[rows][];
        for (var i = 0; i < rows; i++)
        {
            ranks[i] = new int[columns];
            for (var u = 0; u < columns; u++)
            {
                var above = i > 0 ? ranks[i - 1][u] : 1;
                var left = u > 0 ? ranks[i][u - 1] : 1;
                ranks[i][u] = Math.Max(above, left) + ((i + u) > 0 ? steps[(i * columns) + u] : 0);
            }
        }

        return ranks;
    }
}
