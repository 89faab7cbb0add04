using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Problems;

namespace Itsm.Sample.Host.Commands;

/// <summary>One history record of a problem in JSON: what happened, who did it, when.</summary>
/// <param name="Event">The record's kind, such as <c>ProblemRootCauseRecorded</c>.</param>
/// <param name="By">Who.</param>
/// <param name="At">When (ISO-8601).</param>
internal sealed record ProblemEventDocument(string Event, string By, string At);

/// <summary>A recorded value (root cause, workaround) in JSON.</summary>
/// <param name="Text">The value.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="At">When (ISO-8601).</param>
internal sealed record FindingDocument(string Text, string By, string At);

/// <summary>A problem as <c>--json</c> shows it.</summary>
internal sealed record ProblemDocument(
    string Id,
    string Tenant,
    long Version,
    string Title,
    string State,
    string Service,
    string[] Items,
    string? Category,
    string Priority,
    string? Assignee,
    string[] Incidents,
    FindingDocument? RootCause,
    FindingDocument? Workaround,
    int WorkaroundRevision,
    string? KnownError,
    string? Resolution,
    string? ResolvedByChange,
    string[] NextStates,
    ProblemEventDocument[] History);

/// <summary>How the host shows problems: one JSON document shape and a few plain lines for people.</summary>
internal static class ProblemView
{
    /// <summary>The JSON document of <paramref name="stored"/>.</summary>
    public static ProblemDocument Document(Versioned<Problem> stored, string tenant)
    {
        var p = stored.Record;
        return new ProblemDocument(
            p.Id.ToString(),
            tenant,
            stored.Version,
            p.Title,
            p.State.ToString(),
            p.Service.Value,
            [.. p.Items.Select(i => i.Value)],
            p.Category,
            p.Priority.ToString(),
            p.Assignee?.Value,
            [.. p.Incidents.Select(i => i.ToString())],
            Finding(p.RootCause),
            Finding(p.Workaround),
            p.WorkaroundRevision,
            p.KnownError?.ToString(),
            p.Resolution?.ToString(),
            p.ResolvedByChange?.ToString(),
            [.. p.NextStates().Select(s => s.ToString())],
            [.. p.History.Select(e => new ProblemEventDocument(e.GetType().Name, e.By.Value, e.At.ToString()))]);
    }

    /// <summary>The one confirmation line of a problem command.</summary>
    public static void Confirm(TextWriter output, string done, Versioned<Problem> stored) =>
        output.WriteLine($"{done} problem {stored.Record.Id}: state {stored.Record.State}, priority {stored.Record.Priority}, version {stored.Version}");

    /// <summary>The details of <c>show</c>: the fields, the findings, the incidents and the history.</summary>
    public static void WriteDetails(TextWriter output, Versioned<Problem> stored)
    {
        var p = stored.Record;
        output.WriteLine($"problem {p.Id} (version {stored.Version.ToString(CultureInfo.InvariantCulture)}): {p.Title}");
        output.WriteLine($"  state {p.State}, priority {p.Priority}, service {p.Service}, assignee {p.Assignee?.Value ?? "(none)"}");
        output.WriteLine($"  items {(p.Items.IsEmpty ? "(none)" : string.Join(", ", p.Items))}, category {p.Category ?? "(none)"}");
        output.WriteLine($"  root cause: {p.RootCause?.Text ?? "(unknown)"}");
        output.WriteLine($"  workaround: {(p.Workaround is { } w ? $"{w.Text} (revision {p.WorkaroundRevision.ToString(CultureInfo.InvariantCulture)})" : "(none)")}");
        output.WriteLine($"  known error: {p.KnownError?.ToString() ?? "(none)"}; resolution: {p.Resolution?.ToString() ?? "(none)"}{(p.ResolvedByChange is { } c ? $" by change {c}" : string.Empty)}");
        output.WriteLine($"  incidents: {(p.Incidents.Count == 0 ? "(none)" : string.Join(", ", p.Incidents))}");
        output.WriteLine($"  next: {string.Join(", ", p.NextStates())}");
        foreach (var e in p.History)
        {
            output.WriteLine($"  {e.At}  {e.GetType().Name} by {e.By}");
        }
    }

    private static FindingDocument? Finding(RecordedFinding? finding) => finding is null ? null : new(finding.Text, finding.By.Value, finding.At.ToString());
}
