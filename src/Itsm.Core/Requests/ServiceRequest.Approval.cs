using Itsm.Core.Common;

namespace Itsm.Core.Requests;

/// <summary>How a request's votes fall into the item's approval stages: the stage open, the stage a vote counts in, and why a vote is refused.</summary>
public sealed partial class ServiceRequest
{
    /// <summary>The first stage whose quorum is not reached, or null when all are.</summary>
    private int? FirstOpenStage()
    {
        for (var s = 0; s < votes.Count; s++)
        {
            if (votes[s].Values.Count(v => v) < Item.Stages[s].Quorum)
            {
                return s;
            }
        }

        return null;
    }

    private bool ApprovesLastStage(int stage, UserId by) =>
        stage == votes.Count - 1 && FirstOpenStage() == stage && votes[stage].Values.Count(v => v) + 1 >= Item.Stages[stage].Quorum;

    /// <summary>The stage <paramref name="by"/>'s vote counts in now, or why they may not vote.</summary>
    private Result<int> StageFor(UserId by)
    {
        if (by == Requester)
        {
            return Failure.Forbidden<int>($"{by} asked for request {Id}, and the requester never approves or rejects their own request; route it to an approver of the item.", SelfApprovalCode);
        }

        var listed = Enumerable.Range(0, votes.Count).Where(s => Item.Stages[s].Approvers.Contains(by)).ToList();
        if (listed.Count == 0)
        {
            return Failure.Forbidden<int>($"{by} approves in no stage of item {Item.Id}; its approvers are: {string.Join("; ", Item.Stages.Select(s => $"{s.Name}: {string.Join(", ", s.Approvers)}"))}.", NotApproverCode);
        }

        var open = FirstOpenStage() ?? votes.Count - 1;
        var candidates = listed.Where(s => s <= open && !votes[s].ContainsKey(by)).ToList();
        if (candidates.Count == 0)
        {
            return listed.Any(s => s > open && !votes[s].ContainsKey(by))
                ? Failure.Conflict<int>($"{by} votes in stage {listed.First(s => s > open) + 1} of request {Id}, which opens once stage {open + 1} ({Item.Stages[open].Name}) is approved.", StageNotOpenCode)
                : Failure.Conflict<int>($"{by} has already voted on request {Id}.", VotedCode);
        }

        var stage = candidates[0];
        var definition = Item.Stages[stage];
        if (definition.Mode == ApprovalMode.Sequential && definition.Approvers[votes[stage].Count] != by)
        {
            return Failure.Conflict<int>($"Stage {stage + 1} ({definition.Name}) of request {Id} is sequential: {definition.Approvers[votes[stage].Count]} approves before {by}.", OutOfTurnCode);
        }

        return stage;
    }
}
