using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Common;

namespace Itsm.Core.Application.InMemory;

/// <summary>The in-memory <see cref="IAuditLog"/>: append-only, per tenant, transactional with the scope's unit of work.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private const string TableName = "audit";
    private readonly InMemoryUnitOfWork unitOfWork;

    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    public InMemoryAuditLog(InMemoryUnitOfWork unitOfWork) => this.unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));

    /// <inheritdoc />
    public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return unitOfWork.WriteAsync(
            state =>
            {
                var table = InMemoryStore.Table<int, ImmutableList<AuditRecord>>(state, TableName);
                var key = (entry.Context.Tenant, 0);
                var records = table.GetValueOrDefault(key, []);
                var record = new AuditRecord(records.Count + 1, entry.Context.Tenant, entry.Context.Actor, entry.At, entry.Command, entry.Outcome, entry.Context.Correlation, entry.Details);
                return (state.SetItem(TableName, table.SetItem(key, records.Add(record))), record);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> ListAsync(TenantId tenant, long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var table = InMemoryStore.Table<int, ImmutableList<AuditRecord>>(unitOfWork.ReadState(), TableName);
        var records = table.GetValueOrDefault((tenant, 0), []);
        IReadOnlyList<AuditRecord> page = records.Where(r => r.Sequence > afterSequence).Take(take).ToList();
        return Task.FromResult(page);
    }
}
