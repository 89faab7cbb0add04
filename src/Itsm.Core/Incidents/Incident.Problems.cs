using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Incidents;

// The incident's links to problem management: a problem record and its workarounds.
public sealed partial class Incident
{
    /// <summary>Links the incident to a problem record (any state but cancelled). Like every transition, refuses an instant before the latest record.</summary>
    /// <param name="problem">The problem record.</param>
    /// <param name="by">Who links it.</param>
    /// <param name="at">When.</param>
    public Result LinkToProblem(ProblemId problem, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.LinkToProblem, "link to a problem", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (problem.Value == Guid.Empty)
        {
            return Result.Invalid(Failure.Field("Problem", "Say which problem to link to.", "incident.problem"));
        }

        Problem = problem;
        return Append(new IncidentLinkedToProblem(at, by, problem));
    }

    /// <summary>
    /// Notes the workaround of a problem on the incident (revision <paramref name="revision"/> of <paramref name="problem"/>'s
    /// workaround); allowed while open and keeps the state. Pushing a workaround (<c>Problem.PushWorkaround</c>) makes one
    /// such note per open linked incident.
    /// </summary>
    /// <param name="problem">The problem whose workaround it is.</param>
    /// <param name="revision">The workaround revision, 1 or more.</param>
    /// <param name="workaround">The workaround text.</param>
    /// <param name="by">Who applies it.</param>
    /// <param name="at">When.</param>
    public Result ApplyWorkaround(ProblemId problem, int revision, string? workaround, UserId by, Instant at)
    {
        var check = Require(IncidentTransition.ApplyWorkaround, "note a workaround on", at);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (problem.Value == Guid.Empty || revision < 1 || string.IsNullOrWhiteSpace(workaround))
        {
            return Result.Invalid(Failure.Field("Workaround", "Say which problem's workaround (and revision, 1 or more) applies, and what it is.", "incident.workaround"));
        }

        return Append(new IncidentWorkaroundApplied(at, by, problem, revision, workaround.Trim()));
    }
}
