using System.Collections.Immutable;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// What the persistence adapters of one dependency-injection scope (one command) wrote: each
/// stored record with its version before and after. The audit step reads it into the command's
/// <see cref="AuditRecord"/>, so the record names the ids the command created and the versions it moved.
/// </summary>
/// <remarks>
/// <para>Registered scoped by <c>AddItsmCore</c>. Every built-in adapter reports its single-record
/// inserts and updates here; a vendor's own adapter should do the same. Bulk imports are not
/// listed record by record: their command's fields (digested when large) are the evidence.</para>
/// <para>Not thread-safe: a scope serves one request at a time. Writes of a rolled-back command
/// are never read, as a rejected command leaves no audit record.</para>
/// </remarks>
public sealed class AuditTrail
{
    /// <summary>The most writes one command lists; more are counted in the last entry's place.</summary>
    public const int MaxWrites = 1000;

    private readonly List<AuditedWrite> writes = [];

    /// <summary>The writes reported so far, in order.</summary>
    public ImmutableArray<AuditedWrite> Writes => [.. writes];

    /// <summary>Reports that the record <paramref name="id"/> of kind <paramref name="aggregate"/> was stored at <paramref name="versionAfter"/>.</summary>
    /// <param name="aggregate">The kind of record, such as <c>Incident</c>.</param>
    /// <param name="id">The record's key.</param>
    /// <param name="versionBefore">Its version before: 0 for a new record.</param>
    /// <param name="versionAfter">Its version now.</param>
    /// <exception cref="ArgumentException"><paramref name="aggregate"/> or <paramref name="id"/> is null or empty.</exception>
    public void Written(string aggregate, string id, long versionBefore, long versionAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(aggregate);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (writes.Count < MaxWrites)
        {
            writes.Add(new AuditedWrite(aggregate, id, versionBefore, versionAfter));
        }
    }

    /// <summary>The kind of record named after a stored type: <c>IncidentSnapshot</c> becomes <c>Incident</c>.</summary>
    /// <param name="typeName">The stored type's name.</param>
    /// <returns>The kind.</returns>
    public static string AggregateName(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        return typeName.EndsWith("Snapshot", StringComparison.Ordinal) && typeName.Length > "Snapshot".Length
            ? typeName[..^"Snapshot".Length]
            : typeName;
    }
}
