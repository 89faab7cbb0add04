using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>Pushing a problem's workaround to its open linked incidents.</summary>
public sealed partial class Problem
{
    /// <summary>
    /// Pushes the current workaround to the open linked incidents that have not yet received this revision: each
    /// gets one <see cref="IncidentWorkaroundApplied"/> note, and under <see cref="WorkaroundPushPolicy.ResolveWhereAllowed"/>
    /// is also resolved with the workaround where its lifecycle allows resolving. Closed, resolved and cancelled
    /// incidents, and those that already have this revision, are skipped. When nobody is left to reach, it succeeds,
    /// records nothing and changes nothing: pushing twice is pushing once.
    /// </summary>
    /// <param name="linked">The linked incidents, as loaded; each must be linked to this problem.</param>
    /// <param name="policy">Whether a note is all, or open incidents are also resolved.</param>
    /// <param name="by">Who pushes.</param>
    /// <param name="at">When.</param>
    /// <returns>What the push did; or a failure (no workaround, an incident not linked, an incident with a later record), and nothing changed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="linked"/> or an incident is null.</exception>
    public Result<WorkaroundPush> PushWorkaround(IEnumerable<Incident> linked, WorkaroundPushPolicy policy, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(linked);
        var given = linked.Select(i => Preconditions.CheckNotNull(i, nameof(linked))).DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
        var check = Require(ProblemTransition.PushWorkaround, "push the workaround of", at);
        if (!check.IsSuccess)
        {
            return check.AsFailure<WorkaroundPush>();
        }

        if (Workaround is not { } workaround)
        {
            return Failure.Conflict<WorkaroundPush>($"Problem {Id} has no workaround to push; record one first.", "problem.no-workaround");
        }

        if (!Enum.IsDefined(policy))
        {
            return Result<WorkaroundPush>.Invalid(Failure.Field("Policy", $"'{policy}' is not a workaround push policy.", "problem.push-policy"));
        }

        if (given.FirstOrDefault(i => !incidents.Contains(i.Id)) is { } stranger)
        {
            return Result<WorkaroundPush>.Invalid(Failure.Field("Incidents", $"Incident {stranger.Id} is not linked to problem {Id}.", "problem.incident-not-linked"));
        }

        var targets = given.Where(i => i.IsOpen && !HasReached(i.Id, WorkaroundRevision)).ToList();
        if (targets.FirstOrDefault(i => i.History[^1].At > at) is { } later)
        {
            return Failure.Conflict<WorkaroundPush>(
                $"Cannot push the workaround of problem {Id} at {at}: incident {later.Id} last changed at {later.History[^1].At}, and history does not run backwards.",
                TimeOrderCode);
        }

        var resolved = new List<IncidentId>();
        foreach (var incident in targets)
        {
            var noted = incident.ApplyWorkaround(Id, WorkaroundRevision, workaround.Text, by, at);
            Preconditions.CheckState(noted.IsSuccess, "An open incident accepts a workaround note.");
            if (policy == WorkaroundPushPolicy.ResolveWhereAllowed && incident.AllowedTransitions().Contains(IncidentTransition.Resolve))
            {
                var done = incident.Resolve($"Workaround from problem {Id} (revision {WorkaroundRevision.ToString(CultureInfo.InvariantCulture)}): {workaround.Text}", by, at);
                Preconditions.CheckState(done.IsSuccess, "An incident whose lifecycle allows resolving accepts a resolution.");
                resolved.Add(incident.Id);
            }
        }

        var reachedNow = targets.Select(i => i.Id).ToImmutableArray();
        if (!reachedNow.IsEmpty)
        {
            Append(new ProblemWorkaroundPushed(at, by, WorkaroundRevision, reachedNow));
        }

        var skipped = given.Select(i => i.Id).Except(reachedNow).ToImmutableArray();
        return new WorkaroundPush(Id, WorkaroundRevision, reachedNow, [.. resolved], skipped);
    }

    /// <summary>True when the push of workaround revision <paramref name="revision"/> already reached <paramref name="incident"/>.</summary>
    public bool HasReached(IncidentId incident, int revision) => reached.TryGetValue(incident, out var r) && r >= revision;
}

/// <summary>Whether pushing a workaround only notes it on the open incidents, or also resolves them.</summary>
/// <remarks><c>default</c> is <see cref="NoteOnly"/>.</remarks>
public enum WorkaroundPushPolicy
{
    /// <summary>Each open linked incident gets a workaround note; its state does not change.</summary>
    NoteOnly = 0,

    /// <summary>Each open linked incident gets the note, and is resolved with the workaround where its lifecycle allows resolving (not while New).</summary>
    ResolveWhereAllowed = 1,
}

/// <summary>What one push of a workaround did.</summary>
/// <param name="Problem">The problem.</param>
/// <param name="Revision">The workaround revision pushed.</param>
/// <param name="Reached">The incidents that received it now, ordered: each got one note.</param>
/// <param name="Resolved">Of those, the ones also resolved with it.</param>
/// <param name="Skipped">The linked incidents given that it did not touch: not open, or already reached by this revision.</param>
public sealed record WorkaroundPush(ProblemId Problem, int Revision, ImmutableArray<IncidentId> Reached, ImmutableArray<IncidentId> Resolved, ImmutableArray<IncidentId> Skipped)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
