using NodaTime;

namespace Itsm.Core.Common;

/// <summary>
/// Who and when stand for in the one creation event synthesized for a record stored before its process kept
/// history (a configuration item, an SLA definition or a calendar written by an older store): restoring such a
/// record gives it a history of that one event, holding the state as found, by <see cref="Actor"/> at
/// <see cref="At"/>; every change after it is recorded as usual.
/// </summary>
/// <remarks>Static and thread-safe.</remarks>
public static class UnrecordedHistory
{
    /// <summary>The actor of a synthesized creation event: <c>(unrecorded)</c>, which names nobody.</summary>
    public static UserId Actor { get; } = UserId.From("(unrecorded)");

    /// <summary>The instant of a synthesized creation event: <see cref="Instant.MinValue"/>, before anything recorded.</summary>
    public static Instant At => Instant.MinValue;

    /// <summary>True when <paramref name="by"/> and <paramref name="at"/> are those of a synthesized creation event.</summary>
    public static bool IsSynthesized(UserId by, Instant at) => by == Actor && at == At;
}
