using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.Tests.Incidents;

public class PriorityMatrixTests
{
    /// <summary>The ITIL priority matrix, cell by cell: (impact, urgency) -> priority.</summary>
    public static TheoryData<int, int, int> Itil3x3Table => new()
    {
        { 1, 1, 1 }, { 1, 2, 2 }, { 1, 3, 3 },
        { 2, 1, 2 }, { 2, 2, 3 }, { 2, 3, 4 },
        { 3, 1, 3 }, { 3, 2, 4 }, { 3, 3, 5 },
    };

    [Theory]
    [MemberData(nameof(Itil3x3Table))]
    public void Itil3x3_MatchesTheItilTable(int impact, int urgency, int priority) =>
        Assert.Equal(Priority.FromRank(priority), PriorityMatrix.Itil3x3.PriorityFor(Impact.FromLevel(impact), Urgency.FromLevel(urgency)));

    [Fact]
    public void Glpi5x5_IsFiveByFiveWithFivePriorities()
    {
        var matrix = PriorityMatrix.Glpi5x5;

        Assert.Equal((5, 5, 5), (matrix.ImpactLevels, matrix.UrgencyLevels, matrix.PriorityLevels));
        Assert.Equal(Priority.FromRank(1), matrix.PriorityFor(Impact.FromLevel(1), Urgency.FromLevel(1)));
        Assert.Equal(Priority.FromRank(3), matrix.PriorityFor(Impact.FromLevel(1), Urgency.FromLevel(5)));
        Assert.Equal(Priority.FromRank(5), matrix.PriorityFor(Impact.FromLevel(5), Urgency.FromLevel(5)));
    }

    [Fact]
    public void Create_NonMonotone_NamesTheOffendingCell()
    {
        var result = PriorityMatrix.Create("bad", 3, [[1, 2], [3, 1]]);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        var errors = result.ValidationErrors.Where(e => e.ErrorCode == "matrix.not-monotone").ToList();
        Assert.Contains(errors, e => e.Identifier == "(I2, U2)" && e.ErrorMessage.Contains("raising urgency from U2 to U1", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_WithHole_NamesTheCell()
    {
        var result = PriorityMatrix.Create("holes", 3, [[1, 2], [2, 0]]);

        Assert.Equal("(I2, U2)", Assert.Single(result.ValidationErrors, e => e.ErrorCode == "matrix.hole").Identifier);
    }

    [Fact]
    public void Create_Ragged_IsInvalid()
    {
        var result = PriorityMatrix.Create("ragged", 3, [[1, 2], [2]]);

        Assert.Equal("matrix.ragged", Assert.Single(result.ValidationErrors).ErrorCode);
    }

    [Fact]
    public void Create_Empty_IsInvalid() =>
        Assert.Equal(ResultStatus.Invalid, PriorityMatrix.Create("empty", 3, []).Status);

    [Property]
    public bool Property_ValidatorAcceptsExactlyTheMonotoneTotalMatrices(PriorityMatrixCandidate candidate)
    {
        var result = PriorityMatrix.Create("generated", candidate.Levels, candidate.Ranks);
        return result.IsSuccess == IsMonotoneAndTotal(candidate.Ranks, candidate.Levels);
    }

    [Property]
    public bool Property_EveryValidMatrixIsMonotoneAndTotal(MonotonePriorityMatrix monotone)
    {
        var ranks = monotone.Ranks;
        var levels = ranks.SelectMany(r => r).Max();
        var matrix = PriorityMatrix.Create("monotone", levels, ranks).Value;
        for (var i = 1; i <= matrix.ImpactLevels; i++)
        {
            for (var u = 1; u <= matrix.UrgencyLevels; u++)
            {
                var p = matrix.PriorityFor(Impact.FromLevel(i), Urgency.FromLevel(u));
                if (p.Rank < 1 || p.Rank > levels)
                {
                    return false;
                }

                if (i > 1 && matrix.PriorityFor(Impact.FromLevel(i - 1), Urgency.FromLevel(u)).Rank > p.Rank)
                {
                    return false;
                }

                if (u > 1 && matrix.PriorityFor(Impact.FromLevel(i), Urgency.FromLevel(u - 1)).Rank > p.Rank)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsMonotoneAndTotal(int[][] ranks, int levels)
    {
        for (var i = 0; i < ranks.Length; i++)
        {
            for (var u = 0; u < ranks[i].Length; u++)
            {
                if (ranks[i][u] < 1 || ranks[i][u] > levels)
                {
                    return false;
                }

                if ((i > 0 && ranks[i - 1][u] > ranks[i][u]) || (u > 0 && ranks[i][u - 1] > ranks[i][u]))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
