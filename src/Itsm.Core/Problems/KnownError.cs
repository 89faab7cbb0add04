using System.Collections.Immutable;
using System.Globalization;
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

/// <summary>
/// A known error record, an entry of the known-error database: a symptom users see, its root cause (when known), its
/// workaround, the items and services it affects, an error code, and when it applies (published from, valid until).
/// It may come from a problem (<see cref="Problem.PublishKnownError"/>) or be recorded on its own (a supplier's defect),
/// and it outlives the problem: it can exist before the problem is solved and after it.
/// </summary>
/// <remarks>
/// Lifecycle in <see cref="KnownErrorLifecycle.Table"/>; the same convention as every aggregate (inputs, user, instant;
/// state, then time, then input; one event per transition, <c>known-error.illegal-transition</c> and
/// <c>known-error.time-order</c>). Only a published record inside its validity applies to new incidents
/// (<see cref="AppliesAt"/>). Not thread-safe.
/// </remarks>
public sealed class KnownError
{
    /// <summary>Error code of an action the current status does not allow.</summary>
    public const string IllegalTransitionCode = "known-error.illegal-transition";

    /// <summary>Error code of an action at an instant before the record's latest event.</summary>
    public const string TimeOrderCode = "known-error.time-order";

    private KnownError(KnownErrorSnapshot s)
    {
        Id = s.Id;
        Problem = s.Problem;
        Symptom = s.Symptom;
        RootCause = s.RootCause;
        Workaround = s.Workaround;
        Items = s.Items;
        Services = s.Services;
        Category = s.Category;
        ErrorCode = s.ErrorCode;
        PublishedFrom = s.PublishedFrom;
        ValidUntil = s.ValidUntil;
        Status = s.Status;
        History = s.History;
    }

    /// <summary>The record's identifier.</summary>
    public KnownErrorId Id { get; }

    /// <summary>The problem it came from, or null (a supplier's defect recorded on its own).</summary>
    public ProblemId? Problem { get; }

    /// <summary>What users see.</summary>
    public string Symptom { get; private set; }

    /// <summary>The root cause, when known.</summary>
    public string? RootCause { get; private set; }

    /// <summary>How users get service back while the cause stays, when known.</summary>
    public string? Workaround { get; private set; }

    /// <summary>The configuration items it affects, distinct and ordered.</summary>
    public ImmutableArray<ConfigurationItemId> Items { get; }

    /// <summary>The business services it affects, distinct and ordered.</summary>
    public ImmutableArray<ConfigurationItemId> Services { get; }

    /// <summary>The category of the incidents it explains, or null.</summary>
    public string? Category { get; }

    /// <summary>An error code users or logs show (such as <c>ORA-01555</c>), or null.</summary>
    public string? ErrorCode { get; }

    /// <summary>When it was published, or null while a draft.</summary>
    public Instant? PublishedFrom { get; private set; }

    /// <summary>When it stops applying, or null for open-ended.</summary>
    public Instant? ValidUntil { get; private set; }

    /// <summary>Where the record is in its life.</summary>
    public KnownErrorStatus Status { get; private set; }

    /// <summary>Everything that happened to it, oldest first.</summary>
    public ImmutableList<KnownErrorEvent> History { get; private set; }

    /// <summary>True when it is published and <paramref name="at"/> lies in [published from, valid until).</summary>
    public bool AppliesAt(Instant at) => Status == KnownErrorStatus.Published && PublishedFrom <= at && (ValidUntil is null || at < ValidUntil);

    /// <summary>Records a known error as a draft.</summary>
    /// <param name="id">Its identifier.</param>
    /// <param name="symptom">What users see; required.</param>
    /// <param name="rootCause">The root cause, or null.</param>
    /// <param name="workaround">The workaround, or null.</param>
    /// <param name="items">The affected items.</param>
    /// <param name="services">The affected services.</param>
    /// <param name="category">The category, or null.</param>
    /// <param name="errorCode">An error code users see, or null.</param>
    /// <param name="problem">The problem it came from, or null.</param>
    /// <param name="by">Who records it.</param>
    /// <param name="at">When.</param>
    /// <returns>The draft, or Invalid naming each bad field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="services"/> is null.</exception>
    public static Result<KnownError> Record(
        KnownErrorId id,
        string? symptom,
        string? rootCause,
        string? workaround,
        IEnumerable<ConfigurationItemId> items,
        IEnumerable<ConfigurationItemId> services,
        string? category,
        string? errorCode,
        ProblemId? problem,
        UserId by,
        Instant at)
    {
        Preconditions.CheckNotNull(items);
        Preconditions.CheckNotNull(services);
        var itemList = items.ToList();
        var serviceList = services.ToList();
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(symptom))
        {
            errors.Add(Failure.Field("Symptom", "A known error needs the symptom users see.", "known-error.symptom"));
        }

        if (id.Value == Guid.Empty || by.Value is null || problem is { Value: var p } && p == Guid.Empty || itemList.Concat(serviceList).Any(i => i.Value is null))
        {
            errors.Add(Failure.Field(string.Empty, "The known error id, its items and services, its problem and the recording user must be assigned identifiers.", "known-error.identifier"));
        }

        if ((rootCause is not null && string.IsNullOrWhiteSpace(rootCause)) || (workaround is not null && string.IsNullOrWhiteSpace(workaround))
            || (category is not null && string.IsNullOrWhiteSpace(category)) || (errorCode is not null && string.IsNullOrWhiteSpace(errorCode)))
        {
            errors.Add(Failure.Field(string.Empty, "A root cause, workaround, category or error code, when given, must not be blank.", "known-error.blank"));
        }

        if (errors.Count > 0)
        {
            return Result<KnownError>.Invalid(errors);
        }

        return new KnownError(new KnownErrorSnapshot(
            id, problem, symptom!.Trim(), rootCause?.Trim(), workaround?.Trim(), [.. itemList.Distinct().Order()], [.. serviceList.Distinct().Order()],
            category?.Trim(), errorCode?.Trim(), null, null, KnownErrorStatus.Draft, [new KnownErrorRecorded(at, by)]));
    }

    /// <summary>Revises the symptom, root cause and workaround (null keeps each); while Draft or Published.</summary>
    /// <param name="symptom">The new symptom, or null to keep it.</param>
    /// <param name="rootCause">The new root cause, or null to keep it.</param>
    /// <param name="workaround">The new workaround, or null to keep it.</param>
    /// <param name="by">Who revises it.</param>
    /// <param name="at">When.</param>
    public Result Revise(string? symptom, string? rootCause, string? workaround, UserId by, Instant at)
    {
        var check = Require(KnownErrorTransition.Revise, "revise", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if ((symptom is null && rootCause is null && workaround is null) || (symptom ?? "x").Trim().Length == 0 || (rootCause ?? "x").Trim().Length == 0 || (workaround ?? "x").Trim().Length == 0)
        {
            return Failure.Invalid(string.Empty, "Give at least one of symptom, root cause and workaround, and none blank.", "known-error.blank");
        }

        return Append(new KnownErrorRevised(at, by, symptom?.Trim() ?? Symptom, rootCause?.Trim() ?? RootCause, workaround?.Trim() ?? Workaround));
    }

    /// <summary>Publishes a draft from <paramref name="at"/>, valid until <paramref name="validUntil"/> (null: open-ended; otherwise after <paramref name="at"/>).</summary>
    /// <param name="validUntil">When it stops applying, or null.</param>
    /// <param name="by">Who publishes it.</param>
    /// <param name="at">When.</param>
    public Result Publish(Instant? validUntil, UserId by, Instant at)
    {
        var check = Require(KnownErrorTransition.Publish, "publish", at);
        return !check.IsSuccess
            ? check
            : validUntil <= at
                ? Failure.Invalid("ValidUntil", $"A known error published at {at} must be valid until a later instant, not {validUntil}.", "known-error.validity")
                : Append(new KnownErrorPublished(at, by, validUntil));
    }

    /// <summary>Marks a published record fixed: the cause was removed.</summary>
    /// <param name="by">Who marks it.</param>
    /// <param name="at">When.</param>
    public Result MarkFixed(UserId by, Instant at) =>
        Require(KnownErrorTransition.MarkFixed, "mark fixed", at) is { IsSuccess: false } refused ? refused : Append(new KnownErrorFixed(at, by));

    /// <summary>Retires the record, with a reason.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who retires it.</param>
    /// <param name="at">When.</param>
    public Result Retire(string? reason, UserId by, Instant at)
    {
        var check = Require(KnownErrorTransition.Retire, "retire", at);
        return !check.IsSuccess
            ? check
            : string.IsNullOrWhiteSpace(reason)
                ? Failure.Invalid("Reason", "Say why the known error is retired.", "known-error.retire-reason")
                : Append(new KnownErrorRetired(at, by, reason.Trim()));
    }

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

        var status = KnownErrorStatus.Draft;
        (string? Symptom, string? RootCause, string? Workaround, Instant? From, Instant? Until) replay = (null, null, null, null, null);
        for (var i = 1; i < s.History.Count; i++)
        {
            var e = s.History[i];
            var targets = e is null || KnownErrorLifecycle.TransitionOf(e) is not { } via ? [] : KnownErrorLifecycle.Table.TargetsOf(status, via);
            var wrong = e is null ? "is missing"
                : e.At < s.History[i - 1].At ? "is earlier than the record before it; history does not run backwards"
                : targets.IsEmpty ? $"is not allowed while the record is {status}"
                : e is KnownErrorRevised { Symptom: var symptom } && string.IsNullOrWhiteSpace(symptom) ? "revises the symptom to a blank one"
                : e is KnownErrorPublished published && published.ValidUntil <= published.At ? "is valid until an instant no later than its publication"
                : null;
            if (wrong is not null)
            {
                return $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} ({e?.GetType().Name ?? "null"}) {wrong}.";
            }

            status = targets[0];
            replay = e switch
            {
                KnownErrorRevised r => (r.Symptom, r.RootCause, r.Workaround, replay.From, replay.Until),
                KnownErrorPublished p => (replay.Symptom, replay.RootCause, replay.Workaround, p.At, p.ValidUntil),
                _ => replay,
            };
        }

        var revised = s.History.OfType<KnownErrorRevised>().Any();
        return status != s.Status
            ? $"{name} is {s.Status}, but its history leaves it {status}."
            : replay.From != s.PublishedFrom || replay.Until != s.ValidUntil
                ? $"{name} says it was published from {s.PublishedFrom} until {s.ValidUntil}, but its history gives {replay.From} until {replay.Until}."
                : revised && (replay.Symptom != s.Symptom || replay.RootCause != s.RootCause || replay.Workaround != s.Workaround)
                    ? $"{name} disagrees with its last revision about the symptom, root cause or workaround."
                    : null;
    }

    private Result Require(KnownErrorTransition via, string action, Instant at)
    {
        var table = KnownErrorLifecycle.Table;
        if (!table.Allows(Status, via))
        {
            return Failure.Conflict(
                $"Cannot {action} known error {Id} while it is {Status}; that is allowed only when it is {string.Join(" or ", table.StatesAllowing(via))}.",
                IllegalTransitionCode);
        }

        var last = History[^1].At;
        return at < last
            ? Failure.Conflict($"Cannot {action} known error {Id} at {at}: its last change was at {last}, and history does not run backwards.", TimeOrderCode)
            : Result.Success();
    }

    private Result Append(KnownErrorEvent e)
    {
        Status = KnownErrorLifecycle.Table.TargetsOf(Status, KnownErrorLifecycle.TransitionOf(e)!.Value)[0];
        switch (e)
        {
            case KnownErrorRevised r:
                (Symptom, RootCause, Workaround) = (r.Symptom, r.RootCause, r.Workaround);
                break;
            case KnownErrorPublished p:
                (PublishedFrom, ValidUntil) = (p.At, p.ValidUntil);
                break;
        }

        History = History.Add(e);
        return Result.Success();
    }
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
