using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Incidents;

/// <summary>
/// An impact x urgency table that gives an incident's priority: a named policy value, with the
/// ITIL 3x3 and a GLPI-style 5x5 as defaults and any N x M table of the vendor's own.
/// </summary>
/// <remarks>
/// <para>
/// A matrix is valid only when it is <b>total</b> (every impact/urgency pair has a priority between
/// P1 and P<see cref="PriorityLevels"/>) and <b>monotone</b>: raising impact or urgency (moving to a
/// lower level) never lowers priority (never gives a higher rank). <see cref="Create"/> rejects any
/// other table and names the offending cells. Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class PriorityMatrix
{
    private readonly ImmutableArray<int> ranks; // row-major: [impact-1, urgency-1]

    private PriorityMatrix(string name, int impactLevels, int urgencyLevels, int priorityLevels, ImmutableArray<int> ranks)
    {
        Name = name;
        ImpactLevels = impactLevels;
        UrgencyLevels = urgencyLevels;
        PriorityLevels = priorityLevels;
        this.ranks = ranks;
    }

    /// <summary>
    /// The ITIL 3x3 matrix: impact and urgency high (1), medium (2), low (3), giving P1 critical to
    /// P5 planning: P = impact + urgency - 1.
    /// </summary>
    public static PriorityMatrix Itil3x3 { get; } = Create("ITIL 3x3", 5, [[1, 2, 3], [2, 3, 4], [3, 4, 5]]).Value;

    /// <summary>
    /// A GLPI-style 5x5 matrix: impact and urgency from very high (1) to very low (5), giving P1 to
    /// P5 as the rounded-down mean of the two levels, so one very high dimension keeps the incident
    /// at P3 or above.
    /// </summary>
    public static PriorityMatrix Glpi5x5 { get; } = Create(
        "GLPI-style 5x5",
        5,
        Enumerable.Range(1, 5).Select(i => Enumerable.Range(1, 5).Select(u => (i + u) / 2).ToArray()).ToArray()).Value;

    /// <summary>The matrix's name, shown in explanations.</summary>
    public string Name { get; }

    /// <summary>How many impact levels the matrix has (rows).</summary>
    public int ImpactLevels { get; }

    /// <summary>How many urgency levels the matrix has (columns).</summary>
    public int UrgencyLevels { get; }

    /// <summary>How many priority ranks the matrix may give (P1 to P<c>PriorityLevels</c>).</summary>
    public int PriorityLevels { get; }

    /// <summary>The highest priority this matrix gives: P1.</summary>
    public Priority Highest => Priority.FromRank(1);

    /// <summary>
    /// Creates a matrix from rows of ranks: <c>ranks[i][u]</c> is the priority rank for impact level
    /// <c>i + 1</c> and urgency level <c>u + 1</c>. Returns <see cref="ResultStatus.Invalid"/>, naming each
    /// offending cell, when the table is empty, ragged, has holes (ranks outside 1 to
    /// <paramref name="priorityLevels"/>) or is not monotone.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="ranks"/> is null.</exception>
    public static Result<PriorityMatrix> Create(string name, int priorityLevels, int[][] ranks)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckNotNull(ranks);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Failure.Field("Name", "A priority matrix needs a name.", "matrix.name"));
        }

        if (priorityLevels is < 1 or > 100)
        {
            errors.Add(Failure.Field("PriorityLevels", $"A matrix gives between 1 and 100 priority levels, not {priorityLevels}.", "matrix.levels"));
        }

        if (ranks.Length == 0 || ranks[0] is null || ranks[0].Length == 0)
        {
            errors.Add(Failure.Field("Cells", "A priority matrix needs at least one impact row and one urgency column.", "matrix.empty"));
            return Result<PriorityMatrix>.Invalid(errors);
        }

        var columns = ranks[0].Length;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (ranks[i] is null || ranks[i].Length != columns)
            {
                errors.Add(Failure.Field($"Cells[I{i + 1}]", $"Impact row I{i + 1} has {ranks[i]?.Length ?? 0} cells; every row needs {columns}, one per urgency level.", "matrix.ragged"));
            }
        }

        if (errors.Count > 0)
        {
            return Result<PriorityMatrix>.Invalid(errors);
        }

        for (var i = 0; i < ranks.Length; i++)
        {
            for (var u = 0; u < columns; u++)
            {
                var rank = ranks[i][u];
                if (rank < 1 || rank > priorityLevels)
                {
                    errors.Add(Failure.Field(Cell(i, u), $"Cell {Cell(i, u)} holds {rank}, not a priority from P1 to P{priorityLevels}: the matrix has a hole.", "matrix.hole"));
                    continue;
                }

                if (i > 0 && ranks[i - 1][u] is var wider && wider >= 1 && wider <= priorityLevels && wider > rank)
                {
                    errors.Add(Failure.Field(Cell(i, u), $"Not monotone: raising impact from I{i + 1} to I{i} at urgency U{u + 1} lowers priority from P{rank} to P{wider}.", "matrix.not-monotone"));
                }

                if (u > 0 && ranks[i][u - 1] is var sooner && sooner >= 1 && sooner <= priorityLevels && sooner > rank)
                {
                    errors.Add(Failure.Field(Cell(i, u), $"Not monotone: raising urgency from U{u + 1} to U{u} at impact I{i + 1} lowers priority from P{rank} to P{sooner}.", "matrix.not-monotone"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Result<PriorityMatrix>.Invalid(errors);
        }

        return new PriorityMatrix(name, ranks.Length, columns, priorityLevels, ranks.SelectMany(row => row).ToImmutableArray());
    }

    /// <summary>True when <paramref name="impact"/> and <paramref name="urgency"/> are levels of this matrix.</summary>
    public bool Covers(Impact impact, Urgency urgency) =>
        impact.Level >= 1 && impact.Level <= ImpactLevels && urgency.Level >= 1 && urgency.Level <= UrgencyLevels;

    /// <summary>The priority for <paramref name="impact"/> and <paramref name="urgency"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A level is outside the matrix; check with <see cref="Covers"/>.</exception>
    public Priority PriorityFor(Impact impact, Urgency urgency)
    {
        Preconditions.CheckArgumentRange(impact.Level, 1, ImpactLevels, nameof(impact));
        Preconditions.CheckArgumentRange(urgency.Level, 1, UrgencyLevels, nameof(urgency));
        return Priority.FromRank(ranks[((impact.Level - 1) * UrgencyLevels) + urgency.Level - 1]);
    }

    /// <summary>Returns the name and dimensions, such as <c>ITIL 3x3 (3 impact x 3 urgency -> P1..P5)</c>.</summary>
    public override string ToString() => $"{Name} ({ImpactLevels} impact x {UrgencyLevels} urgency -> P1..P{PriorityLevels})";

    private static string Cell(int impactIndex, int urgencyIndex) => $"(I{impactIndex + 1}, U{urgencyIndex + 1})";
}
