using Itsm.Core.Application.Common;
using Itsm.Core.Configuration;
using MediatR;

namespace Itsm.Core.Application.Configuration;

/// <summary>
/// The tenant's configuration baselines, oldest first: each with its id (for <see cref="CompareBaseline"/>
/// and <see cref="AuditConfiguration"/>), name, capture instant, who captured it and the configuration it holds.
/// </summary>
/// <param name="Context">Who asks, for which tenant.</param>
public sealed record ListBaselines(RequestContext Context) : IQuery<Result<IReadOnlyList<ConfigurationBaseline>>>;

internal sealed class ListBaselinesHandler(IBaselineRepository baselines) : IRequestHandler<ListBaselines, Result<IReadOnlyList<ConfigurationBaseline>>>
{
    public async Task<Result<IReadOnlyList<ConfigurationBaseline>>> Handle(ListBaselines request, CancellationToken cancellationToken)
    {
        var stored = await baselines.ListAsync(request.Context.Tenant, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ConfigurationBaseline> list = [.. stored.Select(v => v.Record)];
        return Result.Success(list);
    }
}
