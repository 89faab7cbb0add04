using System.Collections.Frozen;
using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>A change as the change calendar sees it: its window and the items it touches.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlannedChange
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>Creates a calendar entry.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException">The window has no start or end, or is empty.</exception>
    public PlannedChange(ChangeId change, Interval window, IEnumerable<ConfigurationItemId> items)
    {
        Preconditions.CheckNotNull(items);
        Preconditions.CheckArgument(Windows.IsBoundedAndNonEmpty(window), nameof(window), $"A planned window needs a start before its end, but was {window}.");
        Change = change;
        Window = window;
        Items = items.Distinct().Order().ToImmutableArray();
    }

    /// <summary>The change.</summary>
    public ChangeId Change { get; }

    /// <summary>Its window, half-open.</summary>
    public Interval Window { get; }

    /// <summary>The items it touches, distinct and ordered.</summary>
    public ImmutableArray<ConfigurationItemId> Items { get; }

    /// <summary>The calendar entry of a change request.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    public static PlannedChange Of(ChangeRequest change) =>
        new(Preconditions.CheckNotNull(change).Id, change.PlannedWindow, change.AffectedItems);
}

/// <summary>Why two changes conflict.</summary>
/// <remarks><c>default</c> is <see cref="SameItem"/>.</remarks>
public enum ConflictReason
{
    /// <summary>Both touch the same configuration item.</summary>
    SameItem = 0,

    /// <summary>One touches an item inside the impact set of an item the other touches.</summary>
    DependentItems = 1,
}

/// <summary>
/// Two changes whose windows overlap on the same or dependent items. <see cref="First"/> is always
/// the smaller change identifier, so a conflict is the same value whichever way it was found.
/// </summary>
/// <param name="First">The change with the smaller identifier.</param>
/// <param name="Second">The other change.</param>
/// <param name="Overlap">Where the windows overlap (half-open, non-empty).</param>
/// <param name="Reason">Same item or dependent items.</param>
/// <param name="FirstItem">The item of <paramref name="First"/> that conflicts (the smallest such pair).</param>
/// <param name="SecondItem">The item of <paramref name="Second"/> that conflicts.</param>
/// <remarks>Immutable data; thread-safe.</remarks>
public sealed record ScheduleConflict(ChangeId First, ChangeId Second, Interval Overlap, ConflictReason Reason, ConfigurationItemId FirstItem, ConfigurationItemId SecondItem)
{
    /// <summary>True when <paramref name="change"/> is one side of the conflict.</summary>
    public bool Involves(ChangeId change) => First == change || Second == change;

    /// <summary>The other side of the conflict from <paramref name="change"/>.</summary>
    public ChangeId Other(ChangeId change) => First == change ? Second : First;
}

/// <summary>
/// For each configuration item, the items its failure takes down or degrades (its impact set),
/// as CMDB impact analysis computed it. Two items are related when they are equal or one lies in
/// the other's impact set.
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="None"/> relates each item only to itself.</remarks>
public sealed class ImpactSets
{
    private readonly FrozenDictionary<ConfigurationItemId, FrozenSet<ConfigurationItemId>> sets;

    /// <summary>Creates impact sets.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sets"/> is null.</exception>
    public ImpactSets(IEnumerable<KeyValuePair<ConfigurationItemId, IEnumerable<ConfigurationItemId>>> sets)
    {
        Preconditions.CheckNotNull(sets);
        this.sets = sets.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet());
    }

    /// <summary>No dependencies: only identical items are related.</summary>
    public static ImpactSets None { get; } = new([]);

    /// <summary>The impact set of <paramref name="item"/> (empty when unknown).</summary>
    public IReadOnlySet<ConfigurationItemId> Of(ConfigurationItemId item) =>
        sets.TryGetValue(item, out var set) ? set : FrozenSet<ConfigurationItemId>.Empty;

    /// <summary>True when the items are equal or one is inside the other's impact set. Symmetric.</summary>
    public bool AreRelated(ConfigurationItemId a, ConfigurationItemId b) =>
        a == b || (sets.Count > 0 && ((sets.TryGetValue(a, out var ofA) && ofA.Contains(b)) || (sets.TryGetValue(b, out var ofB) && ofB.Contains(a))));
}

/// <summary>
/// Finds schedule conflicts: pairs of changes whose windows overlap and that touch the same item
/// or items inside each other's impact set.
/// </summary>
/// <remarks>
/// <para>
/// The detector sorts the changes by window start and sweeps once, keeping the changes whose
/// windows are still open; a change is only compared with those. Cost O(n log n + k x m) for n
/// changes, k pairs overlapping in time and m the item comparison per pair, instead of O(n^2)
/// pairs. Windows are half-open, so a change ending exactly when another starts does not conflict.
/// </para>
/// <para>Stateless and thread-safe. Results are ordered by (First, Second) and contain each pair once.</para>
/// </remarks>
public static class ScheduleConflictDetector
{
    /// <summary>All conflicts among <paramref name="changes"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A change appears twice.</exception>
    public static IReadOnlyList<ScheduleConflict> FindConflicts(IEnumerable<PlannedChange> changes, ImpactSets impact)
    {
        Preconditions.CheckNotNull(changes);
        Preconditions.CheckNotNull(impact);
        var sorted = changes.OrderBy(c => c.Window.Start).ThenBy(c => c.Change).ToList();
        Preconditions.CheckArgument(sorted.Select(c => c.Change).Distinct().Count() == sorted.Count, nameof(changes), "A change appears twice on the calendar.");
        var open = new List<PlannedChange>();
        var conflicts = new List<ScheduleConflict>();
        foreach (var change in sorted)
        {
            open.RemoveAll(o => o.Window.End <= change.Window.Start);
            foreach (var other in open)
            {
                if (Compare(change, other, impact) is { } conflict)
                {
                    conflicts.Add(conflict);
                }
            }

            open.Add(change);
        }

        conflicts.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Second.CompareTo(b.Second));
        return conflicts;
    }

    /// <summary>The conflicts of one <paramref name="candidate"/> with <paramref name="others"/> (a linear scan; the candidate itself is skipped).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<ScheduleConflict> FindConflictsWith(PlannedChange candidate, IEnumerable<PlannedChange> others, ImpactSets impact)
    {
        Preconditions.CheckNotNull(candidate);
        Preconditions.CheckNotNull(others);
        Preconditions.CheckNotNull(impact);
        return others
            .Where(o => o.Change != candidate.Change)
            .Select(o => Compare(candidate, o, impact))
            .OfType<ScheduleConflict>()
            .OrderBy(c => c.Other(candidate.Change))
            .ToList();
    }

    /// <summary>The conflict between two changes, or null. Symmetric: swapping the arguments gives an equal result.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ScheduleConflict? Compare(PlannedChange a, PlannedChange b, ImpactSets impact)
    {
        Preconditions.CheckNotNull(a);
        Preconditions.CheckNotNull(b);
        Preconditions.CheckNotNull(impact);
        if (a.Change == b.Change || !Windows.Overlap(a.Window, b.Window))
        {
            return null;
        }

        var (first, second) = a.Change.CompareTo(b.Change) < 0 ? (a, b) : (b, a);
        var overlap = new Interval(Max(a.Window.Start, b.Window.Start), Min(a.Window.End, b.Window.End));
        foreach (var item in first.Items)
        {
            if (second.Items.BinarySearch(item) >= 0)
            {
                return new ScheduleConflict(first.Change, second.Change, overlap, ConflictReason.SameItem, item, item);
            }
        }

        foreach (var x in first.Items)
        {
            foreach (var y in second.Items)
            {
                if (impact.AreRelated(x, y))
                {
                    return new ScheduleConflict(first.Change, second.Change, overlap, ConflictReason.DependentItems, x, y);
                }
            }
        }

        return null;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
