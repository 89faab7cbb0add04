using Itsm.Core.Changes;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixture;

namespace Itsm.Core.Tests.Problems;

internal static class ProblemFixture
{
    public static readonly UserId Manager = UserId.From("problem-manager");
    public static readonly ConfigurationItemId Storage = ConfigurationItemId.From("san-01");

    public static Problem Log(Instant? at = null) =>
        Problem.Log(ProblemId.New(), "Mail bounces every night", Email, [Storage], "mail", Decision(2, 2), Manager, at ?? Monday0900).Value;

    public static ResolvingChange Implemented(bool implemented = true) =>
        new(ChangeId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01")), implemented ? ChangeStatus.Implemented : ChangeStatus.Scheduled, implemented);

    /// <summary>A problem under investigation with a root cause and a workaround, a minute apart from <see cref="Monday0900"/>.</summary>
    public static Problem WithWorkaround()
    {
        var problem = Log();
        Assert.True(problem.Investigate(Manager, Monday0900 + Duration.FromMinutes(1)).IsSuccess);
        Assert.True(problem.RecordRootCause("The SAN controller firmware drops writes", Manager, Monday0900 + Duration.FromMinutes(2)).IsSuccess);
        Assert.True(problem.RecordWorkaround("Fail over to controller B", Manager, Monday0900 + Duration.FromMinutes(3)).IsSuccess);
        return problem;
    }
}
