using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// Evidence that a command was accepted: who did what, when, under which correlation, and with
/// which outcome. ISO/IEC 20000 auditors ask for exactly this.
/// </summary>
/// <remarks>Immutable. Audit records are only ever appended; no port updates or deletes them.</remarks>
/// <param name="Sequence">Position in the tenant's audit log, assigned by the log: strictly increasing, starting at 1.</param>
/// <param name="Tenant">The tenant the command acted in.</param>
/// <param name="Actor">The user who issued the command.</param>
/// <param name="At">When the command was accepted, from the injected clock.</param>
/// <param name="Command">The command's name, such as <c>OpenIncident</c>.</param>
/// <param name="Outcome">The command's outcome (always <see cref="ResultStatus.Ok"/> today: rejected commands change nothing and leave no record).</param>
/// <param name="Correlation">The correlation of the host request.</param>
/// <param name="Details">What the command said, as text: its arguments (the "what" of the record).</param>
public sealed record AuditRecord(
    long Sequence,
    TenantId Tenant,
    UserId Actor,
    Instant At,
    string Command,
    ResultStatus Outcome,
    CorrelationId Correlation,
    string Details);

/// <summary>An audit record not yet appended: everything but its sequence number.</summary>
/// <param name="Context">Who, for which tenant and correlation.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="Command">The command's name.</param>
/// <param name="Outcome">The command's outcome.</param>
/// <param name="Details">What the command said, as text.</param>
public sealed record AuditEntry(RequestContext Context, Instant At, string Command, ResultStatus Outcome, string Details);
