using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>A known error record's stored form and its restore, which replays the history through <see cref="KnownErrorLifecycle.Table"/>.</summary>
public sealed partial class KnownError
{
    private static readonly HistoryReplay<KnownErrorStatus, KnownErrorTransition, KnownErrorEvent> Replayer = new(KnownErrorLifecycle.Table, e => KnownErrorLifecycle.TransitionOf(e), e => e.At);

    /// <summary>The record's stored form.</summary>
    public KnownErrorSnapshot ToSnapshot() => new(Id, Problem, Symptom, RootCause, Workaround, Items, Services, Category, ErrorCode, PublishedFrom, ValidUntil, Status, History);

    /// <summary>
    /// Restores a record from its stored form, replaying its history through <see cref="KnownErrorLifecycle.Table"/>: it must
    /// start with the recording, never run backwards, make only allowed transitions, and end in the stored status with the
    /// stored symptom, root cause, workaround and validity.
    /// </summary>
    /// <returns>The record; or Invalid with code <c>known-error.history</c> naming it and the first record that does not fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<KnownError> Restore(KnownErrorSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var problem = Check(snapshot);
        return problem is null
            ? new KnownError(snapshot)
            : Result<KnownError>.Invalid(Failure.Field(nameof(KnownErrorSnapshot.History), problem, KnownErrorLifecycle.HistoryCode));
    }

    /// <summary>
    /// What is wrong with a stored record, or null: its history is replayed (<see cref="HistoryReplay{TState, TTransition, TEvent}"/>)
    /// into a draft with the stored texts, through the same <see cref="Append"/> that live transitions use, and the result must
    /// equal what was stored. The recording does not carry the first texts, so they are only checked when a revision set them.
    /// </summary>
    private static string? Check(KnownErrorSnapshot s)
    {
        var name = $"Stored known error {s.Id}";
        if (s.History is null || s.History.IsEmpty || s.History[0] is not KnownErrorRecorded)
        {
            return $"{name} must start its history with its recording.";
        }

        if (!Enum.IsDefined(s.Status) || string.IsNullOrWhiteSpace(s.Symptom) || s.Items.IsDefault || s.Services.IsDefault)
        {
            return $"{name} has an unknown status, a blank symptom or no item and service lists.";
        }

        var replayed = new KnownError(s with { PublishedFrom = null, ValidUntil = null, Status = KnownErrorStatus.Draft, History = [s.History[0]] });
        var wrong = Replayer.Run(name, "record", s.History, () => replayed.Status, Violation, (e, _) => replayed.Append(e), e => e?.GetType().Name ?? "null");
        var revised = s.History.OfType<KnownErrorRevised>().Any();
        return wrong
            ?? (replayed.Status != s.Status
                ? $"{name} is {s.Status}, but its history leaves it {replayed.Status}."
                : replayed.PublishedFrom != s.PublishedFrom || replayed.ValidUntil != s.ValidUntil
                    ? $"{name} says it was published from {s.PublishedFrom} until {s.ValidUntil}, but its history gives {replayed.PublishedFrom} until {replayed.ValidUntil}."
                    : revised && (replayed.Symptom != s.Symptom || replayed.RootCause != s.RootCause || replayed.Workaround != s.Workaround)
                        ? $"{name} disagrees with its last revision about the symptom, root cause or workaround."
                        : null);
    }

    /// <summary>What a stored record breaks of the known error's own rules beside the table, or null.</summary>
    private static string? Violation(KnownErrorEvent e) => e switch
    {
        KnownErrorRevised { Symptom: var symptom } when string.IsNullOrWhiteSpace(symptom) => "revises the symptom to a blank one",
        KnownErrorPublished published when published.ValidUntil <= published.At => "is valid until an instant no later than its publication",
        _ => null,
    };
}

/// <summary>A known error record's stored form. See <see cref="KnownError"/> for each member.</summary>
/// <param name="Id">The record's identifier.</param>
/// <param name="Problem">The problem it came from, or null.</param>
/// <param name="Symptom">What users see.</param>
/// <param name="RootCause">The root cause, or null.</param>
/// <param name="Workaround">The workaround, or null.</param>
/// <param name="Items">The affected items, distinct and ordered.</param>
/// <param name="Services">The affected services, distinct and ordered.</param>
/// <param name="Category">The category, or null.</param>
/// <param name="ErrorCode">An error code users see, or null.</param>
/// <param name="PublishedFrom">When it was published, or null.</param>
/// <param name="ValidUntil">When it stops applying, or null.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record KnownErrorSnapshot(
    KnownErrorId Id,
    ProblemId? Problem,
    string Symptom,
    string? RootCause,
    string? Workaround,
    ImmutableArray<ConfigurationItemId> Items,
    ImmutableArray<ConfigurationItemId> Services,
    string? Category,
    string? ErrorCode,
    Instant? PublishedFrom,
    Instant? ValidUntil,
    KnownErrorStatus Status,
    ImmutableList<KnownErrorEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
