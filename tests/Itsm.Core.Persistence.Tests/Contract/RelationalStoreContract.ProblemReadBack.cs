using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Direct edits of stored problems and known errors (issue 15): a control character or an over-long text in any field or
/// history record, a blank title or symptom, a priority decision from no registered matrix, is read back as a typed error
/// naming the table, key and field (<see cref="StoredRecordRules.Check(Itsm.Core.Problems.ProblemSnapshot)"/>), the
/// tenant's other problems stay readable, and <see cref="VerifyStore"/> lists the one record.
/// </summary>
public abstract partial class RelationalStoreContract
{
    [Theory]
    [InlineData("title", "''", "''", "Its title is empty")]
    [InlineData("title", "printf('%.*c', 600, 'x')", "repeat('x', 600)", "Its title has 600 characters, more than the 500 a problem may have")]
    [InlineData("title", "char(27) || '[2J'", "chr(27) || '[2J'", "Title has the control character U+001B at position 0")]
    [InlineData("history[2].rootCause", "'SAN' || char(7)", "'SAN' || chr(7)", "RootCause has the control character U+0007 at position 3")]
    [InlineData("history[3].workaround", "printf('%.*c', 10001, 'w')", "repeat('w', 10001)", "Workaround has 10001 characters, more than the limit of 10000")]
    [InlineData("history[0].decision.matrix", "'home-made 9x9'", "'home-made 9x9'", "decided by the matrix 'home-made 9x9'")]
    public async Task Corruption_OfAProblemsValues_IsRefusedLikeTheInputWouldBe(string path, string sqliteValue, string postgresValue, string expected)
    {
        var damaged = await LogToKnownErrorAsync("Mail stalls every morning");
        var healthy = await LogToKnownErrorAsync("Payroll slows at noon");
        await EditAsync("problems", damaged.Problem.ToString(), path, sqliteValue, postgresValue);

        var read = await Itsm.QueryAsync(new GetProblem(As(Acme), damaged.Problem));
        var listed = await Itsm.QueryAsync(new ListProblems(As(Acme)));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (read.Status, read.ErrorCode));
        Assert.Contains($"({Acme.Value}, {damaged.Problem}) of problems", read.Text(), StringComparison.Ordinal);
        Assert.Contains(expected, read.Text(), StringComparison.Ordinal);
        Assert.Equal(StoredRecordException.ErrorCode, listed.ErrorCode);
        Assert.True((await Itsm.QueryAsync(new GetProblem(As(Acme), healthy.Problem))).IsSuccess);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal(("problems", $"({Acme.Value}, {damaged.Problem})"), (problem.Table, problem.Key));
    }

    [Theory]
    [InlineData("symptom", "'   '", "'   '", "Its symptom is empty")]
    [InlineData("symptom", "'Mail' || char(27) || ']0;owned'", "'Mail' || chr(27) || ']0;owned'", "Symptom has the control character U+001B at position 4")]
    [InlineData("workaround", "printf('%.*c', 10001, 'w')", "repeat('w', 10001)", "Workaround has 10001 characters, more than the limit of 10000")]
    [InlineData("rootCause", "'cache' || char(127)", "'cache' || chr(127)", "RootCause has the control character U+007F at position 5")]
    public async Task Corruption_OfAKnownErrorsValues_IsRefusedLikeTheInputWouldBe(string path, string sqliteValue, string postgresValue, string expected)
    {
        var damaged = await LogToKnownErrorAsync("Mail stalls every morning");
        var healthy = await LogToKnownErrorAsync("Payroll slows at noon");
        await EditAsync("known_errors", damaged.KnownError.ToString(), path, sqliteValue, postgresValue);

        var read = await Itsm.QueryAsync(new GetKnownError(As(Acme), damaged.KnownError));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (read.Status, read.ErrorCode));
        Assert.Contains($"({Acme.Value}, {damaged.KnownError}) of known_errors", read.Text(), StringComparison.Ordinal);
        Assert.Contains(expected, read.Text(), StringComparison.Ordinal);
        Assert.True((await Itsm.QueryAsync(new GetKnownError(As(Acme), healthy.KnownError))).IsSuccess);
        Assert.True((await Itsm.QueryAsync(new GetProblem(As(Acme), damaged.Problem))).IsSuccess);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal("known_errors", problem.Table);
    }

    /// <summary>A problem logged, investigated, with a root cause (history[2]) and a workaround (history[3]), and its known error published.</summary>
    private async Task<(ProblemId Problem, KnownErrorId KnownError)> LogToKnownErrorAsync(string title)
    {
        var id = (await Itsm.SendAsync(new LogProblem(As(Acme, "pat"), title, ConfigurationItemId.From("svc-email"), 2, 2))).Value.Record.Id;
        Assert.True((await Itsm.SendAsync(new InvestigateProblem(As(Acme, "pat"), id))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new RecordRootCause(As(Acme, "pat"), id, "SAN firmware drops the write cache"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new RecordWorkaround(As(Acme, "pat"), id, "Fail over to controller B"))).IsSuccess);
        var published = await Itsm.SendAsync(new PublishKnownError(As(Acme, "pat"), id, "Mail stalls at 09:00"));
        Assert.True(published.IsSuccess, published.Message);
        return (id, published.Value.Record.KnownError!.Value);
    }

    /// <summary>Sets the JSON value at <paramref name="path"/> (such as <c>history[2].rootCause</c>) of one stored document, behind the library's back.</summary>
    private async Task EditAsync(string table, string id, string path, string sqliteValue, string postgresValue)
    {
        var postgresPath = string.Join(',', path.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.'));
        var sql = IsSqlite
            ? $"UPDATE {table} SET document = json_set(document, '$.{path}', {sqliteValue})"
            : $"UPDATE {table} SET document = jsonb_set(document::jsonb, '{{{postgresPath}}}', to_jsonb(({postgresValue})::text))::text";
        await using var connection = Store.OpenRaw();
        Assert.Null(await TryExecuteAsync(connection, $"{sql} WHERE tenant = '{Acme.Value}' AND id = '{id}'"));
    }
}
