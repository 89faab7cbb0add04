namespace Itsm.Core.Configuration;

/// <content>The pool of per-query working arrays that impact queries borrow.</content>
public sealed partial class CmdbSnapshot
{
    private readonly ImpactScratch?[] scratchPool = new ImpactScratch?[Math.Max(2, Environment.ProcessorCount)];

    internal ImpactScratch RentScratch()
    {
        for (var i = 0; i < scratchPool.Length; i++)
        {
            var scratch = Interlocked.Exchange(ref scratchPool[i], null);
            if (scratch is not null)
            {
                return scratch;
            }
        }

        return new ImpactScratch(Count);
    }

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
}
