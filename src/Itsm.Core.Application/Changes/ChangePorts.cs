using Itsm.Core.Application.Configuration;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Application.Changes;

/// <summary>
/// What change management needs from the CMDB: the impact of a set of items, and their impact sets
/// (for conflicts on dependent items). The CMDB area implements it over its impact analysis;
/// <see cref="InMemoryChangeImpactSource"/> is a configurable stand-in.
/// </summary>
/// <remarks>Tenancy: every member is scoped to <c>tenant</c>. Implementations must be thread-safe (registered as singletons or scoped).</remarks>
public interface IChangeImpactSource
{
    /// <summary>What taking <paramref name="items"/> down (as a change may) does to business services.</summary>
    Task<ImpactSummary> SummariseImpactAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken);

    /// <summary>The impact set of each of <paramref name="items"/> (items absent from the result impact nothing).</summary>
    Task<ImpactSets> ImpactSetsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="items"/> the CMDB knows; raising a change refuses the others (<see cref="ChangeRequest.Raise"/>).</summary>
    Task<IReadOnlySet<ConfigurationItemId>> KnownItemsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, CancellationToken cancellationToken);
}

/// <summary>
/// Maintenance windows (as business calendars) and blackout windows of services, as risk assessment and the change
/// calendar read them. <see cref="StoredChangeWindowSource"/> (the default) reads the tenant's stored reference data.
/// </summary>
/// <remarks>Tenancy: scoped to <c>tenant</c>. Implementations must be thread-safe.</remarks>
public interface IChangeWindowSource
{
    /// <summary>The windows of <paramref name="services"/> (others may be included; callers filter).</summary>
    Task<ServiceWindows> GetWindowsAsync(TenantId tenant, IReadOnlyCollection<ConfigurationItemId> services, CancellationToken cancellationToken);
}

/// <summary>Who holds which change authority (change manager, CAB member, emergency authority); <see cref="IChangeAuthorityStore"/> is the stored, writable directory.</summary>
/// <remarks>Tenancy: scoped to <c>tenant</c>. Implementations must be thread-safe. Unknown users hold <see cref="ChangeAuthority.None"/>.</remarks>
public interface IChangeAuthorityDirectory
{
    /// <summary>The authorities <paramref name="user"/> holds in <paramref name="tenant"/>.</summary>
    Task<ChangeAuthority> AuthorityOfAsync(TenantId tenant, UserId user, CancellationToken cancellationToken);
}

/// <summary>An implemented, authorised change on the change calendar, as <see cref="ListAuthorisedChanges"/> shows it.</summary>
/// <param name="Change">The change.</param>
/// <param name="Title">Its title.</param>
/// <param name="Items">The items it touched.</param>
/// <param name="Window">Its planned window.</param>
/// <param name="ImplementedAt">When implementation ended.</param>
/// <param name="Remediation">Null when implemented; <see cref="FailureRemediation.FixedForward"/> when it failed but stayed in.</param>
/// <remarks>Immutable data; thread-safe.</remarks>
public sealed record ImplementedChange(ChangeId Change, string Title, IReadOnlyList<ConfigurationItemId> Items, Interval Window, Instant ImplementedAt, FailureRemediation? Remediation)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Change management's implementation of the CMDB's <see cref="IAuthorisedChangeSource"/>: the
/// implemented (or failed and fixed-forward) changes whose implementation ended in (<c>from</c>, <c>to</c>]
/// and that touched any of the given items. Backed-out changes are excluded: they leave the
/// configuration as it was, so they explain no difference.
/// </summary>
/// <remarks>Scoped, like the repository it reads. Tenancy: scoped by <c>tenant</c>.</remarks>
public sealed class RepositoryAuthorisedChangeSource : IAuthorisedChangeSource
{
    private readonly IChangeRepository changes;

    /// <summary>Creates the source.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is null.</exception>
    public RepositoryAuthorisedChangeSource(IChangeRepository changes) => this.changes = changes ?? throw new ArgumentNullException(nameof(changes));

    /// <summary>The implemented, authorised changes touching any of <paramref name="items"/> that ended in (<paramref name="from"/>, <paramref name="to"/>], ordered by end instant then identifier.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="changes"/> is null.</exception>
    public static async Task<IReadOnlyList<ImplementedChange>> ListAsync(
        IChangeRepository changes, TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, Instant from, Instant to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(items);
        var found = await changes.ListAsync(tenant, new ChangesImplementedBetween(items, from, to), cancellationToken).ConfigureAwait(false);
        return found
            .Select(v => ChangeRequest.FromSnapshot(v.Record))
            .Where(c => c.IsAuthorisedAndImplemented)
            .Select(c => new ImplementedChange(c.Id, c.Title, c.AffectedItems, c.PlannedWindow, c.ImplementationEndedAt!.Value, c.Remediation))
            .OrderBy(c => c.ImplementedAt).ThenBy(c => c.Change)
            .ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuthorisedChange>> ImplementedChangesAsync(
        TenantId tenant, IReadOnlyCollection<ConfigurationItemId> items, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var found = await ListAsync(changes, tenant, items, from, to, cancellationToken).ConfigureAwait(false);
        return found.Select(c => new AuthorisedChange(c.Change, [.. c.Items], c.ImplementedAt)).ToList();
    }
}

/// <summary>
/// The policies of change management: the risk model and the approval policy. Register your own instance (before
/// <c>AddItsmCore</c>, or replacing the default) to change them. The standard change templates are the tenant's
/// reference data (<see cref="IStandardChangeTemplateStore"/>, <see cref="DefineStandardChangeTemplate"/>), not options.
/// </summary>
/// <remarks>Immutable and thread-safe; registered as a singleton.</remarks>
public sealed class ChangeManagementOptions
{
    /// <summary>Creates options; null arguments take the defaults.</summary>
    public ChangeManagementOptions(RiskModel? riskModel = null, ApprovalPolicy? approvalPolicy = null)
    {
        RiskModel = riskModel ?? RiskModel.Default;
        ApprovalPolicy = approvalPolicy ?? ApprovalPolicy.Default;
    }

    /// <summary>The risk model (default <see cref="RiskModel.Default"/>).</summary>
    public RiskModel RiskModel { get; }

    /// <summary>The approval policy (default <see cref="ApprovalPolicy.Default"/>).</summary>
    public ApprovalPolicy ApprovalPolicy { get; }
}
