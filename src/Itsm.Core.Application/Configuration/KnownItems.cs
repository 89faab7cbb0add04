using Itsm.Core.Common;

namespace Itsm.Core.Application.Configuration;

/// <summary>The check a command naming configuration items shares (a continuity plan's items, capacity readings): the CMDB must have each.</summary>
internal static class KnownItems
{
    /// <summary>NotFound (<c>cmdb.item.unknown</c>) for the first of <paramref name="ids"/> the CMDB does not have, or null; each distinct id is read once.</summary>
    internal static async Task<Result?> FirstUnknownAsync(IConfigurationItemRepository items, TenantId tenant, IEnumerable<ConfigurationItemId> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids.Distinct())
        {
            if (await items.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false) is null)
            {
                return Failure.NotFound($"The CMDB has no configuration item '{id}'; register it first.", "cmdb.item.unknown");
            }
        }

        return null;
    }
}
