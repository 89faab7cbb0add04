using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Incidents;

// The agreement version in force: which version's targets the clocks run under, and re-targeting when a new one comes into force.
public sealed partial class Incident
{
    /// <summary>
    /// The agreement version whose targets the clocks run under at <paramref name="at"/>, or null when no agreement governs
    /// them (the SLA definition's targets apply, or no SLA at all).
    /// </summary>
    public AgreementTargetPeriod? AgreementVersionAt(Instant at) => Sla?.VersionAt(OpenedAt, at);

    /// <summary>
    /// Brings the clocks up to date with <paramref name="current"/>, the incident's agreement as it stands now (a later version
    /// may have been signed since the incident opened, or the agreement terminated). Under
    /// <see cref="AgreementRetargetPolicy.Retarget"/>, every clock still running when a version covering the service came into
    /// force, up to <paramref name="at"/>, is re-targeted at that instant to the version's targets for the priority then
    /// (<see cref="SlaRetargetPolicy.KeepElapsed"/>: elapsed business time counts against the new target); under
    /// <see cref="AgreementRetargetPolicy.KeepStartingVersion"/> the clocks keep their targets. Idempotent; records nothing
    /// when <paramref name="current"/> is null or another agreement than the one the incident opened under (the promise made
    /// stays with the agreement it was made under). The hosting command calls it before its own transition, so the incident
    /// records no event of its own for it: each re-target is on the clock, with its reason.
    /// </summary>
    public Result FollowAgreement(AgreementTargets? current, Instant at)
    {
        if (Sla is not { Agreement: { } known } sla || current is null || current.Agreement != known.Agreement)
        {
            return Result.Success();
        }

        var response = ResponseClock;
        var resolution = ResolutionClock;
        foreach (var period in current.ChangesBetween(OpenedAt, at))
        {
            if (!period.Targets.TryGetValue(PriorityAt(period.From).Rank, out var targets))
            {
                continue;
            }

            var reason = current.RetargetReason(period);
            var retargeted = RetargetAt(response, period.From, targets.Response, reason);
            if (!retargeted.IsSuccess)
            {
                return retargeted.AsFailure();
            }

            response = retargeted.Value;
            retargeted = RetargetAt(resolution, period.From, targets.Resolution, reason);
            if (!retargeted.IsSuccess)
            {
                return retargeted.AsFailure();
            }

            resolution = retargeted.Value;
        }

        Sla = sla with { Agreement = current };
        ResponseClock = response;
        ResolutionClock = resolution;
        return Result.Success();
    }

    /// <summary>The priority the incident had at <paramref name="at"/>, from its history.</summary>
    private Priority PriorityAt(Instant at)
    {
        var priority = Priority;
        for (var i = History.Count - 1; i >= 0; i--)
        {
            switch (History[i])
            {
                case IncidentPriorityChanged changed when changed.At > at:
                    priority = changed.From;
                    break;
                case IncidentPriorityChanged or IncidentOpened:
                    return priority;
            }
        }

        return priority;
    }

    /// <summary>Re-targets <paramref name="clock"/> at the past or present instant <paramref name="at"/> unless it stopped by then or was re-targeted there for the same reason.</summary>
    private Result<SlaClock?> RetargetAt(SlaClock? clock, Instant at, Duration target, string reason)
    {
        if (clock is null || clock.Events.Any(e => (e is SlaClockStopped && e.At <= at) || (e is SlaClockRetargeted r && r.At == at && r.Reason == reason)))
        {
            return clock;
        }

        var retargeted = clock.Record(new SlaClockRetargeted(at, Sequence(3), target, reason, SlaRetargetPolicy.KeepElapsed));
        return retargeted.IsSuccess ? retargeted.Value : retargeted.AsFailure<SlaClock?>();
    }
}
