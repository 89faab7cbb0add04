using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>The two rules every change window follows: bounded and non-empty, and half-open overlap.</summary>
internal static class Windows
{
    /// <summary>True when <paramref name="window"/> has a start and an end and the start is before the end.</summary>
    internal static bool IsBoundedAndNonEmpty(Interval window) => window.HasStart && window.HasEnd && window.Start < window.End;

    /// <summary>True when two bounded half-open windows share an instant (touching ends do not overlap).</summary>
    internal static bool Overlap(Interval a, Interval b) => a.Start < b.End && b.Start < a.End;
}
