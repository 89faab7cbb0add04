using System.Text;

namespace Itsm.Core.Configuration;

/// <content>Ids in ordinal order, for answers that list items by id: ranks, and the ids as UTF-8 in rank order.</content>
public sealed partial class CmdbSnapshot
{
    private OrdinalIds? ordinalIds;

    /// <summary>
    /// The rank of each item's id among all ids in ordinal order, the item of each rank and the ids as UTF-8 in rank
    /// order, computed together once on first use (a sort of the ids, O(n log n)), so that results can be put in id
    /// order by ordering integers instead of comparing strings.
    /// </summary>
    internal OrdinalIds Ordinal => LazyInitializer.EnsureInitialized(ref ordinalIds, RankIds);

    private OrdinalIds RankIds()
    {
        var keys = new string[Count];
        var order = new int[Count];
        for (var v = 0; v < keys.Length; v++)
        {
            keys[v] = Ids[v].Value;
            order[v] = v;
        }

        Array.Sort(keys, order, StringComparer.Ordinal);
        var ranks = new int[Count];
        var offsets = new int[Count + 1];
        long bytes = 0;
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
            bytes += Encoding.UTF8.GetByteCount(keys[r]);
            offsets[r + 1] = checked((int)bytes);
        }

        var utf8 = new byte[bytes];
        for (var r = 0; r < keys.Length; r++)
        {
            Encoding.UTF8.GetBytes(keys[r], utf8.AsSpan(offsets[r]));
        }

        return new OrdinalIds(ranks, order, utf8, offsets);
    }
}

/// <summary>
/// A snapshot's ids in ordinal order: <see cref="Ranks"/> per item, and the id of rank <c>r</c> as UTF-8 at
/// <c>Utf8[Offsets[r] .. Offsets[r + 1])</c>, so ordered answers written as bytes neither compare nor encode strings.
/// About the size of the ids' text plus 12 bytes per item.
/// </summary>
internal sealed class OrdinalIds(int[] ranks, int[] items, byte[] utf8, int[] offsets)
{
    /// <summary>Per item, the rank of its id in ordinal order.</summary>
    public int[] Ranks { get; } = ranks;

    /// <summary>Per rank, the item whose id has it: the inverse of <see cref="Ranks"/>.</summary>
    public int[] Items { get; } = items;

    /// <summary>Every id's UTF-8 bytes, in rank order.</summary>
    public byte[] Utf8 { get; } = utf8;

    /// <summary>Where each rank's id starts in <see cref="Utf8"/>; one entry more than there are items.</summary>
    public int[] Offsets { get; } = offsets;

    /// <summary>The UTF-8 bytes of the id of rank <paramref name="rank"/>.</summary>
    public ReadOnlySpan<byte> IdOfRank(int rank) => Utf8.AsSpan(Offsets[rank], Offsets[rank + 1] - Offsets[rank]);
}
