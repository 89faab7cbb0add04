using System.Buffers;
using System.Collections.Immutable;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IAuditLog"/>: hash-chained records (see <see cref="AuditChain"/>), per tenant.
/// </summary>
/// <remarks>
/// <para><b>Order:</b> an append first raises the tenant's row in <c>audit_sequences</c>, whose row
/// lock (PostgreSQL) or the write lock (SQLite) orders concurrent commands of one tenant; it then
/// reads the log's head and takes the next sequence after it. The counter is only a lock and is
/// set to the new sequence on every append, so a counter lowered or raised behind the library's back
/// neither breaks later writes nor leaves a gap.</para>
/// <para><b>Append-only:</b> triggers reject <c>UPDATE</c> and <c>DELETE</c> and any insert that does
/// not take the next sequence (which is what SQLite's <c>INSERT OR REPLACE</c> and <c>REPLACE INTO</c>
/// would need to rewrite a record); what a database owner does despite them, the chain shows.</para>
/// <para><b>Read back:</b> a row that cannot be read as a record comes back as one whose hash never
/// verifies, so <see cref="AuditChain.VerifyAsync"/> names it instead of failing the whole scan.</para>
/// </remarks>
internal sealed class SqlAuditLog(RelationalSession session, AuditChain chain) : IAuditLog
{
    private const string Columns = "sequence, actor, at, COALESCE(recorded_at, at), command, outcome, correlation, details, effects, previous_hash, hash";

    /// <summary>The hash of a row that could not be read: it never matches a computed hash.</summary>
    private const string Unreadable = "unreadable";

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        AuditRecord? appended = null;
        var tenant = entry.Context.Tenant;

        // The instants as the columns will give them back, so the hash verifies after a round trip.
        var exact = entry with { OccurredAt = Sql.ToInstant(Sql.FromInstant(entry.OccurredAt)) };
        var result = await session.WriteAsync(
            async command =>
            {
                await ExecuteAsync(
                    command,
                    "INSERT INTO audit_sequences (tenant, last_sequence) VALUES (@tenant, 0) " +
                    "ON CONFLICT (tenant) DO UPDATE SET last_sequence = audit_sequences.last_sequence",
                    cancellationToken,
                    ("tenant", tenant.Value)).ConfigureAwait(false);

                var (head, notBefore, legacy) = await HeadAsync(command, tenant, cancellationToken).ConfigureAwait(false);
                if (legacy)
                {
                    var unchained = await ReadAsync(command(), tenant, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
                    head = chain.ChainLegacy(unchained.Where(r => r.Hash.Length == 0));
                }

                var record = chain.Seal(exact, head, notBefore);
                record = record with { RecordedAt = Sql.ToInstant(Sql.FromInstant(record.RecordedAt)) };
                record = record with { Hash = chain.HashOf(record) };
                await ExecuteAsync(
                    command,
                    "INSERT INTO audit_log (tenant, sequence, actor, at, recorded_at, command, outcome, correlation, details, effects, previous_hash, hash) " +
                    "VALUES (@tenant, @sequence, @actor, @at, @recorded, @command, @outcome, @correlation, @details, @effects, @previous, @hash)",
                    cancellationToken,
                    ("tenant", tenant.Value),
                    ("sequence", record.Sequence),
                    ("actor", record.Actor.Value),
                    ("at", Sql.FromInstant(record.OccurredAt)),
                    ("recorded", Sql.FromInstant(record.RecordedAt)),
                    ("command", record.Command),
                    ("outcome", record.Outcome.ToString()),
                    ("correlation", record.Correlation.ToString()),
                    ("details", record.Details),
                    ("effects", Effects(record)),
                    ("previous", record.PreviousHash),
                    ("hash", record.Hash)).ConfigureAwait(false);
                await ExecuteAsync(
                    command,
                    "UPDATE audit_sequences SET last_sequence = @sequence WHERE tenant = @tenant",
                    cancellationToken,
                    ("tenant", tenant.Value),
                    ("sequence", record.Sequence)).ConfigureAwait(false);
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
        return session.ReadAsync(command => ReadAsync(command, tenant, afterSequence, take, cancellationToken), cancellationToken);
    }

    private static async Task<(AuditCheckpoint Head, Instant NotBefore, bool Legacy)> HeadAsync(Func<DbCommand> newCommand, TenantId tenant, CancellationToken cancellationToken)
    {
        var read = newCommand();
        await using (read.ConfigureAwait(false))
        {
            read.CommandText = "SELECT sequence, hash, COALESCE(recorded_at, at) FROM audit_log WHERE tenant = @tenant ORDER BY sequence DESC LIMIT 1";
            Sql.Add(read, "tenant", tenant.Value);
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return (new AuditCheckpoint(0, AuditChain.Genesis), Instant.MinValue, false);
                }

                var sequence = Sql.ToInt64(reader.GetValue(0));
                var hash = reader.IsDBNull(1) ? null : reader.GetString(1);
                return (new AuditCheckpoint(sequence, hash ?? string.Empty), Sql.ToInstant(reader.GetValue(2)), hash is null);
            }
        }
    }

    private static async Task<IReadOnlyList<AuditRecord>> ReadAsync(DbCommand command, TenantId tenant, long afterSequence, int take, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = $"SELECT {Columns} FROM audit_log WHERE tenant = @tenant AND sequence > @after ORDER BY sequence LIMIT @take";
            Sql.Add(command, "tenant", tenant.Value);
            Sql.Add(command, "after", afterSequence);
            Sql.Add(command, "take", (long)take);
            var records = new List<AuditRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    records.Add(Read(reader, tenant));
                }
            }

            return records;
        }
    }

    private static AuditRecord Read(DbDataReader reader, TenantId tenant)
    {
        var sequence = Sql.ToInt64(reader.GetValue(0));
        try
        {
            var (created, writes) = reader.IsDBNull(8) ? ([], []) : ParseEffects(reader.GetString(8));
            return new AuditRecord(
                sequence,
                tenant,
                UserId.From(reader.GetString(1)),
                Sql.ToInstant(reader.GetValue(2)),
                Sql.ToInstant(reader.GetValue(3)),
                reader.GetString(4),
                Enum.Parse<ResultStatus>(reader.GetString(5), ignoreCase: false),
                CorrelationId.From(Guid.Parse(reader.GetString(6))),
                reader.GetString(7),
                created,
                writes,
                reader.IsDBNull(9) ? string.Empty : reader.GetString(9),
                reader.IsDBNull(10) ? string.Empty : reader.GetString(10));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or JsonException or InvalidCastException or OverflowException or InvalidOperationException)
        {
            return new AuditRecord(
                sequence, tenant, UserId.From("unreadable"), Instant.MinValue, Instant.MinValue, "(unreadable)", ResultStatus.Error, CorrelationId.New(),
                $"audit_log ({tenant}, {sequence}) cannot be read: {exception.Message}", [], [], Unreadable, Unreadable);
        }
    }

    private static string Effects(AuditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("created");
            foreach (var id in record.Created)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("writes");
            foreach (var write in record.Writes)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(write.Aggregate);
                writer.WriteStringValue(write.Id);
                writer.WriteNumberValue(write.VersionBefore);
                writer.WriteNumberValue(write.VersionAfter);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static (ImmutableArray<string> Created, ImmutableArray<AuditedWrite> Writes) ParseEffects(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var created = root.GetProperty("created").EnumerateArray().Select(e => e.GetString() ?? throw new JsonException("A created id is null.")).ToImmutableArray();
        var writes = root.GetProperty("writes").EnumerateArray()
            .Select(w => new AuditedWrite(w[0].GetString() ?? string.Empty, w[1].GetString() ?? string.Empty, w[2].GetInt64(), w[3].GetInt64()))
            .ToImmutableArray();
        return (created, writes);
    }

    private static async Task ExecuteAsync(Func<DbCommand> newCommand, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = newCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                Sql.Add(command, name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
