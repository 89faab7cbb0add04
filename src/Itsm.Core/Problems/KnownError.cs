using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Problems;

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
public sealed partial class KnownError
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

    private Result Require(KnownErrorTransition via, string action, Instant at) =>
        KnownErrorLifecycle.Table.Require(Status, via, action, $"known error {Id}", History[^1].At, at, IllegalTransitionCode, TimeOrderCode);

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
