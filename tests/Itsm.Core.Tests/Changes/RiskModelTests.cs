using FsCheck.Xunit;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Xunit;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

public sealed class RiskModelTests
{
    [Fact]
    public void Assess_NoImpactAndFullPlans_IsLowWithEveryFactorListed()
    {
        var assessment = RiskModel.Default.Assess(new RiskInput(ImpactSummary.None));

        Assert.Equal(RiskClass.Low, assessment.Class);
        Assert.Equal(
            ["affected items", "no test evidence", "no backout plan", "past failure rate", "outside maintenance window", "inside blackout window", "schedule conflicts"],
            assessment.Contributions.Select(c => c.Factor));
        Assert.All(assessment.Contributions, c => Assert.Equal(0, c.Points));
    }

    [Fact]
    public void Assess_CriticalServiceDownWithoutBackout_IsCriticalAndExplainsContributions()
    {
        var input = new RiskInput(Impact(ServiceCriticality.Critical, ServiceEffect.Down), hasTestEvidence: true, hasBackoutPlan: false, history: new ChangeHistory(1, 1));

        var assessment = RiskModel.Default.Assess(input);

        Assert.Equal(RiskClass.Critical, assessment.Impact);
        Assert.Equal(16, assessment.ImpactPoints);
        Assert.Equal(4 + 3, assessment.LikelihoodPoints);
        Assert.Equal(RiskClass.High, assessment.Likelihood);
        Assert.Equal(RiskClass.Critical, assessment.Class);
        Assert.Contains(assessment.Contributions, c => c.Factor == "no backout plan" && c.Points == 4);
        Assert.Contains(assessment.Contributions, c => c.Factor == "past failure rate" && c.Points == 3 && c.Detail.Contains("1 of 2", StringComparison.Ordinal));
        Assert.Contains("svc-payments (critical criticality) is down", assessment.Explain().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_InsideBlackout_RaisesToBlackoutFloor()
    {
        var assessment = RiskModel.Default.Assess(new RiskInput(ImpactSummary.None, insideBlackoutWindow: true));

        Assert.Equal(RiskClass.Medium, assessment.MatrixClass);
        Assert.Equal(RiskClass.High, assessment.Class);
        Assert.Contains("blackout floor", assessment.Explain().ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RiskClass.Low, RiskClass.Low, RiskClass.Low)]
    [InlineData(RiskClass.Low, RiskClass.Critical, RiskClass.Medium)]
    [InlineData(RiskClass.High, RiskClass.Low, RiskClass.Medium)]
    [InlineData(RiskClass.High, RiskClass.Medium, RiskClass.High)]
    [InlineData(RiskClass.Critical, RiskClass.Low, RiskClass.High)]
    [InlineData(RiskClass.Critical, RiskClass.High, RiskClass.Critical)]
    public void ClassFor_DefaultMatrix_MatchesDocumentedTable(RiskClass impact, RiskClass likelihood, RiskClass expected) =>
        Assert.Equal(expected, RiskModel.Default.ClassFor(impact, likelihood));

    [Fact]
    public void Constructor_NonMonotoneMatrix_Throws()
    {
        RiskClass[][] matrix =
        [
            [RiskClass.Low, RiskClass.Low, RiskClass.Low, RiskClass.Low],
            [RiskClass.Medium, RiskClass.Low, RiskClass.Medium, RiskClass.Medium],
            [RiskClass.High, RiskClass.High, RiskClass.High, RiskClass.High],
            [RiskClass.Critical, RiskClass.Critical, RiskClass.Critical, RiskClass.Critical],
        ];

        var exception = Assert.Throws<ArgumentException>(() => new RiskModel("broken", matrix: matrix));
        Assert.Contains("not monotone", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DescendingThresholds_Throws() =>
        Assert.Throws<ArgumentException>(() => new RiskModel("broken", impactThresholds: [8, 2, 16]));

    [Fact]
    public void Constructor_ReplacedWeights_ChangeTheClass()
    {
        var strict = new RiskModel("strict", noBackoutPlanPoints: 12);

        Assert.Equal(RiskClass.Medium, strict.Assess(new RiskInput(ImpactSummary.None, hasBackoutPlan: false)).Class);
        Assert.Equal(RiskClass.Low, RiskModel.Default.Assess(new RiskInput(ImpactSummary.None, hasBackoutPlan: false)).Class);
    }

    [Property]
    public bool Assess_AddingALikelihoodFactor_NeverLowersTheClass(WorsenedLikelihood pair) =>
        RiskModel.Default.Assess(pair.Worse).Class >= RiskModel.Default.Assess(pair.Input).Class;

    [Property]
    public bool Assess_RaisingImpact_NeverLowersTheClass(RaisedImpact pair) =>
        RiskModel.Default.Assess(pair.Worse).Class >= RiskModel.Default.Assess(pair.Input).Class;
}
