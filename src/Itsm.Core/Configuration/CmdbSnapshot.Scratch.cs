namespace Itsm.Core.Configuration;

/// <content>The pool of working arrays that impact queries and orderings borrow.</content>
public sealed partial class CmdbSnapshot
{
    private readonly ImpactScratch?[] scratchPool = new ImpactScratch?[Math.Max(2, Environment.ProcessorCount)];

    /// <summary>A query's working arrays: a pooled one, or new ones when every pooled one is in use.</summary>
    internal ImpactScratch RentScratch() => TakePooled() ?? new ImpactScratch(Count);

    /// <summary>Gives a query's working arrays back to the pool (dropped when the pool is full).</summary>
    internal void ReturnScratch(ImpactScratch scratch)
    {
        for (var i = 0; i < scratchPool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref scratchPool[i], scratch, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Bits over the ids' ranks for ordering, all zero: those of a pooled query's working arrays, which the caller gives
    /// back with <see cref="ReturnRankBits"/>; or, when every pooled set is in use, new bits alone (about two bits per
    /// item), not a whole new set of working arrays.
    /// </summary>
    internal (RankBits Bits, ImpactScratch? Owner) RentRankBits() =>
        TakePooled() is { } scratch ? (scratch.RankBits, scratch) : (new RankBits(Count), null);

    /// <summary>Gives back the working arrays whose bits <see cref="RentRankBits"/> lent, the bits all zero again.</summary>
    internal void ReturnRankBits(ImpactScratch? owner)
    {
        if (owner is not null)
        {
            ReturnScratch(owner);
        }
    }

    /// <summary>A pooled query's working arrays, taken out of the pool; null when every pooled one is in use.</summary>
    private ImpactScratch? TakePooled()
    {
        for (var i = 0; i < scratchPool.Length; i++)
        {
            if (Interlocked.Exchange(ref scratchPool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        return null;
    }
}
