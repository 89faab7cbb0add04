using System.Data.Common;
using System.Globalization;
using System.Text;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// Multi-row <c>INSERT</c> statements for bulk writes (a CMDB import): one round trip per batch
/// of rows instead of one per row, well inside both engines' parameter limits.
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Inserts every one of <paramref name="rows"/> in batches of the dialect's
    /// <see cref="SqlDialect.BulkRowsPerStatement"/>, all or nothing: <paramref name="check"/> may refuse
    /// a batch before it is sent (null when it accepts), and a batch of which the database inserted
    /// fewer rows than it was given (<c>ON CONFLICT DO NOTHING</c> skipped some) gives
    /// <paramref name="conflict"/>. The caller's transaction rolls back whatever came before.
    /// </summary>
    public static async Task<Result> AllAsync<T>(
        RelationalSession session,
        Func<DbCommand> newCommand,
        TenantId tenant,
        IReadOnlyList<T> rows,
        (string Head, string Row, string Tail) statement,
        Action<DbCommand, T, int> bind,
        Func<T[], Task<Result?>>? check,
        Result conflict,
        CancellationToken cancellationToken)
    {
        foreach (var batch in rows.Chunk(session.Dialect.BulkRowsPerStatement))
        {
            if (check is not null && await check(batch).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var inserted = await RowsAsync(newCommand, statement.Head, statement.Row, statement.Tail, tenant, batch, bind, cancellationToken).ConfigureAwait(false);
            if (inserted != batch.Length)
            {
                return conflict;
            }
        }

        return Result.Success();
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> with one statement: <paramref name="head"/>, then
    /// <paramref name="rowTemplate"/> for each row (<c>{0}</c> is the row's index), then
    /// <paramref name="tail"/>. Returns the number of rows inserted.
    /// </summary>
    private static async Task<int> RowsAsync<T>(
        Func<DbCommand> newCommand, string head, string rowTemplate, string tail, TenantId tenant, IReadOnlyList<T> rows, Action<DbCommand, T, int> bind, CancellationToken cancellationToken)
    {
        var insert = newCommand();
        await using (insert.ConfigureAwait(false))
        {
            var text = new StringBuilder(head, head.Length + (rows.Count * (rowTemplate.Length + 8)) + tail.Length);
            Sql.Add(insert, "tenant", tenant.Value);
            for (var i = 0; i < rows.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                text.AppendFormat(CultureInfo.InvariantCulture, rowTemplate, i);
                bind(insert, rows[i], i);
            }

            insert.CommandText = text.Append(tail).ToString();
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Which of <paramref name="ids"/> the tenant already has in <paramref name="table"/>, ordered.</summary>
    public static async Task<IReadOnlyList<string>> ExistingAsync(Func<DbCommand> newCommand, string table, TenantId tenant, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var query = newCommand();
        await using (query.ConfigureAwait(false))
        {
            Sql.Add(query, "tenant", tenant.Value);
            var placeholders = new StringBuilder();
            for (var i = 0; i < ids.Count; i++)
            {
                placeholders.Append(i == 0 ? "@i" : ", @i").Append(i.ToString(CultureInfo.InvariantCulture));
                Sql.Add(query, $"i{i}", ids[i]);
            }

            query.CommandText = $"SELECT id FROM {table} WHERE tenant = @tenant AND id IN ({placeholders}) ORDER BY id";
            var found = new List<string>();
            var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add(reader.GetString(0));
                }
            }

            return found;
        }
    }

    /// <summary>The ids for a message: the first few, quoted.</summary>
    public static string Describe(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(5).Select(id => $"'{id}'")) + (ids.Count > 5 ? $" and {ids.Count - 5} more" : string.Empty);
}
