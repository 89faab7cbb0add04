using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Common;

namespace Itsm.Core.Application.InMemory;

/// <summary>The in-memory <see cref="IAuditLog"/>: append-only, per tenant, hash-chained, transactional with the scope's unit of work.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private const string TableName = "audit";
    private readonly InMemoryUnitOfWork unitOfWork;
    private readonly AuditChain chain;

    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>, sealing records with <paramref name="chain"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InMemoryAuditLog(InMemoryUnitOfWork unitOfWork, AuditChain chain)
    {
        this.unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));
        this.chain = chain ?? throw new ArgumentNullException(nameof(chain));
    }

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
                var head = records.Count == 0 ? new AuditCheckpoint(0, AuditChain.Genesis) : new AuditCheckpoint(records[^1].Sequence, records[^1].Hash);
                var record = chain.Seal(entry, head, records.Count == 0 ? NodaTime.Instant.MinValue : records[^1].RecordedAt);
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
