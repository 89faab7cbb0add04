using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>How a problem applies its events, checks a transition's state and time, and appends to its history.</summary>
public sealed partial class Problem
{
    /// <summary>Makes the transition <paramref name="e"/> records; its checks were made before.</summary>
    private void Apply(ProblemEvent e)
    {
        var via = ProblemLifecycle.TransitionOf(e)!.Value;
        State = ProblemLifecycle.Table.TargetsOf(State, via)[0];
        switch (e)
        {
            case ProblemAssigned a:
                Assignee = a.Assignee;
                break;
            case ProblemIncidentLinked l:
                incidents.Add(l.Incident);
                break;
            case ProblemPriorityChanged p:
                Decision = p.Decision;
                break;
            case ProblemRootCauseRecorded r:
                RootCause = new RecordedFinding(r.RootCause, r.By, r.At);
                break;
            case ProblemWorkaroundRecorded w:
                Workaround = new RecordedFinding(w.Workaround, w.By, w.At);
                WorkaroundRevision++;
                break;
            case ProblemKnownErrorPublished k:
                KnownError = k.KnownError;
                break;
            case ProblemWorkaroundPushed p:
                foreach (var incident in p.Incidents)
                {
                    reached[incident] = p.Revision;
                }

                break;
            case ProblemResolved r:
                Resolution = r.Code;
                ResolutionNotes = r.Notes;
                ResolvedByChange = r.Change;
                ResolvedAt = r.At;
                break;
        }

        History = History.Add(e);
    }

    /// <summary>State first, then time: the transition must be allowed from the current state, and <paramref name="at"/> not before the latest record.</summary>
    private Result Require(ProblemTransition via, string action, Instant at) =>
        ProblemLifecycle.Table.Require(State, via, action, $"problem {Id}", History[^1].At, at, IllegalTransitionCode, TimeOrderCode);

    private Result Append(ProblemEvent e)
    {
        Apply(e);
        return Result.Success();
    }

    private static string Describe(ProblemEvent? e) => e is null ? "null" : $"{e.GetType().Name} by {e.By} at {e.At}";
}
