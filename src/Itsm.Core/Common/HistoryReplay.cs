namespace Itsm.Core.Common;

/// <summary>
/// The replay every <c>Restore</c> of a recorded aggregate shares: each stored record is applied through the
/// aggregate's own domain method, in order, and the first one refused is named with its position.
/// </summary>
/// <remarks>Linear in the number of records (times the cost of each step); stateless and thread-safe.</remarks>
internal static class HistoryReplay
{
    /// <summary>
    /// Applies <paramref name="history"/> with <paramref name="step"/> (given the position, the record and the aggregate
    /// replayed so far, null before the first); the aggregate the last record gives, or Invalid <paramref name="code"/>
    /// on the <c>History</c> field naming <paramref name="name"/> and the first refused record.
    /// </summary>
    public static Result<T> Apply<T, TEvent>(IReadOnlyList<TEvent> history, string name, string code, Func<TEvent?, string> describe, Func<int, TEvent, T?, Result<T>> step)
        where T : class
        where TEvent : class
    {
        T? replayed = null;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            var next = e is null ? Result<T>.Invalid(Failure.Field("History", "is missing", code)) : step(i, e, replayed);
            if (!next.IsSuccess)
            {
                return Result<T>.Invalid(Failure.Field("History", $"{name}: history record {i} ({describe(e)}) is not allowed: {string.Join("; ", next.ErrorMessages)}.", code));
            }

            replayed = next.Value;
        }

        return replayed is null ? Result<T>.Invalid(Failure.Field("History", $"{name} has no history.", code)) : replayed;
    }
}
