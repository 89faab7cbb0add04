using Itsm.Core.Common;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// Port: the append-only audit log. Adapters store audit records durably, per tenant.
/// </summary>
/// <remarks>
/// <para><b>Append-only:</b> there is no member to update or delete a record; adapters must not offer one.</para>
/// <para><b>Tenancy:</b> <see cref="ListAsync"/> returns only the given tenant's records.</para>
/// <para><b>Transactions:</b> an append inside a unit of work becomes visible only when it commits, and
/// vanishes when it rolls back.</para>
/// <para><b>Ordering:</b> sequence numbers are strictly increasing per tenant; lists come back in sequence order.</para>
/// </remarks>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="entry"/> and returns the stored record with its sequence number.</summary>
    Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Returns the tenant's records with a sequence number greater than <paramref name="afterSequence"/>, oldest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ListAsync(TenantId tenant, long afterSequence, int take, CancellationToken cancellationToken);
}
