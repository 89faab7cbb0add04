using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// The hash chain of a tenant's audit log. Each record's <see cref="AuditRecord.Hash"/> is SHA-256
/// over its canonical content (every field but the hash itself, written as JSON in a fixed order)
/// followed by the previous record's hash, so changing, removing, reordering or inserting any record
/// breaks the link to the next one. With a key (<see cref="ItsmCoreOptions.AuditChainKey"/>) the hash is
/// HMAC-SHA-256, which nobody without the key can recompute: a database user who forges or rewrites
/// records cannot make them verify.
/// </summary>
/// <remarks>
/// <para>What a chain cannot show on its own: that records were cut off the end. Keep a
/// <see cref="AuditCheckpoint"/> (the head of <see cref="AuditLogVerification"/>) outside the
/// database and pass it to the next verification.</para>
/// <para>Records written before the chain existed (schema version 1) have no stored hash; they are
/// chained in memory, in sequence order, and the first chained record links to them, so they are
/// covered from then on.</para>
/// <para>Immutable and thread-safe; registered as a singleton by <c>AddItsmCore</c>.</para>
/// </remarks>
public sealed class AuditChain
{
    /// <summary>The previous hash of a tenant's first record: 64 zeros.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IClock recordingClock;
    private readonly byte[]? key;

    /// <summary>Creates an unkeyed chain (plain SHA-256) that stamps records with <paramref name="recordingClock"/>.</summary>
    /// <param name="recordingClock">The clock of <see cref="AuditRecord.RecordedAt"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="recordingClock"/> is null.</exception>
    public AuditChain(IClock recordingClock)
        : this(recordingClock, [])
    {
    }

    /// <summary>Creates a chain keyed with <paramref name="key"/> (HMAC-SHA-256; empty means unkeyed) that stamps records with <paramref name="recordingClock"/>.</summary>
    /// <param name="recordingClock">The clock of <see cref="AuditRecord.RecordedAt"/>.</param>
    /// <param name="key">The secret; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="recordingClock"/> is null.</exception>
    public AuditChain(IClock recordingClock, ReadOnlySpan<byte> key)
    {
        this.recordingClock = recordingClock ?? throw new ArgumentNullException(nameof(recordingClock));
        this.key = key.IsEmpty ? null : key.ToArray();
    }

    /// <summary>True when hashes are keyed (HMAC-SHA-256).</summary>
    public bool IsKeyed => key is not null;

    /// <summary>
    /// Seals <paramref name="entry"/> as the record after <paramref name="head"/>: the next sequence, the
    /// head's hash as its previous hash, and the recording clock's instant, but never earlier than
    /// <paramref name="notBefore"/> (the head's recording instant), so sequence order follows recording order.
    /// </summary>
    /// <param name="entry">The accepted command's entry.</param>
    /// <param name="head">The tenant's last record: <c>(0, </c><see cref="Genesis"/><c>)</c> for an empty log.</param>
    /// <param name="notBefore">The head's <see cref="AuditRecord.RecordedAt"/>, or <see cref="Instant.MinValue"/>.</param>
    /// <returns>The record, with its hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> or <paramref name="head"/> is null.</exception>
    public AuditRecord Seal(AuditEntry entry, AuditCheckpoint head, Instant notBefore)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(head);
        var now = recordingClock.GetCurrentInstant();
        var unsealed = new AuditRecord(
            head.Sequence + 1, entry.Context.Tenant, entry.Context.Actor, entry.OccurredAt, now < notBefore ? notBefore : now, entry.Command, entry.Outcome,
            entry.Context.Correlation, entry.Details, entry.Created.IsDefault ? [] : entry.Created, entry.Writes.IsDefault ? [] : entry.Writes, head.Hash, string.Empty);
        return unsealed with { Hash = HashOf(unsealed) };
    }

    /// <summary>
    /// The head of a log whose records were written before the chain existed (no stored hashes): the
    /// records chained in memory, in order, as <see cref="VerifyAsync"/> chains them.
    /// </summary>
    /// <param name="legacy">The tenant's unchained records, oldest first.</param>
    /// <returns>The checkpoint the first chained record links to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="legacy"/> is null.</exception>
    public AuditCheckpoint ChainLegacy(IEnumerable<AuditRecord> legacy)
    {
        ArgumentNullException.ThrowIfNull(legacy);
        var head = new AuditCheckpoint(0, Genesis);
        foreach (var record in legacy)
        {
            head = new AuditCheckpoint(record.Sequence, HashOf(record with { PreviousHash = head.Hash }));
        }

        return head;
    }

    /// <summary>The hash <paramref name="record"/> should carry: over its content and its <see cref="AuditRecord.PreviousHash"/>.</summary>
    /// <param name="record">The record; its own <see cref="AuditRecord.Hash"/> is ignored.</param>
    /// <returns>Lower-case hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public string HashOf(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var content = Content(record);
        var hash = key is null ? SHA256.HashData(content) : HMACSHA256.HashData(key, content);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Checks a tenant's whole log, oldest first, and reports every record that does not fit the chain:
    /// a gap in the sequence (removed), a sequence that does not increase or a recording time that runs
    /// backwards (reordered), a record whose content does not match its hash (altered, or forged without
    /// the key), a record that does not link to the one before (forged, removed or reordered), and a
    /// <paramref name="checkpoint"/> the log no longer holds (records cut off the end or rewritten).
    /// </summary>
    /// <param name="log">The log to read.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="checkpoint">A head kept from an earlier verification, or null.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The verification: the head, the count and the problems, first first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public async Task<AuditLogVerification> VerifyAsync(IAuditLog log, TenantId tenant, AuditCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var problems = ImmutableArray.CreateBuilder<AuditProblem>();
        var expected = 1L;
        var previousHash = Genesis;
        var previousRecorded = Instant.MinValue;
        var checkedCount = 0L;
        var chainStarted = false;
        var checkpointSeen = false;
        var after = 0L;
        const int Page = 500;
        while (true)
        {
            var page = await log.ListAsync(tenant, after, Page, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                checkedCount++;
                var record = stored;
                if (record.Sequence > expected)
                {
                    Add(problems, new AuditProblem(expected, AuditProblemKind.Missing, $"Records {expected} to {record.Sequence - 1} are missing: removed from the log."));
                }
                else if (record.Sequence < expected)
                {
                    Add(problems, new AuditProblem(record.Sequence, AuditProblemKind.OutOfOrder, $"Record {record.Sequence} comes after record {expected - 1}: the sequence does not increase."));
                }

                if (record.Hash.Length == 0)
                {
                    // A record written before the chain existed: chained here, in memory.
                    if (chainStarted)
                    {
                        Add(problems, new AuditProblem(record.Sequence, AuditProblemKind.Forged, $"Record {record.Sequence} has no hash but follows chained records: it was inserted afterwards."));
                    }

                    record = record with { PreviousHash = previousHash };
                    record = record with { Hash = HashOf(record) };
                }
                else
                {
                    chainStarted = true;
                    if (!string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal))
                    {
                        Add(problems, new AuditProblem(record.Sequence, AuditProblemKind.BrokenLink, $"Record {record.Sequence} does not link to the record before it: a record before it was removed, reordered or rewritten, or this one was forged."));
                    }

                    if (!string.Equals(HashOf(record), record.Hash, StringComparison.Ordinal))
                    {
                        Add(problems, new AuditProblem(record.Sequence, AuditProblemKind.Altered, $"Record {record.Sequence} does not match its hash: it was altered, or forged without the chain key."));
                    }
                }

                if (record.RecordedAt < previousRecorded)
                {
                    Add(problems, new AuditProblem(record.Sequence, AuditProblemKind.OutOfOrder, $"Record {record.Sequence} was recorded at {record.RecordedAt}, before the record ahead of it ({previousRecorded}): reordered."));
                }

                if (checkpoint is { } mark && mark.Sequence == record.Sequence)
                {
                    checkpointSeen = true;
                    if (!string.Equals(mark.Hash, record.Hash, StringComparison.Ordinal))
                    {
                        Add(problems, new AuditProblem(record.Sequence, AuditProblemKind.CheckpointMismatch, $"Record {record.Sequence} is not the one the checkpoint saw: the log was rewritten up to it."));
                    }
                }

                previousHash = record.Hash;
                previousRecorded = record.RecordedAt > previousRecorded ? record.RecordedAt : previousRecorded;
                expected = Math.Max(expected, record.Sequence + 1);
                after = Math.Max(after, record.Sequence);
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        if (checkpoint is { } required && !checkpointSeen)
        {
            Add(problems, new AuditProblem(required.Sequence, AuditProblemKind.CheckpointMismatch, $"The log ends at record {expected - 1}, before the checkpoint's record {required.Sequence}: records were removed from its end."));
        }

        return new AuditLogVerification(tenant, checkedCount, new AuditCheckpoint(expected - 1, previousHash), problems.ToImmutable());
    }

    private static void Add(ImmutableArray<AuditProblem>.Builder problems, AuditProblem problem)
    {
        if (problems.Count < AuditLogVerification.MaxProblems)
        {
            problems.Add(problem);
        }
    }

    private static byte[] Content(AuditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteString("tenant", CanonicalJson.Clean(record.Tenant.Value ?? string.Empty));
            writer.WriteNumber("sequence", record.Sequence);
            writer.WriteString("actor", CanonicalJson.Clean(record.Actor.Value ?? string.Empty));
            writer.WriteString("occurredAt", CanonicalJson.Instant(record.OccurredAt));
            writer.WriteString("recordedAt", CanonicalJson.Instant(record.RecordedAt));
            writer.WriteString("command", CanonicalJson.Clean(record.Command));
            writer.WriteString("outcome", record.Outcome.ToString());
            writer.WriteString("correlation", record.Correlation.Value.ToString("D", CultureInfo.InvariantCulture));
            writer.WriteString("details", CanonicalJson.Clean(record.Details));
            writer.WriteStartArray("created");
            foreach (var id in record.Created.IsDefault ? [] : record.Created)
            {
                writer.WriteStringValue(CanonicalJson.Clean(id));
            }

            writer.WriteEndArray();
            writer.WriteStartArray("writes");
            foreach (var write in record.Writes.IsDefault ? [] : record.Writes)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(CanonicalJson.Clean(write.Aggregate));
                writer.WriteStringValue(CanonicalJson.Clean(write.Id));
                writer.WriteNumberValue(write.VersionBefore);
                writer.WriteNumberValue(write.VersionAfter);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteString("previous", record.PreviousHash);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
