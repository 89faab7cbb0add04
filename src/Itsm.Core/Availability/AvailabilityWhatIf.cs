using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Availability;

/// <summary>
/// What-if questions for availability: "what would availability have been if this cluster had had one
/// more member?" answered by measuring over a CMDB with a hypothetical member added.
/// </summary>
/// <remarks>
/// The hypothetical member is a new item of the group's members' kind of relationship
/// (<see cref="RelationshipType.MemberOf"/>) that depends on nothing and never fails: with a rule of
/// k and n members the group then tolerates n + 1 - k losses instead of n - k. For a group whose every
/// member is required (<see cref="RedundancyRule.AllRequired"/>) a member that never fails changes
/// nothing, and the what-if says so by giving the same figures. Pure and thread-safe.
/// </remarks>
public static class AvailabilityWhatIf
{
    /// <summary>
    /// <paramref name="graph"/> with one more member of <paramref name="group"/>, and the id given to
    /// that member (<c>GROUP~what-if-member</c>, numbered when taken). An unknown or retired group gives
    /// <see cref="ResultStatus.NotFound"/> (<c>cmdb.item.unknown</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="group"/> is <c>default</c>.</exception>
    public static Result<(CmdbGraph Graph, ConfigurationItemId Member)> WithExtraMember(CmdbGraph graph, ConfigurationItemId group)
    {
        Preconditions.CheckNotNull(graph);
        Preconditions.CheckArgument(group.Value is not null, nameof(group), "The group must be assigned.");
        if (!graph.IsActive(group))
        {
            return Failure.NotFound<(CmdbGraph, ConfigurationItemId)>($"Configuration item '{group}' does not exist or is retired.", "cmdb.item.unknown");
        }

        var baseName = group.Value.Length <= Identifier.MaxTextLength - 24 ? group.Value : group.Value[..(Identifier.MaxTextLength - 24)];
        for (var attempt = 1; ; attempt++)
        {
            var id = ConfigurationItemId.From(attempt == 1 ? $"{baseName}~what-if-member" : $"{baseName}~what-if-member-{attempt}");
            var member = ConfigurationItem.Register(id, ConfigurationItemClass.Server, "hypothetical member (what-if)", UnrecordedHistory.Actor, UnrecordedHistory.At).Value;
            var relationship = Relationship.Create(id, group, RelationshipType.MemberOf).Value;
            var added = graph.Import([member], [relationship]);
            if (added.IsSuccess)
            {
                return (added.Value, id);
            }

            if (added.Status != ResultStatus.Conflict)
            {
                return added.Map(_ => (graph, id));
            }
        }
    }
}
