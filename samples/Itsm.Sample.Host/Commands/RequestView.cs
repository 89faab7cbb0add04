using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Requests;
using Itsm.Core.Requests;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>One history record of a request in JSON: what happened, who did it, when, and what it said.</summary>
/// <param name="Event">The record's kind, such as <c>ServiceRequestApproved</c>.</param>
/// <param name="By">Who.</param>
/// <param name="At">When (ISO-8601).</param>
/// <param name="Detail">The stage voted in, the task done or the reason given; null when there is none.</param>
internal sealed record RequestEventDocument(string Event, string By, string At, string? Detail);

/// <summary>One approval stage of an item in JSON, with the votes of a request when shown for one.</summary>
/// <param name="Name">The stage's name.</param>
/// <param name="Mode">sequential or parallel.</param>
/// <param name="Quorum">How many approvals approve it.</param>
/// <param name="Approvers">Its approvers, in order.</param>
/// <param name="Votes">Each approver's vote so far (approved or rejected); empty for an item.</param>
internal sealed record RequestStageDocument(string Name, string Mode, int Quorum, string[] Approvers, Dictionary<string, string> Votes);

/// <summary>One fulfilment task in JSON.</summary>
/// <param name="Id">Its id within the item.</param>
/// <param name="Name">What is done.</param>
/// <param name="Group">Who does it.</param>
/// <param name="Effort">Its business time on the group's calendar, such as 6h.</param>
/// <param name="After">The tasks it waits for.</param>
/// <param name="Done">True once done (always false for an item).</param>
internal sealed record RequestTaskDocument(string Id, string Name, string Group, string Effort, string[] After, bool Done);

/// <summary>A request catalogue item as <c>--json</c> shows it.</summary>
internal sealed record RequestItemDocument(
    string Id, string Tenant, long Version, string Service, string Name, string Priority, string[] Fields, RequestStageDocument[] Approval, RequestTaskDocument[] Tasks,
    Dictionary<string, string> Groups, string ServiceCalendar, string Target, int[] Warn);

/// <summary>Where a request's fulfilment clock stands, in JSON.</summary>
/// <param name="State">not-started, running, paused, met or breached.</param>
/// <param name="Elapsed">Business time counted, such as 2h30m.</param>
/// <param name="Target">The item's fulfilment target.</param>
/// <param name="Due">When the target is reached, if it is running or paused with a known due instant.</param>
/// <param name="BreachedAt">When it breached, or null.</param>
/// <param name="AtRisk">True when running and at risk (a warning crossed, or the promise after the due instant).</param>
internal sealed record FulfilmentDocument(string State, string Elapsed, string Target, string? Due, string? BreachedAt, bool AtRisk);

/// <summary>A service request as <c>--json</c> shows it.</summary>
internal sealed record RequestDocument(
    string Id, string Tenant, long Version, string Item, string Service, string Requester, string SubmittedAt, string Priority, string State, Dictionary<string, string> Values,
    string? Promised, int? OpenStage, RequestStageDocument[] Approval, RequestTaskDocument[] Tasks, FulfilmentDocument Fulfilment, string[] NextStates, RequestEventDocument[] History);

/// <summary>How the host shows request items and requests: one JSON document shape each and a few plain lines for people.</summary>
internal static class RequestView
{
    /// <summary>The JSON document of an item.</summary>
    public static RequestItemDocument Document(Versioned<RequestItem> stored, string tenant)
    {
        var i = stored.Record;
        return new RequestItemDocument(
            i.Id.Value, tenant, stored.Version, i.Service.Value, i.Name, i.Priority.ToString(), [.. i.Fields.Select(f => f.ToString())], [.. i.Stages.Select(s => Stage(s, null))],
            [.. i.Tasks.Select(t => Task(t, false))], i.GroupCalendars.ToDictionary(p => p.Key.Value, p => p.Value.Value), i.ServiceCalendar.Value,
            DurationText(i.FulfilmentTarget), [.. i.WarningThresholds]);
    }

    /// <summary>The JSON document of a request with its fulfilment clock.</summary>
    public static RequestDocument Document(ServiceRequestView view, string tenant)
    {
        var r = view.Request.Record;
        var f = view.Fulfilment;
        return new RequestDocument(
            r.Id.ToString(), tenant, view.Request.Version, r.Item.Id.Value, r.Item.Service.Value, r.Requester.Value, InstantText.Format(r.SubmittedAt), r.Priority.ToString(), Name(r.State),
            r.Values.ToDictionary(p => p.Key, p => p.Value), r.Promised is { } p ? InstantText.Format(p) : null, r.OpenStage,
            [.. r.Item.Stages.Select((s, n) => Stage(s, r.VotesIn(n)))], [.. r.Item.Tasks.Select(t => Task(t, r.CompletedTasks.Contains(t.Id)))],
            new FulfilmentDocument(TypedOptions.Kebab(f.State.ToString()), DurationText(f.Elapsed), DurationText(f.Target), f.Due is { } due ? InstantText.Format(due) : null, f.BreachedAt is { } b ? InstantText.Format(b) : null, view.IsAtRisk),
            [.. NextStates(r).Select(Name)],
            [.. r.History.Select(e => new RequestEventDocument(e.GetType().Name, e.By.Value, InstantText.Format(e.At), Detail(r, e)))]);
    }

    /// <summary>The one confirmation line of a request command.</summary>
    public static void Confirm(TextWriter output, string done, ServiceRequestView view)
    {
        var r = view.Request.Record;
        var promise = r.Promised is { } p ? $", promised {InstantText.Format(p)}" : string.Empty;
        var stage = r.OpenStage is { } s ? $", stage {s + 1} of {r.Item.Stages.Length} ({SafeText.Escape(r.Item.Stages[s].Name)}) open" : string.Empty;
        output.WriteLine($"{done}{(done.Length == 0 ? string.Empty : " ")}request {r.Id} ({r.Item.Id}): state {Name(r.State)}{stage}{promise}, version {view.Request.Version.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The details of <c>show</c>: the request, its approvals, its tasks, its clock and its history.</summary>
    public static void WriteDetails(TextWriter output, ServiceRequestView view)
    {
        var d = Document(view, string.Empty);
        Confirm(output, string.Empty, view);
        output.WriteLine($"  {SafeText.Escape(view.Request.Record.Item.Name)} for {d.Service}, asked by {SafeText.Escape(d.Requester)} at {d.SubmittedAt}, priority {d.Priority}");
        foreach (var (field, value) in d.Values)
        {
            output.WriteLine($"  {SafeText.Escape(field)}: {SafeText.Escape(value)}");
        }

        foreach (var (s, n) in d.Approval.Select((s, n) => (s, n)))
        {
            var votes = s.Votes.Count == 0 ? "no votes" : string.Join(", ", s.Votes.Select(v => $"{SafeText.Escape(v.Key)} {v.Value}"));
            output.WriteLine($"  stage {n + 1} {SafeText.Escape(s.Name)} ({s.Mode}, {s.Quorum} of {string.Join(", ", s.Approvers.Select(SafeText.Escape))}): {votes}");
        }

        foreach (var t in d.Tasks)
        {
            output.WriteLine($"  task {t.Id} {(t.Done ? "done" : "to do")}: {SafeText.Escape(t.Name)} ({t.Group}, {t.Effort}{(t.After.Length == 0 ? string.Empty : ", after " + string.Join(", ", t.After))})");
        }

        var f = d.Fulfilment;
        output.WriteLine($"  fulfilment clock {f.State}: {f.Elapsed} of {f.Target}{(f.Due is null ? string.Empty : ", due " + f.Due)}{(f.BreachedAt is null ? string.Empty : ", breached " + f.BreachedAt)}{(f.AtRisk ? ", AT RISK" : string.Empty)}");
        output.WriteLine($"  next: {(d.NextStates.Length == 0 ? "(final)" : string.Join(", ", d.NextStates))}");
        foreach (var e in d.History)
        {
            output.WriteLine($"  {e.At} {SafeText.Escape(e.By)} {e.Event}{(e.Detail is null ? string.Empty : ": " + SafeText.Escape(e.Detail))}");
        }
    }

    /// <summary>The one line of an item for people.</summary>
    public static void Confirm(TextWriter output, string done, Versioned<RequestItem> stored)
    {
        var i = stored.Record;
        var approval = i.IsPreApproved ? "pre-approved" : $"{i.Stages.Length} approval stage(s)";
        output.WriteLine($"{done}{(done.Length == 0 ? string.Empty : " ")}request item {i.Id} of {i.Service} ({SafeText.Escape(i.Name)}): {approval}, priority {i.Priority}, {i.Tasks.Length} task(s), target {DurationText(i.FulfilmentTarget)} on {i.ServiceCalendar}, version {stored.Version.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The details of <c>item show</c>.</summary>
    public static void WriteDetails(TextWriter output, Versioned<RequestItem> stored)
    {
        var d = Document(stored, string.Empty);
        Confirm(output, string.Empty, stored);
        output.WriteLine($"  fields: {(d.Fields.Length == 0 ? "(none)" : string.Join(", ", d.Fields.Select(SafeText.Escape)))} (* required)");
        foreach (var (s, n) in d.Approval.Select((s, n) => (s, n)))
        {
            output.WriteLine($"  stage {n + 1} {SafeText.Escape(s.Name)}: {s.Mode}, {s.Quorum} of {string.Join(", ", s.Approvers.Select(SafeText.Escape))}");
        }

        foreach (var t in d.Tasks)
        {
            output.WriteLine($"  task {t.Id}: {SafeText.Escape(t.Name)} ({t.Group} on {d.Groups[t.Group]}, {t.Effort}{(t.After.Length == 0 ? string.Empty : ", after " + string.Join(", ", t.After))})");
        }
    }

    /// <summary>The command line's name of a request state (<c>AwaitingApproval</c> as <c>awaiting-approval</c>).</summary>
    public static string Name(ServiceRequestState state) => TypedOptions.Kebab(state.ToString());

    /// <summary><c>6h</c>, <c>1h30m</c>, <c>45s</c>: a duration in the syntax the options and the item file take.</summary>
    public static string DurationText(Duration duration)
    {
        var seconds = (long)duration.TotalSeconds;
        var (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        var text = (hours > 0 ? $"{hours}h" : string.Empty) + (minutes > 0 ? $"{minutes}m" : string.Empty) + (rest > 0 ? $"{rest}s" : string.Empty);
        return text.Length == 0 ? "0m" : text;
    }

    private static IEnumerable<ServiceRequestState> NextStates(ServiceRequest request) =>
        ServiceRequestLifecycle.Table.NextStates(request.State);

    private static RequestStageDocument Stage(ApprovalStage stage, IReadOnlyDictionary<Itsm.Core.Common.UserId, bool>? votes) =>
        new(stage.Name, TypedOptions.Kebab(stage.Mode.ToString()), stage.Quorum, [.. stage.Approvers.Select(a => a.Value)],
            (votes ?? new Dictionary<Itsm.Core.Common.UserId, bool>()).OrderBy(v => stage.Approvers.IndexOf(v.Key)).ToDictionary(v => v.Key.Value, v => v.Value ? "approved" : "rejected"));

    private static RequestTaskDocument Task(FulfilmentTask task, bool done) =>
        new(task.Id.Value, task.Name, task.Group.Value, DurationText(task.Effort), [.. task.DependsOn.Select(d => d.Value)], done);

    private static string? Detail(ServiceRequest request, ServiceRequestEvent e) => e switch
    {
        ServiceRequestApproved a => $"stage {a.Stage + 1} ({request.Item.Stages[a.Stage].Name}){(a.Comment is null ? string.Empty : ", " + a.Comment)}{(a.Promised is { } p ? ", promised " + InstantText.Format(p) : string.Empty)}",
        ServiceRequestRejected r => $"stage {r.Stage + 1} ({request.Item.Stages[r.Stage].Name}), {r.Reason}",
        FulfilmentTaskCompleted t => $"task {t.Task}",
        ServiceRequestCancelled c => c.Reason,
        ServiceRequestSubmitted { Promised: { } p } => $"pre-approved, promised {InstantText.Format(p)}",
        _ => null,
    };
}
