using FsCheck.Xunit;
using Itsm.Core.Changes;
using Itsm.Core.Problems;
using Itsm.Core.Reporting;
using Itsm.Core.Tests.Changes;
using Itsm.Core.Tests.Problems;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Reporting;

/// <summary>
/// <see cref="ServiceReportActivity"/>: problems, known errors and changes counted by the instant of the event that counts (logged,
/// resolved, closed, published, fixed or retired, implementation ended) inside the half-open period, only for the service.
/// </summary>
public sealed class ServiceReportActivityTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 1, 0, 0);
    private static readonly Interval December = new(Start, Instant.FromUtc(2027, 1, 1, 0, 0));
    private static readonly UserId Manager = ProblemFixture.Manager;

    [Fact]
    public void Of_December_CountsEachEventInItsMonth_TheEndIsExcluded_OtherServicesAreIgnored()
    {
        // Logged on the last second of November, resolved and closed in December: closed, not opened, in December.
        var early = Closed(Start - Duration.FromSeconds(1), Start + Duration.FromDays(2), Start + Duration.FromDays(3));
        // Logged in December, resolved at the first instant of January: opened in December, resolved in January.
        var late = Closed(Start + Duration.FromDays(30), December.End, December.End);
        var other = Problem.Log(ProblemId.New(), "Other service", ConfigurationItemId.From("svc-other"), [], null, Decision(2, 2), Manager, Start + Duration.FromDays(1)).Value;
        // Logged in November and still under investigation; its known error is published and fixed in December.
        var investigated = ProblemFixture.Log(Start - Duration.FromDays(1));
        Assert.True(investigated.Investigate(Manager, Start - Duration.FromDays(1)).IsSuccess);
        Assert.True(investigated.RecordRootCause("The relay drops long headers", Manager, Start - Duration.FromDays(1)).IsSuccess);
        var published = investigated.PublishKnownError(KnownErrorId.New(), "Mail bounces", "E42", null, Manager, Start + Duration.FromDays(2));
        Assert.True(published.IsSuccess, published.Message);
        var error = published.Value;
        Assert.True(error.MarkFixed(Manager, Start + Duration.FromDays(4)).IsSuccess);
        var implemented = Ended(Start + Duration.FromDays(10), failed: false);
        var failed = Ended(Start + Duration.FromDays(11), failed: true);
        var january = Ended(December.End, failed: false);

        var activity = ServiceReportActivity.Of(Email, December, [early, late, other, investigated], [error], [implemented, failed, january]);

        Assert.Equal(new ServiceReportActivity(ProblemsOpened: 1, ProblemsResolved: 1, ProblemsClosed: 1, KnownErrorsPublished: 1, KnownErrorsWithdrawn: 1, ChangesImplemented: 1, ChangesFailed: 1), activity);
        Assert.Equal(ServiceReportActivity.None, ServiceReportActivity.Of(ConfigurationItemId.From("svc-none"), December, [early, late, other], [error], []));
    }

    /// <summary>A period split anywhere gives parts whose counts add up to the whole's: every event lies in exactly one part.</summary>
    [Property]
    public bool Of_APeriodSplitInTwo_IsTheSumOfItsParts(int[] problemMinutes, int[] changeMinutes, int split)
    {
        var span = (int)December.Duration.TotalMinutes;
        Instant At(int minutes) => Start + Duration.FromMinutes((long)(Math.Abs((long)minutes) % (span + 120)) - 60);
        var problems = problemMinutes.Take(12).Select((m, i) => Closed(At(m), At(m) + Duration.FromMinutes(i * 97 % 3000), At(m) + Duration.FromMinutes(i * 97 % 3000) + Duration.FromHours(i % 3))).ToList();
        var changes = changeMinutes.Take(8).Select((m, i) => Ended(At(m), failed: i % 3 == 0)).ToList();
        var middle = Start + Duration.FromMinutes(Math.Abs((long)split) % (span + 1));

        var whole = ServiceReportActivity.Of(Email, December, problems, [], changes);
        var first = ServiceReportActivity.Of(Email, new Interval(December.Start, middle), problems, [], changes);
        var second = ServiceReportActivity.Of(Email, new Interval(middle, December.End), problems, [], changes);

        return whole == new ServiceReportActivity(
            first.ProblemsOpened + second.ProblemsOpened, first.ProblemsResolved + second.ProblemsResolved, first.ProblemsClosed + second.ProblemsClosed,
            first.KnownErrorsPublished + second.KnownErrorsPublished, first.KnownErrorsWithdrawn + second.KnownErrorsWithdrawn,
            first.ChangesImplemented + second.ChangesImplemented, first.ChangesFailed + second.ChangesFailed);
    }

    private static Problem Closed(Instant logged, Instant resolved, Instant closed)
    {
        var problem = ProblemFixture.Log(logged);
        Assert.True(problem.Investigate(Manager, logged).IsSuccess);
        Assert.True(problem.RecordRootCause("The SAN controller firmware drops writes", Manager, logged).IsSuccess);
        Assert.True(problem.Resolve(ProblemResolutionCode.Fixed, "Firmware replaced", Manager, resolved).IsSuccess);
        Assert.True(problem.Close(Manager, closed).IsSuccess);
        return problem;
    }

    private static ChangeRequestSnapshot Ended(Instant at, bool failed)
    {
        var change = ChangeFixtures.AssessedChange(ChangeType.Normal, RiskClass.Low);
        Assert.True(change.Approve(ChangeAuthority.ChangeManager, "ok", ChangeFixtures.Manager, ChangeFixtures.T0).IsSuccess);
        Assert.True(change.Schedule([], ChangeFixtures.Manager, ChangeFixtures.T0).IsSuccess);
        Assert.True(change.StartImplementation(ChangeFixtures.Requester, ChangeFixtures.T0).IsSuccess);
        Assert.True((failed ? change.Fail(FailureRemediation.BackedOut, "disk full", ChangeFixtures.Requester, at) : change.Complete("done", ChangeFixtures.Requester, at)).IsSuccess);
        return change.ToSnapshot();
    }
}
