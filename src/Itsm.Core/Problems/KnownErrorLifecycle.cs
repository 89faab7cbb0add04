using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>Where a known error record is in its life.</summary>
/// <remarks>Draft -> Published -> Fixed; any of them -> Retired. <c>default</c> is <see cref="Draft"/>. See <see cref="KnownErrorLifecycle.Table"/>.</remarks>
public enum KnownErrorStatus
{
    /// <summary>Being written; not offered to matching.</summary>
    Draft = 0,

    /// <summary>Offered to matching from its publication until it is valid no longer.</summary>
    Published = 1,

    /// <summary>The cause was removed; kept for the record, no longer offered to matching.</summary>
    Fixed = 2,

    /// <summary>Final: withdrawn from the known-error database.</summary>
    Retired = 3,
}

/// <summary>The transitions of a known error record.</summary>
/// <remarks><c>default</c> is <see cref="Revise"/>.</remarks>
public enum KnownErrorTransition
{
    /// <summary>Revise the symptom, root cause or workaround (<see cref="KnownError.Revise"/>, <see cref="KnownErrorRevised"/>).</summary>
    Revise = 0,

    /// <summary>Publish (<see cref="KnownError.Publish"/>, <see cref="KnownErrorPublished"/>).</summary>
    Publish = 1,

    /// <summary>Mark fixed (<see cref="KnownError.MarkFixed"/>, <see cref="KnownErrorFixed"/>).</summary>
    MarkFixed = 2,

    /// <summary>Retire (<see cref="KnownError.Retire"/>, <see cref="KnownErrorRetired"/>).</summary>
    Retire = 3,
}

/// <summary>Something that happened to a known error record.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
public abstract record KnownErrorEvent(Instant At, UserId By);

/// <summary>The record was written as a draft.</summary>
public sealed record KnownErrorRecorded(Instant At, UserId By) : KnownErrorEvent(At, By);

/// <summary>The symptom, root cause or workaround was revised; each member is the new text.</summary>
public sealed record KnownErrorRevised(Instant At, UserId By, string Symptom, string? RootCause, string? Workaround) : KnownErrorEvent(At, By);

/// <summary>The record was published, valid until <paramref name="ValidUntil"/> (null: open-ended).</summary>
public sealed record KnownErrorPublished(Instant At, UserId By, Instant? ValidUntil) : KnownErrorEvent(At, By);

/// <summary>The cause was removed.</summary>
public sealed record KnownErrorFixed(Instant At, UserId By) : KnownErrorEvent(At, By);

/// <summary>The record was withdrawn.</summary>
public sealed record KnownErrorRetired(Instant At, UserId By, string Reason) : KnownErrorEvent(At, By);

/// <summary>The known error lifecycle as one table: Draft -> Published -> Fixed, revise while Draft or Published, retire from any state but Retired.</summary>
/// <remarks>Stateless and thread-safe; the table is immutable.</remarks>
public static class KnownErrorLifecycle
{
    /// <summary>Error code of a stored known error whose history the lifecycle does not allow (<see cref="KnownError.Restore"/>).</summary>
    public const string HistoryCode = "known-error.history";

    /// <summary>The known error lifecycle: every row.</summary>
    public static TransitionTable<KnownErrorStatus, KnownErrorTransition> Table { get; } = new(
    [
        new(KnownErrorStatus.Draft, KnownErrorTransition.Revise, KnownErrorStatus.Draft),
        new(KnownErrorStatus.Published, KnownErrorTransition.Revise, KnownErrorStatus.Published),
        new(KnownErrorStatus.Draft, KnownErrorTransition.Publish, KnownErrorStatus.Published),
        new(KnownErrorStatus.Published, KnownErrorTransition.MarkFixed, KnownErrorStatus.Fixed),
        new(KnownErrorStatus.Draft, KnownErrorTransition.Retire, KnownErrorStatus.Retired),
        new(KnownErrorStatus.Published, KnownErrorTransition.Retire, KnownErrorStatus.Retired),
        new(KnownErrorStatus.Fixed, KnownErrorTransition.Retire, KnownErrorStatus.Retired),
    ]);

    /// <summary>The transition <paramref name="e"/> records, or null for the recording (which starts in Draft).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static KnownErrorTransition? TransitionOf(KnownErrorEvent e) => Preconditions.CheckNotNull(e) switch
    {
        KnownErrorRevised => KnownErrorTransition.Revise,
        KnownErrorPublished => KnownErrorTransition.Publish,
        KnownErrorFixed => KnownErrorTransition.MarkFixed,
        KnownErrorRetired => KnownErrorTransition.Retire,
        _ => null,
    };
}
