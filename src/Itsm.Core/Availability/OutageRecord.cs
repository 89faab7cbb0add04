using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>What an outage record says: which item was out, from when to when, planned or not, and why.</summary>
/// <param name="Item">The configuration item that was out.</param>
/// <param name="Start">The first instant it was out.</param>
/// <param name="End">The first instant it was back (exclusive), or null while the outage is ongoing.</param>
/// <param name="Kind">Planned work or a failure.</param>
/// <param name="Cause">The incident or change it is attributed to, or null when unknown.</param>
/// <remarks>Plain data: <see cref="OutageRecord.Record"/> and <see cref="OutageRecord.Correct"/> check it and answer Invalid instead of storing what does not fit.</remarks>
public sealed record OutageDetails(ConfigurationItemId Item, Instant Start, Instant? End, OutageKind Kind, OutageCause? Cause);

/// <summary>Something that happened to an outage record.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
public abstract record OutageEvent(Instant At, UserId By);

/// <summary>The outage was recorded with its details.</summary>
public sealed record OutageRecorded(Instant At, UserId By, OutageDetails Details) : OutageEvent(At, By);

/// <summary>The ongoing outage ended at <paramref name="End"/> (the first instant the item was back).</summary>
public sealed record OutageEnded(Instant At, UserId By, Instant End) : OutageEvent(At, By);

/// <summary>The outage's details were corrected (any of them, the item included), with the reason.</summary>
public sealed record OutageCorrected(Instant At, UserId By, OutageDetails Details, string Reason) : OutageEvent(At, By);

/// <summary>
/// The record of one configuration item out of service: recorded when it went out (or afterwards), ended when it came back,
/// corrected when something recorded was wrong, each step kept in <see cref="History"/>. <see cref="ToOutage"/> gives the value
/// <see cref="AvailabilityMeasure"/> sweeps.
/// </summary>
/// <remarks>
/// <para>
/// Every member but the identity is derived from <see cref="History"/>: one <see cref="OutageRecorded"/>, then any number of
/// <see cref="OutageEnded"/> (only while ongoing) and <see cref="OutageCorrected"/>, never back in time
/// (<c>availability.outage.time-order</c>). A correction replaces the whole details, so the record answers what is known now and
/// the history what was believed when.
/// </para>
/// <para>
/// Instants lie within the calendars' supported range (<see cref="BusinessCalendar.MinSupportedInstant"/> to
/// <see cref="BusinessCalendar.MaxSupportedInstant"/>); an end is after the start (intervals are half-open).
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed class OutageRecord
{
    /// <summary>Error code of a stored outage record whose history does not replay (<see cref="Restore"/>).</summary>
    public const string HistoryCode = "availability.outage.history";

    /// <summary>Error code of a step dated before the record's latest one.</summary>
    public const string TimeOrderCode = "availability.outage.time-order";

    /// <summary>Error code of ending an outage that has already ended.</summary>
    public const string EndedCode = "availability.outage.ended";

    /// <summary>Error code of an unassigned identifier, item or actor.</summary>
    public const string IdentifierCode = "availability.outage.identifier";

    /// <summary>Error code of a start or end outside the supported range.</summary>
    public const string RangeCode = "availability.outage.range";

    /// <summary>Error code of a correction without a reason.</summary>
    public const string ReasonCode = "availability.outage.reason";

    /// <summary>Error code of a correction that changes nothing.</summary>
    public const string UnchangedCode = "availability.outage.unchanged";

    private OutageRecord(OutageId id, OutageRecorded recorded)
    {
        Id = id;
        Details = recorded.Details;
        RecordedAt = recorded.At;
        History = [recorded];
    }

    /// <summary>The record's identifier.</summary>
    public OutageId Id { get; }

    /// <summary>What the record says now.</summary>
    public OutageDetails Details { get; private set; }

    /// <summary>The configuration item that was out.</summary>
    public ConfigurationItemId Item => Details.Item;

    /// <summary>The first instant it was out.</summary>
    public Instant Start => Details.Start;

    /// <summary>The first instant it was back, or null while ongoing.</summary>
    public Instant? End => Details.End;

    /// <summary>Planned work or a failure.</summary>
    public OutageKind Kind => Details.Kind;

    /// <summary>The incident or change it is attributed to, or null.</summary>
    public OutageCause? Cause => Details.Cause;

    /// <summary>True while the outage has no end.</summary>
    public bool IsOngoing => Details.End is null;

    /// <summary>When it was first recorded.</summary>
    public Instant RecordedAt { get; }

    /// <summary>Everything that happened, oldest first, from <see cref="OutageRecorded"/> on.</summary>
    public ImmutableList<OutageEvent> History { get; private set; }

    /// <summary>
    /// Records an outage. Invalid for an unassigned id, item or actor (<c>availability.outage.identifier</c>), an end not after the
    /// start (<c>availability.outage.interval</c>), an undefined kind (<c>availability.outage.kind</c>), or an instant outside the
    /// supported range (<c>availability.outage.range</c>).
    /// </summary>
    /// <param name="id">Its identifier.</param>
    /// <param name="details">Item, start, end (null while ongoing), kind and cause.</param>
    /// <param name="by">Who records it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    public static Result<OutageRecord> Record(OutageId id, OutageDetails details, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(details);
        var wrong = id.Value == Guid.Empty || by.Value is null
            ? Result.Invalid(Failure.Field(string.Empty, "The outage id and the acting user must be assigned.", IdentifierCode))
            : Check(details);
        return wrong.IsSuccess ? new OutageRecord(id, new OutageRecorded(at, by, details)) : wrong.AsFailure<OutageRecord>();
    }

    /// <summary>
    /// Ends the ongoing outage at <paramref name="end"/>. Conflict when it has already ended (<c>availability.outage.ended</c>:
    /// correct it instead) or <paramref name="at"/> is before the latest record (<c>availability.outage.time-order</c>); Invalid
    /// when the end is not after the start or out of range, or the actor is unassigned.
    /// </summary>
    /// <param name="end">The first instant the item was back.</param>
    /// <param name="by">Who records the end.</param>
    /// <param name="at">When.</param>
    public Result RecordEnd(Instant end, UserId by, Instant at)
    {
        if (Details.End is { } ended)
        {
            return Failure.Conflict($"Outage {Id} of '{Item}' already ended at {ended}; correct it (CorrectOutage) to change the end.", EndedCode);
        }

        var wrong = Checked(Details with { End = end }, by, at);
        if (!wrong.IsSuccess)
        {
            return wrong;
        }

        Apply(new OutageEnded(at, by, end));
        return Result.Success();
    }

    /// <summary>
    /// Replaces the details with <paramref name="details"/>, saying why. Invalid as for <see cref="Record"/>, for a blank reason
    /// (<c>availability.outage.reason</c>) or details equal to the current ones (<c>availability.outage.unchanged</c>); Conflict
    /// (<c>availability.outage.time-order</c>) before the latest record.
    /// </summary>
    /// <param name="details">The corrected details (an end may be removed: the outage is still going on).</param>
    /// <param name="reason">Why the record was wrong.</param>
    /// <param name="by">Who corrects it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    public Result Correct(OutageDetails details, string? reason, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(details);
        if (string.IsNullOrWhiteSpace(reason) || reason != reason.Trim() || reason.Any(char.IsControl))
        {
            return Failure.Invalid("Reason", $"Say why outage {Id} is corrected, in trimmed text without control characters.", ReasonCode);
        }

        if (details == Details)
        {
            return Failure.Invalid("Details", $"The correction of outage {Id} changes nothing; send the details that differ.", UnchangedCode);
        }

        var wrong = Checked(details, by, at);
        if (!wrong.IsSuccess)
        {
            return wrong;
        }

        Apply(new OutageCorrected(at, by, details, reason));
        return Result.Success();
    }

    /// <summary>The value the availability measure sweeps.</summary>
    public Outage ToOutage() => Outage.Create(Item, Start, End, Kind).Value;

    /// <summary>The stored form.</summary>
    public OutageSnapshot ToSnapshot() => new(Id, RecordedAt, History);

    /// <summary>
    /// Restores a record from its stored form by replaying each history record through <see cref="Record"/>,
    /// <see cref="RecordEnd"/> and <see cref="Correct"/>: Invalid (<c>availability.outage.history</c>) naming the first record
    /// they refuse, when the history is empty or does not start with the recording at <see cref="OutageSnapshot.RecordedAt"/>.
    /// Linear in its length.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<OutageRecord> Restore(OutageSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var history = snapshot.History ?? [];
        return HistoryReplay.Apply<OutageRecord, OutageEvent>(history, $"Stored outage {snapshot.Id}", HistoryCode, Describe, (i, e, replayed) => (i, e, replayed) switch
        {
            (0, OutageRecorded r, _) when r.At == snapshot.RecordedAt && r.Details is not null => Record(snapshot.Id, r.Details, r.By, r.At),
            (0, _, _) => Failure.Invalid("History", $"record 0 must be the recording at {snapshot.RecordedAt}", HistoryCode).AsFailure<OutageRecord>(),
            (_, OutageEnded x, { } o) => o.RecordEnd(x.End, x.By, x.At) is { IsSuccess: false } refused ? refused.AsFailure<OutageRecord>() : o,
            (_, OutageCorrected c, { } o) when c.Details is not null => o.Correct(c.Details, c.Reason, c.By, c.At) is { IsSuccess: false } refused ? refused.AsFailure<OutageRecord>() : o,
            _ => Failure.Invalid("History", "only an end or a correction may follow the recording", HistoryCode).AsFailure<OutageRecord>(),
        });
    }

    /// <summary>Returns, for example, <c>0190... san-01 planned [2026-03-07T22:00:00Z, 2026-03-08T02:00:00Z)</c>.</summary>
    public override string ToString() => $"{Id} {Item} {(Kind == OutageKind.Planned ? "planned" : "unplanned")} [{Start}, {(End is { } e ? e.ToString() : "ongoing")})";

    private static string Describe(OutageEvent? e) => e is null ? "missing" : $"{e.GetType().Name} by {e.By} at {e.At}";

    private static Result Check(OutageDetails details)
    {
        if (details.Item.Value is null)
        {
            return Failure.Invalid("Item", "The configuration item that was out must be assigned.", IdentifierCode);
        }

        var outage = Outage.Create(details.Item, details.Start, details.End, details.Kind);
        if (!outage.IsSuccess)
        {
            return Result.Invalid(outage.ValidationErrors);
        }

        return InRange(details.Start) && (details.End is not { } end || InRange(end))
            ? Result.Success()
            : Failure.Invalid(details.End is { } e && !InRange(e) ? "End" : "Start", $"The outage of '{details.Item}' must lie within {BusinessCalendar.MinSupportedInstant} to {BusinessCalendar.MaxSupportedInstant}.", RangeCode);
    }

    private static bool InRange(Instant instant) => instant >= BusinessCalendar.MinSupportedInstant && instant <= BusinessCalendar.MaxSupportedInstant;

    private Result Checked(OutageDetails details, UserId by, Instant at) =>
        by.Value is null ? Failure.Invalid("By", "The acting user must be assigned.", IdentifierCode)
        : Check(details) is { IsSuccess: false } refused ? refused
        : at < History[^1].At ? Failure.Conflict($"Cannot change outage {Id} at {at}: its last record was at {History[^1].At}, and history does not run backwards.", TimeOrderCode)
        : Result.Success();

    private void Apply(OutageEvent e)
    {
        Details = e switch
        {
            OutageEnded ended => Details with { End = ended.End },
            OutageCorrected corrected => corrected.Details,
            _ => Details,
        };
        History = History.Add(e);
    }
}

/// <summary>An outage record's stored form: its identity and its history; every other member is its history replayed.</summary>
/// <param name="Id">The record's identifier.</param>
/// <param name="RecordedAt">When it was first recorded.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record OutageSnapshot(OutageId Id, Instant RecordedAt, ImmutableList<OutageEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
