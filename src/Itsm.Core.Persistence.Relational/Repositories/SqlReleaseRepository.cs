using System.Globalization;
using System.Text.Json;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Releases;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Releases;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The relational <see cref="IReleaseRepository"/>: releases as documents with indexed unit, version and state columns, read back
/// through <see cref="Release.Restore"/>, which replays the stored history through the domain. The version column is a sortable key
/// (each component zero-padded to ten digits) under a unique index on tenant, unit and version, and the insert skips on any
/// unique key, so a unit's versions stay distinct under concurrent writers and the loser gets Conflict (<c>record.exists</c>).
/// </summary>
internal sealed class SqlReleaseRepository : SqlAggregateRepository<ReleaseId, Release, ReleaseSnapshot>, IReleaseRepository
{
    /// <summary>The longest title <see cref="PlanRelease"/> accepts (its validator's limit), held to on read as well.</summary>
    private const int MaxTitleLength = 500;

    private const string Table = "releases";

    private static readonly AggregateDocuments<ReleaseId, Release, ReleaseSnapshot> Documents = new(
        new DocumentTable(Table, nameof(ReleaseSnapshot), "unit", "version_key", "state"),
        id => id.ToString(),
        release => release.Id,
        release => release.ToSnapshot(),
        Read,
        Columns);

    private readonly RelationalSession session;

    public SqlReleaseRepository(RelationalSession session, StoredRecordRules rules)
        : base(session, Documents, rules) => this.session = session;

    /// <summary>The read-back check of this table, for the store scan.</summary>
    internal static DocumentCheck Check => Documents.Check;

    /// <summary>Stores a new release at version 1; Conflict (<c>record.exists</c>) when its id, or its unit and version, are taken.</summary>
    public new Task<Result> AddAsync(TenantId tenant, Release aggregate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var (key, document, columns) = Documents.Write(aggregate);
        return session.WriteAsync(
            async newCommand =>
            {
                var insert = newCommand();
                await using (insert.ConfigureAwait(false))
                {
                    // No conflict target: the primary key and the unique unit and version both skip the row instead of raising.
                    insert.CommandText = $"INSERT INTO {Table} (tenant, id, version, document, unit, version_key, state) VALUES (@tenant, @id, 1, @document, @c0, @c1, @c2) ON CONFLICT DO NOTHING";
                    Sql.Add(insert, "tenant", tenant.Value);
                    Sql.Add(insert, "id", key);
                    Sql.Add(insert, "document", document);
                    for (var i = 0; i < columns.Length; i++)
                    {
                        Sql.Add(insert, $"c{i}", columns[i]);
                    }

                    if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                    {
                        return Failure.Conflict($"Release '{key}' exists, or release unit {aggregate.Details.Unit} has a release {aggregate.Details.Version} already.", "record.exists");
                    }
                }

                session.Trail.Written(Documents.Table.AuditName, key, 0, 1);
                return Result.Success();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Release>>> ListAsync(TenantId tenant, ReleaseUnitId? unit, IReadOnlyCollection<ReleaseState>? states, CancellationToken cancellationToken)
    {
        if (states is { Count: 0 })
        {
            return Task.FromResult<IReadOnlyList<Versioned<Release>>>([]);
        }

        var query = new SqlQuery();
        if (unit is { } u)
        {
            query.Where($"t.unit = {query.Parameter(u.Value)}");
        }

        if (states is not null)
        {
            query.Where($"t.state IN ({query.InList(states.Distinct().Select(s => (object?)s.ToString()))})");
        }

        return QueryAsync(tenant, query.OrderByTerms("t.unit", "t.version_key", "t.id"), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReleaseVersion?> LatestVersionAsync(TenantId tenant, ReleaseUnitId unit, CancellationToken cancellationToken)
    {
        var query = new SqlQuery();
        query.Where($"t.unit = {query.Parameter(unit.Value)}");
        var latest = await QueryAsync(tenant, query.OrderByTerms("t.version_key DESC").Paged(PageRequest.Of(0, 1)), cancellationToken).ConfigureAwait(false);
        return latest.Count == 0 ? null : latest[0].Record.Details.Version;
    }

    /// <summary>The version as a key that sorts as the version does.</summary>
    internal static string VersionKey(ReleaseVersion version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version.Major:D10}.{version.Minor:D10}.{version.Patch:D10}");

    /// <summary>
    /// Reads a stored release: its title held to the rules its input met (at most 500 characters), every text it holds within
    /// the request limit of <paramref name="rules"/>, then its history replayed against its state (<see cref="Release.Restore"/>).
    /// </summary>
    /// <exception cref="JsonException">The document is not a valid stored release; the message says why.</exception>
    private static Release Read(ReleaseSnapshot snapshot, StoredRecordRules rules)
    {
        var title = snapshot.Details?.Title ?? string.Empty;
        var limit = rules.Limits.MaxTextLength;
        var texts = new[] { snapshot.Details?.RollbackPlan }.Concat((snapshot.History ?? []).SelectMany(Texts));
        var wrong = title.Length > MaxTitleLength ? $"its title has {title.Length} characters, more than the {MaxTitleLength} a release may have"
            : texts.FirstOrDefault(t => t is not null && t.Length > limit) is { } tooLong ? $"it holds a text of {tooLong.Length} characters, more than the limit of {limit}"
            : null;
        if (wrong is not null)
        {
            throw new JsonException($"{wrong}.");
        }

        var restored = Release.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new JsonException(restored.ValidationErrors.First().ErrorMessage);
    }

    private static IEnumerable<string?> Texts(ReleaseEvent e) => e switch
    {
        ReleaseBuilt b => [b.BuildReference, b.RollbackPlan],
        ReleaseTestRecorded t => [t.Result?.Suite, t.Result?.Notes],
        ReleaseRolledBack r => [r.Reason],
        ReleaseReviewed r => [r.Findings],
        _ => [],
    };

    private static object?[] Columns(ReleaseSnapshot snapshot) =>
    [
        snapshot.Details.Unit.Value,
        VersionKey(snapshot.Details.Version),
        snapshot.State.ToString(),
    ];
}
