using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Problems;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IProblemRepository"/>: problems as documents with indexed state, service, assignee and logging
/// columns; each <see cref="ProblemSpecification"/> type is translated to SQL from its properties.
/// </summary>
internal sealed class SqlProblemRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<ProblemId, Problem, ProblemSnapshot>(session, Documents, rules), IProblemRepository
{
    private static readonly AggregateDocuments<ProblemId, Problem, ProblemSnapshot> Documents = new(
        new DocumentTable("problems", nameof(ProblemSnapshot), "state", "service", "assignee", "logged_at"),
        id => id.ToString(),
        problem => problem.Id,
        problem => problem.ToSnapshot(),
        Read,
        Columns);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Problem>>> ListAsync(TenantId tenant, ProblemSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return QueryAsync(tenant, Translate(specification), cancellationToken);
    }

    /// <summary>
    /// Reads a stored problem: its values held to the rules its input met (<see cref="StoredRecordRules.Check(ProblemSnapshot)"/>:
    /// no control characters or over-long text in any field or history record, a title of 1 to 500 characters, instants in the
    /// supported range, priority decisions from a registered matrix), then its history replayed against its state (<see cref="Problem.Restore"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored problem breaks one of its input's rules.</exception>
    /// <exception cref="JsonException">Its history does not replay; the message says why.</exception>
    private static Problem Read(ProblemSnapshot snapshot, StoredRecordRules rules)
    {
        var restored = Problem.Restore(ReadBack.Valid(snapshot, rules.Check(snapshot)));
        return restored.IsSuccess ? restored.Value : throw new JsonException(restored.ValidationErrors.First().ErrorMessage);
    }

    private static object?[] Columns(ProblemSnapshot snapshot) =>
    [
        snapshot.State.ToString(),
        snapshot.Service.Value,
        snapshot.History.OfType<ProblemAssigned>().LastOrDefault()?.Assignee.Value,
        Sql.FromInstant(snapshot.LoggedAt),
    ];

    /// <summary>One translation per specification type, from its properties; the specification contract test runs every one against Ardalis's in-memory evaluator.</summary>
    private static SqlQuery Translate(ProblemSpecification specification)
    {
        var query = new SqlQuery();
        switch (specification)
        {
            case ProblemsByLogging list:
                if (list.States is { } accepted)
                {
                    query.Where($"t.state IN ({query.InList(accepted.Select(s => (object?)s.ToString()))})");
                }

                if (list.Service is { } service)
                {
                    query.Where($"t.service = {query.Parameter(service.Value)}");
                }

                if (list.Assignee is { } assignee)
                {
                    query.Where($"t.assignee = {query.Parameter(assignee.Value)}");
                }

                return query.OrderByTerms("t.logged_at", "t.id").Paged(list.Page);
            case OpenProblemsByAge ageing:
                query.Where($"t.state IN ({query.InList(ProblemLifecycle.OpenStates.Select(s => (object?)s.ToString()))})");
                query.Where($"t.logged_at <= {query.Parameter(Sql.FromInstant(ageing.LoggedBy))}");
                if (ageing.Service is { } ageingService)
                {
                    query.Where($"t.service = {query.Parameter(ageingService.Value)}");
                }

                return query.OrderByTerms("t.logged_at", "t.id").Paged(ageing.Page);
            default:
                // ProblemSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The problem specification {specification.GetType().Name} has no SQL translation.");
        }
    }
}

/// <summary>
/// The relational <see cref="IKnownErrorRepository"/>: the known-error database as documents with indexed status, problem
/// and publication columns; each <see cref="KnownErrorSpecification"/> type is translated to SQL from its properties.
/// </summary>
internal sealed class SqlKnownErrorRepository(RelationalSession session, StoredRecordRules rules)
    : SqlAggregateRepository<KnownErrorId, KnownError, KnownErrorSnapshot>(session, Documents, rules), IKnownErrorRepository
{
    private static readonly AggregateDocuments<KnownErrorId, KnownError, KnownErrorSnapshot> Documents = new(
        new DocumentTable("known_errors", nameof(KnownErrorSnapshot), "status", "problem", "published_from"),
        id => id.ToString(),
        knownError => knownError.Id,
        knownError => knownError.ToSnapshot(),
        Read,
        Columns);

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<KnownError>>> ListAsync(TenantId tenant, KnownErrorSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return QueryAsync(tenant, Translate(specification, Dialect), cancellationToken);
    }

    /// <summary>
    /// Reads a stored known error: its values held to the rules its input met (<see cref="StoredRecordRules.Check(KnownErrorSnapshot)"/>:
    /// no control characters or over-long text in any field or history record, a symptom), then its history replayed (<see cref="KnownError.Restore"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored known error breaks one of its input's rules.</exception>
    /// <exception cref="JsonException">Its history does not replay; the message says why.</exception>
    private static KnownError Read(KnownErrorSnapshot snapshot, StoredRecordRules rules)
    {
        var restored = KnownError.Restore(ReadBack.Valid(snapshot, rules.Check(snapshot)));
        return restored.IsSuccess ? restored.Value : throw new JsonException(restored.ValidationErrors.First().ErrorMessage);
    }

    private static object?[] Columns(KnownErrorSnapshot snapshot) =>
    [
        snapshot.Status.ToString(),
        snapshot.Problem?.ToString(),
        Sql.FromInstant(snapshot.PublishedFrom),
    ];

    private static SqlQuery Translate(KnownErrorSpecification specification, SqlDialect dialect)
    {
        var query = new SqlQuery();
        switch (specification)
        {
            case KnownErrorsByStatus list:
                if (list.Statuses is { } accepted)
                {
                    query.Where($"t.status IN ({query.InList(accepted.Select(s => (object?)s.ToString()))})");
                }

                if (list.Problem is { } problem)
                {
                    query.Where($"t.problem = {query.Parameter(problem.ToString())}");
                }

                if (list.Service is { } service)
                {
                    // The services are a set in the document only; the status and problem conditions narrow the rows first.
                    query.Where(dialect.JsonTextArrayContains("t.document", "services", query.Parameter(service.Value)));
                }

                return query.OrderByTerms("t.id").Paged(list.Page);
            default:
                // KnownErrorSpecification cannot be derived outside Itsm.Core.Application, so this is a library bug.
                throw new InvalidOperationException($"The known-error specification {specification.GetType().Name} has no SQL translation.");
        }
    }
}
