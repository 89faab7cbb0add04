using Itsm.Core.Common;

namespace Itsm.Core.Application.Specifications;

/// <summary>
/// Evaluates a <see cref="Specification{T}"/> over records in memory: filter, order, page. The
/// in-memory adapters use it, and SQL adapters must return the same records in the same order.
/// </summary>
public static class SpecificationEvaluator
{
    /// <summary>Returns the records of <paramref name="source"/> that <paramref name="specification"/> selects, in its order and page.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<T> Evaluate<T>(IEnumerable<T> source, Specification<T> specification)
    {
        Preconditions.CheckNotNull(source);
        Preconditions.CheckNotNull(specification);
        var query = source.Where(specification.IsSatisfiedBy);
        IOrderedEnumerable<T>? ordered = null;
        foreach (var ordering in specification.Orderings)
        {
            var selector = ordering.Key.Selector;
            ordered = (ordered, ordering.Descending) switch
            {
                (null, false) => query.OrderBy(selector),
                (null, true) => query.OrderByDescending(selector),
                (_, false) => ordered.ThenBy(selector),
                (_, true) => ordered.ThenByDescending(selector),
            };
        }

        IEnumerable<T> result = ordered ?? query;
        if (specification.Page is { } page)
        {
            result = result.Skip(page.Skip).Take(page.Take);
        }

        return result.ToList();
    }
}
