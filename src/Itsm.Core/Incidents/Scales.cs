using Itsm.Core.Common;

namespace Itsm.Core.Incidents;

/// <summary>
/// The breadth of an incident's business effect, as a level on an ordinal scale where 1 is the
/// widest (ITIL: 1 high, 2 medium, 3 low). How many levels exist is the priority matrix's business.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default</c> has level 0, which no matrix accepts.</remarks>
public readonly record struct Impact : IComparable<Impact>
{
    private Impact(int level) => Level = level;

    /// <summary>The level: 1 is the widest impact.</summary>
    public int Level { get; }

    /// <summary>Creates an impact at <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is below 1 or above 100.</exception>
    public static Impact FromLevel(int level)
    {
        Preconditions.CheckArgumentRange(level, 1, 100);
        return new Impact(level);
    }

    /// <summary>Compares by level; a lower level is a wider impact.</summary>
    public int CompareTo(Impact other) => Level.CompareTo(other.Level);

    /// <summary>Returns <c>I</c> and the level, such as <c>I1</c>.</summary>
    public override string ToString() => $"I{Level}";
}

/// <summary>
/// How soon the business needs an incident resolved, as a level on an ordinal scale where 1 is
/// the most urgent (ITIL: 1 high, 2 medium, 3 low).
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default</c> has level 0, which no matrix accepts.</remarks>
public readonly record struct Urgency : IComparable<Urgency>
{
    private Urgency(int level) => Level = level;

    /// <summary>The level: 1 is the most urgent.</summary>
    public int Level { get; }

    /// <summary>Creates an urgency at <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is below 1 or above 100.</exception>
    public static Urgency FromLevel(int level)
    {
        Preconditions.CheckArgumentRange(level, 1, 100);
        return new Urgency(level);
    }

    /// <summary>One step more urgent, never beyond level 1.</summary>
    public Urgency Raised() => new(Math.Max(1, Level - 1));

    /// <summary>Compares by level; a lower level is more urgent.</summary>
    public int CompareTo(Urgency other) => Level.CompareTo(other.Level);

    /// <summary>Returns <c>U</c> and the level, such as <c>U2</c>.</summary>
    public override string ToString() => $"U{Level}";
}

/// <summary>
/// The order in which incidents are worked, as a rank where 1 is the highest priority (P1).
/// The rank is also the key of an SLA definition's targets.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default</c> has rank 0, which no matrix produces.</remarks>
public readonly record struct Priority : IComparable<Priority>
{
    private Priority(int rank) => Rank = rank;

    /// <summary>The rank: 1 is the highest priority.</summary>
    public int Rank { get; }

    /// <summary>Creates a priority of <paramref name="rank"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is below 1 or above 100.</exception>
    public static Priority FromRank(int rank)
    {
        Preconditions.CheckArgumentRange(rank, 1, 100);
        return new Priority(rank);
    }

    /// <summary>True when this priority is strictly higher (a smaller rank) than <paramref name="other"/>.</summary>
    public bool IsHigherThan(Priority other) => Rank < other.Rank;

    /// <summary>Compares by rank; a lower rank is a higher priority.</summary>
    public int CompareTo(Priority other) => Rank.CompareTo(other.Rank);

    /// <summary>Returns <c>P</c> and the rank, such as <c>P1</c>.</summary>
    public override string ToString() => $"P{Rank}";
}
