using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;

namespace Itsm.Core.Changes;

/// <summary>
/// A named, replaceable policy that classifies the risk of a change and explains the result.
/// </summary>
/// <remarks>
/// <para>
/// The model scores two axes with whole points. <b>Impact</b>: every impacted service adds points
/// by its criticality and effect (down or degraded), and every <see cref="AffectedItemsPerPoint"/>
/// impacted items add one point. <b>Likelihood</b>: no test evidence, no backout plan, the failure
/// rate of past changes on the same items, a window outside the maintenance window, a window inside
/// a blackout window and each conflicting scheduled change add points. Each axis's points map to a
/// <see cref="RiskClass"/> through ascending thresholds; the <em>risk matrix</em> (impact by
/// likelihood) gives the class; a change inside a blackout window is raised to at least
/// <see cref="BlackoutFloor"/>.
/// </para>
/// <para>
/// Every contribution is non-negative, the thresholds ascend and the matrix is checked monotone on
/// construction, so adding a likelihood factor or raising the impact never lowers the class.
/// </para>
/// <para>Instances are immutable and thread-safe. <see cref="Default"/> documents the defaults.</para>
/// </remarks>
public sealed class RiskModel
{
    private static readonly RiskClass[][] DefaultMatrix =
    [
        //         likelihood: low            medium          high            critical
        /* low */      [RiskClass.Low, RiskClass.Low, RiskClass.Medium, RiskClass.Medium],
        /* medium */   [RiskClass.Low, RiskClass.Medium, RiskClass.Medium, RiskClass.High],
        /* high */     [RiskClass.Medium, RiskClass.High, RiskClass.High, RiskClass.Critical],
        /* critical */ [RiskClass.High, RiskClass.High, RiskClass.Critical, RiskClass.Critical],
    ];

    private readonly ImmutableArray<ImmutableArray<RiskClass>> matrix;
    private readonly ImmutableArray<int> downPoints;
    private readonly ImmutableArray<int> degradedPoints;
    private readonly ImmutableArray<int> impactThresholds;
    private readonly ImmutableArray<int> likelihoodThresholds;

    /// <summary>
    /// Creates a risk model. Every argument has the default of <see cref="Default"/>; name the ones you change.
    /// </summary>
    /// <param name="name">The model's name, shown in every explanation.</param>
    /// <param name="downPoints">Impact points for a service that goes down, indexed by <see cref="ServiceCriticality"/> (4 values). Default 2, 4, 8, 16.</param>
    /// <param name="degradedPoints">Impact points for a degraded service, indexed by criticality. Default 1, 2, 4, 8.</param>
    /// <param name="affectedItemsPerPoint">Impacted items that add one impact point. Default 10.</param>
    /// <param name="impactThresholds">Impact points at which the impact becomes medium, high, critical (ascending). Default 2, 8, 16.</param>
    /// <param name="noTestEvidencePoints">Likelihood points when there is no test evidence. Default 3.</param>
    /// <param name="noBackoutPlanPoints">Likelihood points when there is no backout plan. Default 4.</param>
    /// <param name="failureRatePoints">Likelihood points at a past failure rate of 100 %; scaled down linearly and rounded down. Default 6.</param>
    /// <param name="outsideMaintenanceWindowPoints">Likelihood points when the window is outside a maintenance window. Default 2.</param>
    /// <param name="insideBlackoutWindowPoints">Likelihood points when the window is inside a blackout window. Default 8.</param>
    /// <param name="conflictPoints">Likelihood points per conflicting scheduled change. Default 2.</param>
    /// <param name="maxConflictPoints">Cap on the conflict points. Default 6.</param>
    /// <param name="likelihoodThresholds">Likelihood points at which likelihood becomes medium, high, critical (ascending). Default 3, 7, 12.</param>
    /// <param name="matrix">The 4 x 4 risk matrix, rows impact low..critical, columns likelihood low..critical; must be monotone. Default documented in docs/changes.md.</param>
    /// <param name="blackoutFloor">The least class of a change inside a blackout window. Default <see cref="RiskClass.High"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">A weight is negative, a list has the wrong length, thresholds do not ascend or the matrix is not monotone.</exception>
    public RiskModel(
        string name,
        IReadOnlyList<int>? downPoints = null,
        IReadOnlyList<int>? degradedPoints = null,
        int affectedItemsPerPoint = 10,
        IReadOnlyList<int>? impactThresholds = null,
        int noTestEvidencePoints = 3,
        int noBackoutPlanPoints = 4,
        int failureRatePoints = 6,
        int outsideMaintenanceWindowPoints = 2,
        int insideBlackoutWindowPoints = 8,
        int conflictPoints = 2,
        int maxConflictPoints = 6,
        IReadOnlyList<int>? likelihoodThresholds = null,
        IReadOnlyList<IReadOnlyList<RiskClass>>? matrix = null,
        RiskClass blackoutFloor = RiskClass.High)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckArgument(name.Trim().Length > 0, nameof(name), "A risk model needs a name.");
        Name = name;
        this.downPoints = Weights(downPoints ?? [2, 4, 8, 16], 4, nameof(downPoints));
        this.degradedPoints = Weights(degradedPoints ?? [1, 2, 4, 8], 4, nameof(degradedPoints));
        this.impactThresholds = Thresholds(impactThresholds ?? [2, 8, 16], nameof(impactThresholds));
        this.likelihoodThresholds = Thresholds(likelihoodThresholds ?? [3, 7, 12], nameof(likelihoodThresholds));
        Preconditions.CheckArgument(affectedItemsPerPoint > 0, nameof(affectedItemsPerPoint), "Affected items per point must be positive.");
        foreach (var (value, field) in new[]
        {
            (noTestEvidencePoints, nameof(noTestEvidencePoints)), (noBackoutPlanPoints, nameof(noBackoutPlanPoints)),
            (failureRatePoints, nameof(failureRatePoints)), (outsideMaintenanceWindowPoints, nameof(outsideMaintenanceWindowPoints)),
            (insideBlackoutWindowPoints, nameof(insideBlackoutWindowPoints)), (conflictPoints, nameof(conflictPoints)),
            (maxConflictPoints, nameof(maxConflictPoints)),
        })
        {
            Preconditions.CheckArgument(value >= 0, field, $"{field} must not be negative, but was {value}.");
        }

        Preconditions.CheckArgument(Enum.IsDefined(blackoutFloor), nameof(blackoutFloor), $"Unknown risk class {blackoutFloor}.");
        AffectedItemsPerPoint = affectedItemsPerPoint;
        NoTestEvidencePoints = noTestEvidencePoints;
        NoBackoutPlanPoints = noBackoutPlanPoints;
        FailureRatePoints = failureRatePoints;
        OutsideMaintenanceWindowPoints = outsideMaintenanceWindowPoints;
        InsideBlackoutWindowPoints = insideBlackoutWindowPoints;
        ConflictPoints = conflictPoints;
        MaxConflictPoints = maxConflictPoints;
        BlackoutFloor = blackoutFloor;
        this.matrix = CheckMatrix(matrix ?? DefaultMatrix);
    }

    /// <summary>
    /// The documented default model ("Itsm.Core default"): one critical service down makes critical impact,
    /// one high-criticality service down makes high impact; see docs/changes.md for the full table.
    /// </summary>
    public static RiskModel Default { get; } = new("Itsm.Core default");

    /// <summary>The model's name, shown in every explanation.</summary>
    public string Name { get; }

    /// <summary>Impacted items that add one impact point.</summary>
    public int AffectedItemsPerPoint { get; }

    /// <summary>Likelihood points when there is no test evidence.</summary>
    public int NoTestEvidencePoints { get; }

    /// <summary>Likelihood points when there is no backout plan.</summary>
    public int NoBackoutPlanPoints { get; }

    /// <summary>Likelihood points at a past failure rate of 100 %.</summary>
    public int FailureRatePoints { get; }

    /// <summary>Likelihood points when the planned window is outside a maintenance window.</summary>
    public int OutsideMaintenanceWindowPoints { get; }

    /// <summary>Likelihood points when the planned window is inside a blackout window.</summary>
    public int InsideBlackoutWindowPoints { get; }

    /// <summary>Likelihood points per conflicting scheduled change.</summary>
    public int ConflictPoints { get; }

    /// <summary>Cap on the conflict points.</summary>
    public int MaxConflictPoints { get; }

    /// <summary>The least class of a change inside a blackout window.</summary>
    public RiskClass BlackoutFloor { get; }

    /// <summary>The matrix cell for an impact and a likelihood class.</summary>
    public RiskClass ClassFor(RiskClass impact, RiskClass likelihood) => matrix[(int)impact][(int)likelihood];

    /// <summary>Classifies <paramref name="input"/> and explains every factor's contribution.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public RiskAssessment Assess(RiskInput input)
    {
        Preconditions.CheckNotNull(input);
        var contributions = ImmutableArray.CreateBuilder<RiskContribution>();
        foreach (var service in input.Impact.Services)
        {
            var points = (service.Effect == ServiceEffect.Down ? downPoints : degradedPoints)[(int)service.Criticality];
            var effect = service.Effect == ServiceEffect.Down ? "down" : "degraded";
            contributions.Add(new RiskContribution(
                $"service {effect}", RiskAxis.Impact, points, $"{service.Service} ({service.Criticality.ToString().ToLowerInvariant()} criticality) is {effect}"));
        }

        contributions.Add(new RiskContribution(
            "affected items", RiskAxis.Impact, input.Impact.AffectedItemCount / AffectedItemsPerPoint, $"{input.Impact.AffectedItemCount} items impacted, 1 point per {AffectedItemsPerPoint}"));
        contributions.Add(new RiskContribution(
            "no test evidence", RiskAxis.Likelihood, input.HasTestEvidence ? 0 : NoTestEvidencePoints, input.HasTestEvidence ? "test plan present" : "no test plan or evidence"));
        contributions.Add(new RiskContribution(
            "no backout plan", RiskAxis.Likelihood, input.HasBackoutPlan ? 0 : NoBackoutPlanPoints, input.HasBackoutPlan ? "backout plan present" : "no backout plan"));
        var rate = input.History.FailureRate;
        contributions.Add(new RiskContribution(
            "past failure rate", RiskAxis.Likelihood, (int)Math.Floor(rate * FailureRatePoints),
            string.Create(CultureInfo.InvariantCulture, $"{input.History.Failed} of {input.History.Implemented + input.History.Failed} past changes on these items failed ({rate:P0})")));
        contributions.Add(new RiskContribution(
            "outside maintenance window", RiskAxis.Likelihood, input.OutsideMaintenanceWindow ? OutsideMaintenanceWindowPoints : 0,
            input.OutsideMaintenanceWindow ? "planned window is outside a maintenance window of an impacted service" : "within maintenance windows"));
        contributions.Add(new RiskContribution(
            "inside blackout window", RiskAxis.Likelihood, input.InsideBlackoutWindow ? InsideBlackoutWindowPoints : 0,
            input.InsideBlackoutWindow ? $"planned window overlaps a blackout window; class at least {BlackoutFloor.ToString().ToLowerInvariant()}" : "no blackout window overlaps"));
        contributions.Add(new RiskContribution(
            "schedule conflicts", RiskAxis.Likelihood, (int)Math.Min((long)input.ConflictCount * ConflictPoints, MaxConflictPoints),
            $"{input.ConflictCount} conflicting scheduled changes, {ConflictPoints} points each, at most {MaxConflictPoints}"));

        var all = contributions.ToImmutable();
        var impactPoints = all.Where(x => x.Axis == RiskAxis.Impact).Sum(x => x.Points);
        var likelihoodPoints = all.Where(x => x.Axis == RiskAxis.Likelihood).Sum(x => x.Points);
        var impact = Grade(impactPoints, impactThresholds);
        var likelihood = Grade(likelihoodPoints, likelihoodThresholds);
        var fromMatrix = ClassFor(impact, likelihood);
        var result = input.InsideBlackoutWindow && BlackoutFloor > fromMatrix ? BlackoutFloor : fromMatrix;
        return new RiskAssessment(Name, result, impact, impactPoints, likelihood, likelihoodPoints, fromMatrix, all);
    }

    /// <summary>Returns the model's name.</summary>
    public override string ToString() => Name;

    private static RiskClass Grade(int points, ImmutableArray<int> thresholds)
    {
        var grade = RiskClass.Low;
        for (var i = 0; i < thresholds.Length; i++)
        {
            if (points >= thresholds[i])
            {
                grade = (RiskClass)(i + 1);
            }
        }

        return grade;
    }

    private static ImmutableArray<int> Weights(IReadOnlyList<int> values, int length, string field)
    {
        Preconditions.CheckArgument(values.Count == length, field, $"{field} needs {length} values, one per criticality, but has {values.Count}.");
        Preconditions.CheckArgument(values.All(v => v >= 0), field, $"{field} must not contain negative points.");
        return [.. values];
    }

    private static ImmutableArray<int> Thresholds(IReadOnlyList<int> values, string field)
    {
        Preconditions.CheckArgument(values.Count == 3, field, $"{field} needs 3 ascending values (medium, high, critical), but has {values.Count}.");
        Preconditions.CheckArgument(values[0] > 0 && values[0] <= values[1] && values[1] <= values[2], field, $"{field} must be positive and ascending: {string.Join(", ", values)}.");
        return [.. values];
    }

    private static ImmutableArray<ImmutableArray<RiskClass>> CheckMatrix(IReadOnlyList<IReadOnlyList<RiskClass>> cells)
    {
        Preconditions.CheckArgument(cells.Count == 4 && cells.All(r => r is { Count: 4 }), "matrix", "The risk matrix must have 4 rows (impact) of 4 columns (likelihood).");
        for (var i = 0; i < 4; i++)
        {
            for (var l = 0; l < 4; l++)
            {
                Preconditions.CheckArgument(Enum.IsDefined(cells[i][l]), "matrix", $"Unknown risk class {cells[i][l]} at impact {(RiskClass)i}, likelihood {(RiskClass)l}.");
                Preconditions.CheckArgument(
                    (i == 0 || cells[i][l] >= cells[i - 1][l]) && (l == 0 || cells[i][l] >= cells[i][l - 1]),
                    "matrix",
                    $"The risk matrix is not monotone at impact {(RiskClass)i}, likelihood {(RiskClass)l}: raising impact or likelihood must never lower the class.");
            }
        }

        return [.. cells.Select(r => r.ToImmutableArray())];
    }
}

/// <summary>One factor of a risk assessment and the points it contributed.</summary>
/// <param name="Factor">The factor's stable name (for example <c>no backout plan</c>).</param>
/// <param name="Axis">The axis it contributes to.</param>
/// <param name="Points">Its points; 0 when the factor did not apply.</param>
/// <param name="Detail">Why, in words a person can check.</param>
/// <remarks>Immutable data; thread-safe.</remarks>
public sealed record RiskContribution(string Factor, RiskAxis Axis, int Points, string Detail);

/// <summary>
/// The explained result of a <see cref="RiskModel"/>: the class, both axes and every factor's contribution.
/// </summary>
/// <param name="Model">The name of the model that produced it.</param>
/// <param name="Class">The risk class (matrix cell, raised to the blackout floor where one applies).</param>
/// <param name="Impact">The impact grade.</param>
/// <param name="ImpactPoints">The impact points.</param>
/// <param name="Likelihood">The likelihood grade.</param>
/// <param name="LikelihoodPoints">The likelihood points.</param>
/// <param name="MatrixClass">The class the matrix gave before any floor.</param>
/// <param name="Contributions">Every factor, including those that contributed nothing, in a stable order.</param>
/// <remarks>Immutable data; thread-safe.</remarks>
public sealed record RiskAssessment(
    string Model,
    RiskClass Class,
    RiskClass Impact,
    int ImpactPoints,
    RiskClass Likelihood,
    int LikelihoodPoints,
    RiskClass MatrixClass,
    ImmutableArray<RiskContribution> Contributions)
{
    /// <summary>
    /// The explanation: a line with the class and the matrix cell, then one line per factor with its points;
    /// the factors are <see cref="Contributions"/>.
    /// </summary>
    public Explanation<RiskContribution> Explain()
    {
        var lines = new List<string>
        {
            $"{Class} risk by model '{Model}': impact {Impact} ({ImpactPoints} points) x likelihood {Likelihood} ({LikelihoodPoints} points) = {MatrixClass}"
                + (Class != MatrixClass ? $", raised to {Class} by the blackout floor" : string.Empty),
        };
        lines.AddRange(Contributions.Select(c => $"  {c.Axis,-10} {c.Points,3}  {c.Factor}: {c.Detail}"));
        return new Explanation<RiskContribution>(lines, Contributions);
    }

    /// <summary>The explanation, one line per line (see <see cref="Explain"/>).</summary>
    public override string ToString() => Explain().ToString();
}
