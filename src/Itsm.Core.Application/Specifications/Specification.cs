using Itsm.Core.Common;

namespace Itsm.Core.Application.Specifications;

/// <summary>
/// A named query over records of type <typeparamref name="T"/>: criteria, ordering and paging,
/// shaped like <c>Ardalis.Specification</c>.
/// </summary>
/// <typeparam name="T">The record type queried.</typeparam>
/// <remarks>
/// <para>
/// Criteria are typed values (<see cref="ICriterion{T}"/>), not opaque lambdas, so that each
/// persistence adapter can translate them to its own query language (SQL <c>WHERE</c> clauses)
/// while <see cref="SpecificationEvaluator"/> evaluates the same specification in memory. A
/// specification is built once in its constructor and is then immutable and thread-safe.
/// </para>
/// </remarks>
public abstract class Specification<T>
{
    private readonly List<ICriterion<T>> criteria = [];
    private readonly List<Ordering<T>> orderings = [];

    /// <summary>The criteria a record must all satisfy.</summary>
    public IReadOnlyList<ICriterion<T>> Criteria => criteria;

    /// <summary>The orderings, most significant first; ties keep no particular order unless the last key is unique.</summary>
    public IReadOnlyList<Ordering<T>> Orderings => orderings;

    /// <summary>The page to return, or null for every matching record.</summary>
    public PageRequest? Page { get; private set; }

    /// <summary>True when <paramref name="candidate"/> satisfies every criterion.</summary>
    public bool IsSatisfiedBy(T candidate)
    {
        foreach (var criterion in criteria)
        {
            if (!criterion.IsSatisfiedBy(candidate))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a criterion every result must satisfy.</summary>
    protected void Where(ICriterion<T> criterion) => criteria.Add(Preconditions.CheckNotNull(criterion));

    /// <summary>Orders results by <paramref name="key"/> (after any earlier ordering).</summary>
    protected void OrderBy(SortKey<T> key, bool descending = false) => orderings.Add(new Ordering<T>(Preconditions.CheckNotNull(key), descending));

    /// <summary>Returns only the page <paramref name="page"/> of the ordered results.</summary>
    protected void Paginate(PageRequest page) => Page = page;
}

/// <summary>One condition of a <see cref="Specification{T}"/>, evaluable in memory and translatable by adapters.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ICriterion<in T>
{
    /// <summary>True when <paramref name="candidate"/> satisfies this criterion.</summary>
    bool IsSatisfiedBy(T candidate);
}

/// <summary>
/// A named sort key: the name lets adapters map it to a column, the selector evaluates it in memory.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SortKey<T>
{
    /// <summary>Creates a sort key.</summary>
    /// <param name="name">A stable name adapters translate, such as <c>opened_at</c>.</param>
    /// <param name="selector">Extracts a comparable key from a record.</param>
    public SortKey(string name, Func<T, IComparable> selector)
    {
        Name = Preconditions.CheckNotNull(name);
        Selector = Preconditions.CheckNotNull(selector);
    }

    /// <summary>A stable name adapters translate.</summary>
    public string Name { get; }

    /// <summary>Extracts a comparable key from a record.</summary>
    public Func<T, IComparable> Selector { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A sort key with its direction.</summary>
/// <param name="Key">The sort key.</param>
/// <param name="Descending">True for descending order.</param>
public sealed record Ordering<T>(SortKey<T> Key, bool Descending);

/// <summary>
/// A page of results: skip <see cref="Skip"/> records, then take at most <see cref="Take"/>.
/// </summary>
/// <remarks>Immutable. <c>default</c> is skip 0, take 0, which returns nothing: create pages with <see cref="Of"/>.</remarks>
public readonly record struct PageRequest
{
    /// <summary>The largest page a query may ask for.</summary>
    public const int MaxTake = 1000;

    private PageRequest(int skip, int take)
    {
        Skip = skip;
        Take = take;
    }

    /// <summary>How many records to skip.</summary>
    public int Skip { get; }

    /// <summary>How many records to return at most.</summary>
    public int Take { get; }

    /// <summary>Creates a page.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> is negative or <paramref name="take"/> outside 1 to <see cref="MaxTake"/>.</exception>
    public static PageRequest Of(int skip, int take)
    {
        Preconditions.CheckArgumentRange(skip, 0, int.MaxValue);
        Preconditions.CheckArgumentRange(take, 1, MaxTake);
        return new PageRequest(skip, take);
    }

    /// <summary>Validates untrusted paging input, returning <see cref="ResultStatus.Invalid"/> with a message when it is out of range.</summary>
    public static Result<PageRequest> Parse(int skip, int take)
    {
        var errors = new List<ValidationError>();
        if (skip < 0)
        {
            errors.Add(Failure.Field("Skip", $"Skip must not be negative, but was {skip}.", "page.skip"));
        }

        if (take is < 1 or > MaxTake)
        {
            errors.Add(Failure.Field("Take", $"Take must be between 1 and {MaxTake}, but was {take}.", "page.take"));
        }

        return errors.Count == 0 ? new PageRequest(skip, take) : Result<PageRequest>.Invalid(errors);
    }
}
