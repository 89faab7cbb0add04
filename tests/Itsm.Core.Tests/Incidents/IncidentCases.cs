using Itsm.Core.Incidents;

namespace Itsm.Core.Tests.Incidents;

/// <summary>One step of a random incident script: an operation, minutes to wait before it, and a level it may use.</summary>
public readonly record struct IncidentStep(int Op, int Minutes, int Level)
{
    public override string ToString() => $"op{Op}+{Minutes}m/L{Level}";
}

/// <summary>An incident opened <see cref="StartDays"/> after a Monday morning, then driven by <see cref="Steps"/>.</summary>
public sealed record IncidentScript(int Impact, int Urgency, int StartDays, IncidentStep[] Steps)
{
    public override string ToString() => $"I{Impact} U{Urgency} start=+{StartDays}d steps=[{string.Join(", ", Steps)}]";
}

/// <summary>Any small matrix of ranks (possibly with holes, out-of-range ranks or inversions) and a number of priority levels.</summary>
public sealed record PriorityMatrixCandidate(int Levels, int[][] Ranks)
{
    public override string ToString() => $"levels {Levels}: {PriorityMatrixFormat.Of(Ranks)}";
}

/// <summary>A matrix of ranks built monotone: each cell is its upper and left neighbours' maximum, plus a step.</summary>
public sealed record MonotonePriorityMatrix(int[][] Ranks)
{
    public override string ToString() => PriorityMatrixFormat.Of(Ranks);
}

/// <summary>A matrix cell, the facts of an incident, and generated rules to put between the standard ones.</summary>
public sealed record PriorityRulesCase(int Impact, int Urgency, IncidentFacts Facts, PriorityRule[] Rules)
{
    public override string ToString() =>
        $"I{Impact} U{Urgency} vip={Facts.IsVipCaller} major={Facts.IsMajorIncident} rules=[{string.Join(", ", Rules.Select(r => $"{r.Name}{(r.MayLower ? " may lower" : string.Empty)}"))}]";
}

internal static class PriorityMatrixFormat
{
    public static string Of(int[][] ranks) => $"[{string.Join("; ", ranks.Select(row => string.Join(" ", row)))}]";
}
