using Itsm.Core.Application.Specifications;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// A specification translated to SQL: conditions on the query columns of a table aliased <c>t</c>,
/// their parameters, the ordering and the page. Each repository builds one per specification type,
/// from the specification's properties.
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

    /// <summary>Orders by <paramref name="terms"/> (SQL <c>ORDER BY</c> terms, most significant first), after any earlier ones.</summary>
    public SqlQuery OrderByTerms(params string[] terms)
    {
        orderBy.AddRange(terms);
        return this;
    }

    /// <summary>Returns only <paramref name="page"/> of the ordered rows; every row when it is null.</summary>
    public SqlQuery Paged(PageRequest? page)
    {
        if (page is { } p)
        {
            Skip = p.Skip;
            Take = p.Take;
        }

        return this;
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
