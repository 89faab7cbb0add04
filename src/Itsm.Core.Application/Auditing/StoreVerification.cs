using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using MediatR;

namespace Itsm.Core.Application.Auditing;

/// <summary>
/// Scans the store for records that fail read-back validation and audit records that break the
/// chain: the context tenant, or every tenant of the store when <paramref name="AllTenants"/> is set.
/// </summary>
/// <remarks>
/// Reading every tenant crosses the tenancy boundary on purpose (the answer names records, not their
/// content): offer it to the store's operators only, as <c>itsm store verify --all</c> does.
/// </remarks>
/// <param name="Context">Who asks.</param>
/// <param name="AllTenants">True to scan every tenant, false for the context tenant alone.</param>
public sealed record VerifyStore(RequestContext Context, bool AllTenants = false) : IQuery<Result<StoreVerification>>;

/// <summary>One stored record that is not consistent.</summary>
/// <param name="Tenant">Its tenant.</param>
/// <param name="Table">Its table, such as <c>incidents</c> or <c>audit_log</c>.</param>
/// <param name="Key">Its key.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record StoreProblem(TenantId Tenant, string Table, string Key, string Message)
{
    /// <summary>As <c>table key: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Table} {Key}: {Message}";
}

/// <summary>What one scan of one tenant's records found.</summary>
/// <param name="RecordsChecked">How many records were read.</param>
/// <param name="Problems">Every record that failed validation.</param>
public sealed record StoreScan(long RecordsChecked, ImmutableArray<StoreProblem> Problems)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The outcome of <see cref="VerifyStore"/>.</summary>
/// <param name="Tenants">The tenants scanned.</param>
/// <param name="RecordsChecked">How many records (audit records included) were read.</param>
/// <param name="Problems">Every inconsistent record and every broken audit link, by tenant.</param>
public sealed record StoreVerification(ImmutableArray<TenantId> Tenants, long RecordsChecked, ImmutableArray<StoreProblem> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsConsistent => Problems.IsDefaultOrEmpty;

    /// <summary>A readable summary.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsConsistent
            ? $"The store is consistent: {RecordsChecked} records of {Tenants.Length} tenant(s)."
            : $"The store has {Problems.Length} problem(s) in {RecordsChecked} records of {Tenants.Length} tenant(s).";
}

/// <summary>
/// Port: reads every stored record of a tenant through the same validation as the repositories'
/// reads, and reports each one that fails instead of stopping at the first.
/// </summary>
/// <remarks>Tenancy: <see cref="ScanAsync"/> reads the given tenant's records only.</remarks>
public interface IStoreScanner
{
    /// <summary>Every tenant with at least one stored record, in ordinal order.</summary>
    Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken);

    /// <summary>Validates every record of <paramref name="tenant"/> except its audit log (which <see cref="AuditChain"/> verifies).</summary>
    Task<StoreScan> ScanAsync(TenantId tenant, CancellationToken cancellationToken);
}

/// <summary>
/// The in-memory <see cref="IStoreScanner"/>: records are validated on the way in and never leave
/// the process, so it only lists tenants; the audit chain is still verified.
/// </summary>
public sealed class InMemoryStoreScanner : IStoreScanner
{
    private readonly InMemoryStore store;

    /// <summary>Creates the scanner over <paramref name="store"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public InMemoryStoreScanner(InMemoryStore store) => this.store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken)
    {
        var tenants = new SortedSet<TenantId>();
        foreach (var table in store.Committed.Values.OfType<IDictionary>())
        {
            foreach (var key in table.Keys)
            {
                if (key is ITuple { Length: > 0 } tuple && tuple[0] is TenantId tenant)
                {
                    tenants.Add(tenant);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<TenantId>>([.. tenants]);
    }

    /// <inheritdoc />
    public Task<StoreScan> ScanAsync(TenantId tenant, CancellationToken cancellationToken) => Task.FromResult(new StoreScan(0, []));
}

internal sealed class VerifyStoreHandler(IStoreScanner scanner, IAuditLog log, AuditChain chain) : IRequestHandler<VerifyStore, Result<StoreVerification>>
{
    public async Task<Result<StoreVerification>> Handle(VerifyStore request, CancellationToken cancellationToken)
    {
        var tenants = request.AllTenants ? await scanner.ListTenantsAsync(cancellationToken).ConfigureAwait(false) : [request.Context.Tenant];
        var problems = ImmutableArray.CreateBuilder<StoreProblem>();
        var checkedCount = 0L;
        foreach (var tenant in tenants)
        {
            var scan = await scanner.ScanAsync(tenant, cancellationToken).ConfigureAwait(false);
            checkedCount += scan.RecordsChecked;
            problems.AddRange(scan.Problems);
            var audit = await chain.VerifyAsync(log, tenant, null, cancellationToken).ConfigureAwait(false);
            checkedCount += audit.RecordsChecked;
            problems.AddRange(audit.Problems.Select(p => new StoreProblem(tenant, "audit_log", $"({tenant.Value}, {p.Sequence})", p.Message)));
        }

        return new StoreVerification([.. tenants], checkedCount, problems.ToImmutable());
    }
}
