using Itsm.Core.Common;

namespace Itsm.Core.Application.Common;

/// <summary>
/// Who is asking, for which tenant, under which correlation: carried by every command and query.
/// </summary>
/// <remarks>
/// <para>
/// Every port call is scoped by <see cref="Tenant"/>, so a request can never read or change
/// another tenant's records, whatever identifiers it guesses. <see cref="Actor"/> is recorded on
/// approvals and audit records. Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed record RequestContext
{
    /// <summary>Creates a request context.</summary>
    /// <param name="tenant">The tenant whose records the request may touch.</param>
    /// <param name="actor">The user on whose behalf the request is made.</param>
    /// <param name="correlation">Correlates audit records of one host request; a new one when omitted.</param>
    /// <exception cref="ArgumentException">The tenant or actor is the unassigned <c>default</c>.</exception>
    public RequestContext(TenantId tenant, UserId actor, CorrelationId? correlation = null)
    {
        if (tenant.Value is null)
        {
            throw new ArgumentException("A request needs a tenant.", nameof(tenant));
        }

        if (actor.Value is null)
        {
            throw new ArgumentException("A request needs an acting user.", nameof(actor));
        }

        Tenant = tenant;
        Actor = actor;
        Correlation = correlation ?? CorrelationId.New();
    }

    /// <summary>The tenant whose records the request may touch.</summary>
    public TenantId Tenant { get; }

    /// <summary>The user on whose behalf the request is made.</summary>
    public UserId Actor { get; }

    /// <summary>Correlates the audit records of one host request.</summary>
    public CorrelationId Correlation { get; }

    /// <summary>
    /// The same tenant and correlation with another acting user: for a host that acts for several
    /// people in one flow (a requester raises, a change manager approves) and keeps them in one trace.
    /// </summary>
    /// <param name="actor">The acting user.</param>
    /// <returns>A new context; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is <c>default</c>.</exception>
    public RequestContext WithActor(UserId actor) => new(Tenant, actor, Correlation);
}
