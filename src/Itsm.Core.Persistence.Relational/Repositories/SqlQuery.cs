using Itsm.Core.Application.Specifications;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// A specification translated to SQL: conditions on the query columns of a table aliased <c>t</c>,
/// their parameters, the ordering and the page. Built by <see cref="Translate{T}"/>.
/// </summary>
/// <remarks>Not thread-safe while being built; read-only afterwards.</remarks>
internal sealed class SqlQuery
{
    private readonly List<string> conditions = [];
    private readonly List<string> orderBy = [];
    private readonly List<(string Name, object? Value)> parameters = [];

    /// <summary>The conditions, all of which must hold.</summary>
    public IReadOnlyList<string> Conditions => conditions;

    /// <summary>The <c>ORDER BY</c> terms, most significant first.</summary>
    public IReadOnlyList<string> OrderBy => orderBy;

    /// <summary>The parameters the conditions use.</summary>
    public IReadOnlyList<(string Name, object? Value)> Parameters => parameters;

    /// <summary>How many rows to skip.</summary>
    public int Skip { get; private set; }

    /// <summary>How many rows to return at most, or null for all.</summary>
    public int? Take { get; private set; }

    /// <summary>
    /// Translates <paramref name="specification"/>: each criterion through <paramref name="criterion"/>
    /// (which adds conditions and parameters and returns false for a criterion it does not know), each
    /// sort key through <paramref name="sortColumns"/> (by the key's stable name), and the page.
    /// </summary>
    /// <exception cref="NotSupportedException">A criterion or sort key has no SQL translation: only the
    /// library's own typed criteria can be queried in the store.</exception>
    public static SqlQuery Translate<T>(Specification<T> specification, Func<ICriterion<T>, SqlQuery, bool> criterion, IReadOnlyDictionary<string, string> sortColumns)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var query = new SqlQuery();
        foreach (var each in specification.Criteria)
        {
            if (!criterion(each, query))
            {
                throw new NotSupportedException(
                    $"The criterion {each.GetType().Name} cannot be translated to SQL; use the criteria of the library's specifications.");
            }
        }

        foreach (var ordering in specification.Orderings)
        {
            if (!sortColumns.TryGetValue(ordering.Key.Name, out var column))
            {
                throw new NotSupportedException($"The sort key '{ordering.Key.Name}' cannot be translated to SQL.");
            }

            query.orderBy.Add(ordering.Descending ? $"{column} DESC" : column);
        }

        if (specification.Page is { } page)
        {
            query.Skip = page.Skip;
            query.Take = page.Take;
        }

        return query;
    }

    /// <summary>Adds a parameter and returns its placeholder, such as <c>@p3</c>.</summary>
    public string Parameter(object? value)
    {
        var name = $"p{parameters.Count}";
        parameters.Add((name, value));
        return "@" + name;
    }

    /// <summary>Adds a placeholder list for an <c>IN (...)</c> condition; an empty list matches nothing.</summary>
    public string InList(IEnumerable<object?> values)
    {
        var placeholders = values.Select(Parameter).ToList();
        return placeholders.Count == 0 ? "NULL" : string.Join(", ", placeholders);
    }

    /// <summary>Adds a condition that must hold.</summary>
    public void Where(string condition) => conditions.Add(condition);
}
