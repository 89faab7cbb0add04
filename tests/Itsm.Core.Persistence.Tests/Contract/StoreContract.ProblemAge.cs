using Itsm.Core.Application.Common;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary><see cref="ListOpenProblemsByAge"/> on every store: open problems only, oldest first, at least the minimum age (inclusive), ages on the clock, paged, per tenant.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task OpenProblemsByAge_OldestOpenFirst_WithTheirAges_PagedAndPerTenant()
    {
        var logged = new List<(ProblemId Id, Instant At)>();
        foreach (var title in new[] { "Mail stalls", "Payroll slow", "VPN drops", "Printer queue", "Backups late" })
        {
            var problem = await Itsm.SendAsync(new LogProblem(As(Acme, "pat"), title, Email, 2, 2));
            Assert.True(problem.IsSuccess, problem.Message);
            logged.Add((problem.Value.Record.Id, Clock.GetCurrentInstant()));
            Clock.AdvanceHours(25);
        }

        Assert.True((await Itsm.SendAsync(new CancelProblem(As(Acme), logged[1].Id, "Raised in error"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new LogProblem(As(Globex, "pat"), "Another tenant's", Email, 2, 2))).IsSuccess);
        var now = Clock.GetCurrentInstant();
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;

        var all = await other.QueryAsync(new ListOpenProblemsByAge(As(Acme)));
        var older = await other.QueryAsync(new ListOpenProblemsByAge(As(Acme)) { MinimumAge = Duration.FromHours(50) });
        var page = await other.QueryAsync(new ListOpenProblemsByAge(As(Acme)) { Skip = 1, Take = 2 });
        var foreign = await other.QueryAsync(new ListOpenProblemsByAge(As(Globex)) { MinimumAge = Duration.FromDays(1) });

        Assert.Equal([logged[0], logged[2], logged[3], logged[4]], all.Value.Select(a => (a.Problem.Record.Id, a.Problem.Record.LoggedAt)));
        Assert.All(all.Value, a => Assert.Equal(now - a.Problem.Record.LoggedAt, a.Age));
        Assert.Equal([logged[0].Id, logged[2].Id, logged[3].Id], older.Value.Select(a => a.Problem.Record.Id));
        Assert.Equal(Duration.FromHours(75), older.Value[1].Age);
        Assert.Equal([logged[2].Id, logged[3].Id], page.Value.Select(a => a.Problem.Record.Id));
        Assert.Empty(foreign.Value);
    }

    [Fact]
    public async Task OpenProblemsByAge_NegativeMinimumAgeOrBadPage_IsInvalidWithItsCode()
    {
        var negative = await Itsm.QueryAsync(new ListOpenProblemsByAge(As(Acme)) { MinimumAge = Duration.FromMinutes(-1) });
        var tooOld = await Itsm.QueryAsync(new ListOpenProblemsByAge(As(Acme)) { MinimumAge = ListOpenProblemsByAge.MaxMinimumAge + Duration.Epsilon });
        var page = await Itsm.QueryAsync(new ListOpenProblemsByAge(As(Acme)) { Take = 0 });

        Assert.Equal(ListOpenProblemsByAge.MinimumAgeCode, Assert.Single(negative.ValidationErrors).ErrorCode);
        Assert.Equal(ListOpenProblemsByAge.MinimumAgeCode, Assert.Single(tooOld.ValidationErrors).ErrorCode);
        Assert.Equal(ResultStatus.Invalid, page.Status);
    }
}
