using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// Evidence that a command was accepted: who did what, when, under which correlation, with which
/// outcome, what it created and which stored versions it moved. ISO/IEC 20000 auditors ask for
/// exactly this. Each record is chained to the one before it (see <see cref="AuditChain"/>), so an
/// altered, removed, reordered or forged record is found by <see cref="VerifyAuditLog"/>.
/// </summary>
/// <remarks>Immutable. Audit records are only ever appended; no port updates or deletes them.</remarks>
/// <param name="Sequence">Position in the tenant's audit log, assigned by the log: 1, 2, 3, ... without gaps.</param>
/// <param name="Tenant">The tenant the command acted in.</param>
/// <param name="Actor">The user who issued the command.</param>
/// <param name="OccurredAt">When the command says it happened: the injected <see cref="ItsmCoreOptions.Clock"/>, which a simulation or a host's <c>--at</c> may set.</param>
/// <param name="RecordedAt">When the log recorded it: <see cref="ItsmCoreOptions.RecordingClock"/>, never earlier than the record before, so sequence order follows it.</param>
/// <param name="Command">The command's name, such as <c>OpenIncident</c>.</param>
/// <param name="Outcome">The command's outcome (always <see cref="ResultStatus.Ok"/> today: rejected commands change nothing and leave no record).</param>
/// <param name="Correlation">The correlation of the host request.</param>
/// <param name="Details">The command's fields as canonical JSON (keys in ordinal order, no white space, the request context left out as it is recorded beside).</param>
/// <param name="Created">The identifiers of the records the command created, such as the id of an opened incident.</param>
/// <param name="Writes">The stored records the command wrote, each with its version before (0 for a new record) and after.</param>
/// <param name="PreviousHash">The <paramref name="Hash"/> of the record before in the tenant's log (<see cref="AuditChain.Genesis"/> for the first).</param>
/// <param name="Hash">SHA-256 (or HMAC-SHA-256 with the chain key) over this record's canonical content and <paramref name="PreviousHash"/>, as lower-case hex.</param>
public sealed record AuditRecord(
    long Sequence,
    TenantId Tenant,
    UserId Actor,
    Instant OccurredAt,
    Instant RecordedAt,
    string Command,
    ResultStatus Outcome,
    CorrelationId Correlation,
    string Details,
    ImmutableArray<string> Created,
    ImmutableArray<AuditedWrite> Writes,
    string PreviousHash,
    string Hash)
{
    /// <summary>A readable line: sequence, times, actor, command, created ids and writes (never type names).</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"#{Sequence} {Tenant} {Actor} {Command} occurred {OccurredAt} recorded {RecordedAt} {Outcome}" +
        (Created.IsDefaultOrEmpty ? string.Empty : $" created [{string.Join(", ", Created)}]") +
        (Writes.IsDefaultOrEmpty ? string.Empty : $" wrote [{string.Join(", ", Writes)}]") +
        $" {Details}";
}

/// <summary>One stored record a command wrote, with its optimistic-concurrency versions.</summary>
/// <param name="Aggregate">The kind of record, such as <c>Incident</c> or <c>ChangeRequest</c>.</param>
/// <param name="Id">Its key.</param>
/// <param name="VersionBefore">The version it had before: 0 when the command created it.</param>
/// <param name="VersionAfter">The version it has now.</param>
public sealed record AuditedWrite(string Aggregate, string Id, long VersionBefore, long VersionAfter)
{
    /// <summary>As <c>Incident 0197... v1->v2</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Aggregate} {Id} v{VersionBefore}->v{VersionAfter}";
}

/// <summary>An audit record not yet appended: everything but its sequence, recording instant and hashes.</summary>
/// <param name="Context">Who, for which tenant and correlation.</param>
/// <param name="OccurredAt">When the command says it happened.</param>
/// <param name="Command">The command's name.</param>
/// <param name="Outcome">The command's outcome.</param>
/// <param name="Details">The command's fields as canonical JSON.</param>
/// <param name="Created">The identifiers of the records the command created.</param>
/// <param name="Writes">The stored records the command wrote.</param>
public sealed record AuditEntry(
    RequestContext Context,
    Instant OccurredAt,
    string Command,
    ResultStatus Outcome,
    string Details,
    ImmutableArray<string> Created,
    ImmutableArray<AuditedWrite> Writes)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
