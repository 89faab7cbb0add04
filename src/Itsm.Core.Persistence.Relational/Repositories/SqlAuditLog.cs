using Itsm.Core.Application.Auditing;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IAuditLog"/>. Sequence numbers come from a per-tenant counter row
/// raised by an atomic upsert, so concurrent commands of one tenant get distinct, increasing
/// numbers (the counter's row lock orders them) and a rolled-back command leaves no gap behind a
/// committed one. The table rejects <c>UPDATE</c> and <c>DELETE</c> (a trigger per engine).
/// </summary>
internal sealed class SqlAuditLog(RelationalSession session) : IAuditLog
{
    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        AuditRecord? appended = null;
        var result = await session.WriteAsync(
            async command =>
            {
                long sequence;
                var next = command();
                await using (next.ConfigureAwait(false))
                {
                    next.CommandText =
                        "INSERT INTO audit_sequences (tenant, last_sequence) VALUES (@tenant, 1) " +
                        "ON CONFLICT (tenant) DO UPDATE SET last_sequence = audit_sequences.last_sequence + 1 RETURNING last_sequence";
                    Sql.Add(next, "tenant", entry.Context.Tenant.Value);
                    sequence = Sql.ToInt64((await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
                }

                var record = new AuditRecord(sequence, entry.Context.Tenant, entry.Context.Actor, entry.At, entry.Command, entry.Outcome, entry.Context.Correlation, entry.Details);
                var insert = command();
                await using (insert.ConfigureAwait(false))
                {
                    insert.CommandText =
                        "INSERT INTO audit_log (tenant, sequence, actor, at, command, outcome, correlation, details) " +
                        "VALUES (@tenant, @sequence, @actor, @at, @command, @outcome, @correlation, @details)";
                    Sql.Add(insert, "tenant", record.Tenant.Value);
                    Sql.Add(insert, "sequence", record.Sequence);
                    Sql.Add(insert, "actor", record.Actor.Value);
                    Sql.Add(insert, "at", Sql.FromInstant(record.At));
                    Sql.Add(insert, "command", record.Command);
                    Sql.Add(insert, "outcome", record.Outcome.ToString());
                    Sql.Add(insert, "correlation", record.Correlation.ToString());
                    Sql.Add(insert, "details", record.Details);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                appended = record;
                return Result.Success();
            },
            cancellationToken).ConfigureAwait(false);
        return result.IsSuccess && appended is not null ? appended : throw new InvalidOperationException($"The audit record could not be appended: {result.Message}");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> ListAsync(TenantId tenant, long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return session.ReadAsync(
            async command =>
            {
                command.CommandText =
                    "SELECT sequence, actor, at, command, outcome, correlation, details FROM audit_log " +
                    "WHERE tenant = @tenant AND sequence > @after ORDER BY sequence LIMIT @take";
                Sql.Add(command, "tenant", tenant.Value);
                Sql.Add(command, "after", afterSequence);
                Sql.Add(command, "take", (long)take);
                var records = new List<AuditRecord>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        records.Add(new AuditRecord(
                            Sql.ToInt64(reader.GetValue(0)),
                            tenant,
                            UserId.From(reader.GetString(1)),
                            Sql.ToInstant(reader.GetValue(2)),
                            reader.GetString(3),
                            Enum.Parse<ResultStatus>(reader.GetString(4)),
                            CorrelationId.From(Guid.Parse(reader.GetString(5))),
                            reader.GetString(6)));
                    }
                }

                return (IReadOnlyList<AuditRecord>)records;
            },
            cancellationToken);
    }
}
