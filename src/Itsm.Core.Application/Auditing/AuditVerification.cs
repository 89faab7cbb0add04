using System.Collections.Immutable;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using MediatR;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// Checks the context tenant's audit log against its hash chain (see <see cref="AuditChain.VerifyAsync"/>)
/// and answers with every record that does not fit: altered, removed, reordered or forged.
/// </summary>
/// <param name="Context">Who asks, for which tenant.</param>
/// <param name="Checkpoint">A head kept from an earlier verification, so that records cut off the end are found too; null for none.</param>
public sealed record VerifyAuditLog(RequestContext Context, AuditCheckpoint? Checkpoint = null) : IQuery<Result<AuditLogVerification>>;

/// <summary>A position in a tenant's audit log with the hash found there: kept outside the store, it proves later that the log still reaches it unchanged.</summary>
/// <param name="Sequence">The record's sequence (0 for an empty log).</param>
/// <param name="Hash">The record's hash (<see cref="AuditChain.Genesis"/> for an empty log).</param>
public sealed record AuditCheckpoint(long Sequence, string Hash)
{
    /// <summary>As <c>sequence:hash</c>, the form <see cref="TryParse"/> reads.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Sequence}:{Hash}";

    /// <summary>Reads <c>sequence:hash</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="checkpoint">The checkpoint, when the text is one.</param>
    /// <returns>True when <paramref name="text"/> is a checkpoint.</returns>
    public static bool TryParse(string? text, out AuditCheckpoint? checkpoint)
    {
        checkpoint = null;
        var parts = text?.Split(':') ?? [];
        if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            || parts[1].Length != AuditChain.Genesis.Length || !parts[1].All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        checkpoint = new AuditCheckpoint(sequence, parts[1]);
        return true;
    }
}

/// <summary>What is wrong with one audit record.</summary>
public enum AuditProblemKind
{
    /// <summary>Records are missing from the sequence: removed.</summary>
    Missing,

    /// <summary>The sequence does not increase, or the recording time runs backwards: reordered.</summary>
    OutOfOrder,

    /// <summary>The record's content does not match its hash: altered, or forged without the key.</summary>
    Altered,

    /// <summary>The record does not link to the record before it: a record was removed, reordered or rewritten before it, or this one was forged.</summary>
    BrokenLink,

    /// <summary>An unchained record after chained ones: inserted afterwards.</summary>
    Forged,

    /// <summary>The checkpoint's record is absent or different: the log was cut off or rewritten.</summary>
    CheckpointMismatch,
}

/// <summary>One record that does not fit the chain.</summary>
/// <param name="Sequence">The record (or the first missing one).</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record AuditProblem(long Sequence, AuditProblemKind Kind, string Message)
{
    /// <summary>The message.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Message;
}

/// <summary>The outcome of verifying one tenant's audit log.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="RecordsChecked">How many records were read.</param>
/// <param name="Head">The last record's sequence and hash: keep it as the checkpoint of the next verification.</param>
/// <param name="Problems">Every record that does not fit, in sequence order (at most <see cref="MaxProblems"/>).</param>
public sealed record AuditLogVerification(TenantId Tenant, long RecordsChecked, AuditCheckpoint Head, ImmutableArray<AuditProblem> Problems)
{
    /// <summary>The most problems one verification lists.</summary>
    public const int MaxProblems = 1000;

    /// <summary>True when every record fits the chain.</summary>
    public bool IsIntact => Problems.IsDefaultOrEmpty;

    /// <summary>The first problem, or null when the log is intact.</summary>
    public AuditProblem? FirstProblem => IsIntact ? null : Problems[0];

    /// <summary>A readable summary.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsIntact
            ? $"The audit log of {Tenant} is intact: {RecordsChecked} records, head {Head}."
            : $"The audit log of {Tenant} has {Problems.Length} problem(s) in {RecordsChecked} records; the first: {FirstProblem}";
}

internal sealed class VerifyAuditLogHandler(IAuditLog log, AuditChain chain) : IRequestHandler<VerifyAuditLog, Result<AuditLogVerification>>
{
    public async Task<Result<AuditLogVerification>> Handle(VerifyAuditLog request, CancellationToken cancellationToken) =>
        await chain.VerifyAsync(log, request.Context.Tenant, request.Checkpoint, cancellationToken).ConfigureAwait(false);
}
