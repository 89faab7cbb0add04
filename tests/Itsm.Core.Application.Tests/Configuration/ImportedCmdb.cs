using Itsm.Core.Application.Configuration;
using Itsm.Core.Configuration;

namespace Itsm.Core.Application.Tests.Configuration;

/// <summary>A CMDB to import: items with distinct ids, and distinct relationships between them.</summary>
public sealed record ImportedCmdb(IReadOnlyList<ImportedItem> Items, IReadOnlyList<Relationship> Relationships)
{
    public override string ToString() =>
        $"items [{string.Join(", ", Items.Select(i => $"{i.Id} {i.Class} {i.Status}{(i.Redundancy.HasRedundancy ? $" at least {i.Redundancy.MinimumUp}" : string.Empty)}"))}]; " +
        $"relationships [{string.Join(", ", Relationships.AsEnumerable())}]";
}
