using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Configuration;

/// <summary>An implemented, authorised change and the configuration items it was allowed to touch.</summary>
/// <param name="Change">The change.</param>
/// <param name="Items">The configuration items it covers.</param>
/// <param name="ImplementedAt">When it was implemented.</param>
public sealed record AuthorisedChange(ChangeId Change, ImmutableHashSet<ConfigurationItemId> Items, Instant ImplementedAt)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>The kind of a configuration difference.</summary>
/// <remarks><c>default</c> is <see cref="ItemAdded"/>.</remarks>
public enum DifferenceKind
{
    /// <summary>A configuration item appeared.</summary>
    ItemAdded = 0,

    /// <summary>A configuration item disappeared.</summary>
    ItemRemoved = 1,

    /// <summary>A configuration item's recorded state changed.</summary>
    ItemModified = 2,

    /// <summary>A relationship appeared.</summary>
    RelationshipAdded = 3,

    /// <summary>A relationship disappeared.</summary>
    RelationshipRemoved = 4,
}

/// <summary>One difference found by a configuration audit and the change that explains it, if any.</summary>
/// <param name="Kind">What kind of difference.</param>
/// <param name="Items">The item it is about (one), or the two ends of a relationship.</param>
/// <param name="Description">A line a person can read: the item or relationship, and the fields that differ.</param>
/// <param name="ExplainedBy">The authorised change that explains it, or null for an unauthorised change.</param>
public sealed record AuditFinding(DifferenceKind Kind, ImmutableArray<ConfigurationItemId> Items, string Description, ChangeId? ExplainedBy)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>True when no authorised change explains the difference.</summary>
    public bool IsUnauthorised => ExplainedBy is null;
}

/// <summary>
/// A configuration audit: every difference between a baseline and the current state, each matched
/// to an implemented, authorised change on that item in the period; what nothing explains is an
/// unauthorised change.
/// </summary>
/// <remarks>
/// A difference on an item is explained by a change that covers the item and was implemented in
/// (<see cref="From"/>, <see cref="To"/>]; a relationship difference by a change covering either
/// end. When several changes qualify, the latest implemented one is named. Immutable and thread-safe.
/// </remarks>
public sealed class ConfigurationAudit
{
    private ConfigurationAudit(Instant from, Instant to, ImmutableArray<AuditFinding> findings)
    {
        From = from;
        To = to;
        Findings = findings;
    }

    /// <summary>The start of the audited period (the baseline's capture instant), exclusive.</summary>
    public Instant From { get; }

    /// <summary>The end of the audited period, inclusive.</summary>
    public Instant To { get; }

    /// <summary>Every difference, explained or not, in the diff's order.</summary>
    public ImmutableArray<AuditFinding> Findings { get; }

    /// <summary>The differences no authorised change explains.</summary>
    public IEnumerable<AuditFinding> Unauthorised => Findings.Where(f => f.IsUnauthorised);

    /// <summary>True when every difference is explained.</summary>
    public bool IsClean => Findings.All(f => !f.IsUnauthorised);

    /// <summary>Audits <paramref name="diff"/> (from a state at <paramref name="from"/> to one at <paramref name="to"/>) against <paramref name="changes"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static ConfigurationAudit Perform(ConfigurationDiff diff, Instant from, Instant to, IEnumerable<AuthorisedChange> changes)
    {
        Preconditions.CheckNotNull(diff);
        Preconditions.CheckNotNull(changes);
        Preconditions.CheckArgument(from <= to, nameof(to), "The audited period must not end before it starts.");
        var byItem = new Dictionary<ConfigurationItemId, AuthorisedChange>();
        foreach (var change in changes)
        {
            Preconditions.CheckNotNull(change, nameof(changes));
            if (change.ImplementedAt <= from || change.ImplementedAt > to)
            {
                continue;
            }

            foreach (var item in change.Items)
            {
                if (!byItem.TryGetValue(item, out var known) || known.ImplementedAt < change.ImplementedAt)
                {
                    byItem[item] = change;
                }
            }
        }

        ChangeId? Explain(params ConfigurationItemId[] items) =>
            items.Select(i => byItem.GetValueOrDefault(i)).Where(c => c is not null).MaxBy(c => c!.ImplementedAt)?.Change;

        var findings = ImmutableArray.CreateBuilder<AuditFinding>();
        foreach (var item in diff.AddedItems)
        {
            findings.Add(new AuditFinding(DifferenceKind.ItemAdded, [item.Id], $"{item.Id} added", Explain(item.Id)));
        }

        foreach (var item in diff.RemovedItems)
        {
            findings.Add(new AuditFinding(DifferenceKind.ItemRemoved, [item.Id], $"{item.Id} removed", Explain(item.Id)));
        }

        foreach (var m in diff.ModifiedItems)
        {
            var fields = string.Join(", ", m.Fields.Select(f => $"{f.Field}: '{f.Before}' -> '{f.After}'"));
            findings.Add(new AuditFinding(DifferenceKind.ItemModified, [m.Id], $"{m.Id} modified ({fields})", Explain(m.Id)));
        }

        foreach (var r in diff.AddedRelationships)
        {
            findings.Add(new AuditFinding(DifferenceKind.RelationshipAdded, [r.Source, r.Target], $"{r} added", Explain(r.Source, r.Target)));
        }

        foreach (var r in diff.RemovedRelationships)
        {
            findings.Add(new AuditFinding(DifferenceKind.RelationshipRemoved, [r.Source, r.Target], $"{r} removed", Explain(r.Source, r.Target)));
        }

        return new ConfigurationAudit(from, to, findings.ToImmutable());
    }
}
