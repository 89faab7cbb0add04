using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Releases;
using Itsm.Core.Releases;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>One history record of a release in JSON: what happened, who did it, when.</summary>
/// <param name="Event">The record's kind, such as <c>ReleaseDeploymentStarted</c>.</param>
/// <param name="By">Who.</param>
/// <param name="At">When (ISO-8601).</param>
internal sealed record ReleaseEventDocument(string Event, string By, string At);

/// <summary>One planned environment of a release in JSON, with how its deployment went.</summary>
/// <param name="Environment">test, staging or production.</param>
/// <param name="Items">Its target items.</param>
/// <param name="WindowStart">The planned window's start (ISO-8601).</param>
/// <param name="WindowEnd">Its end (exclusive).</param>
/// <param name="Baseline">The before-baseline of its latest deployment, or null before one.</param>
/// <param name="Outcome">deploying, deployed, rolled-back, or null before a deployment.</param>
internal sealed record ReleaseEnvironmentDocument(string Environment, string[] Items, string WindowStart, string WindowEnd, string? Baseline, string? Outcome);

/// <summary>A release as <c>--json</c> shows it.</summary>
internal sealed record ReleaseDocument(
    string Id,
    string Tenant,
    long Version,
    string Title,
    string Unit,
    string ReleaseVersion,
    string Type,
    string Policy,
    string State,
    string[] Changes,
    string? Build,
    string? RollbackPlan,
    string[] KnownErrors,
    string[] AcknowledgedKnownErrors,
    ReleaseTestResult[] Tests,
    ReleaseEnvironmentDocument[] Environments,
    string[] NextStates,
    ReleaseEventDocument[] History);

/// <summary>One planned deployment on the release calendar in JSON.</summary>
internal sealed record ReleaseCalendarDocument(string Release, string Unit, string Version, string Title, string State, string Environment, string WindowStart, string WindowEnd, string[] Items, bool Passed);

/// <summary>How the host shows releases: one JSON document shape and a few plain lines for people.</summary>
internal static class ReleaseView
{
    /// <summary>The JSON document of <paramref name="stored"/>.</summary>
    public static ReleaseDocument Document(Versioned<Release> stored, string tenant)
    {
        var r = stored.Record;
        return new ReleaseDocument(
            r.Id.ToString(),
            tenant,
            stored.Version,
            r.Details.Title,
            r.Details.Unit.Value,
            r.Details.Version.ToString(),
            TypedOptions.Kebab(r.Details.Type.ToString()),
            r.Details.Policy.Name,
            r.State.ToString(),
            [.. r.Changes.Select(c => c.ToString())],
            r.BuildReference,
            r.RollbackPlan,
            [.. r.Details.KnownErrors.Select(k => k.ToString())],
            [.. r.AcknowledgedKnownErrors.Select(k => k.ToString())],
            [.. r.TestResults],
            [.. r.Environments.Select(e => Environment(r, e))],
            [.. r.NextStates.Select(s => s.ToString())],
            [.. r.History.Select(e => new ReleaseEventDocument(e.GetType().Name, e.By.Value, InstantText.Format(e.At)))]);
    }

    /// <summary>The JSON document of one calendar entry.</summary>
    public static ReleaseCalendarDocument Document(ReleaseCalendarEntry e) =>
        new(e.Release.ToString(), e.Unit.Value, e.Version.ToString(), e.Title, e.State.ToString(), Name(e.Environment), InstantText.Format(e.Window.Start), InstantText.Format(e.Window.End), [.. e.Items.Select(i => i.Value)], e.Passed);

    /// <summary>The one confirmation line of a release command.</summary>
    public static void Confirm(TextWriter output, string done, Versioned<Release> stored) =>
        output.WriteLine($"{done} release {stored.Record.Id} ({stored.Record.Details.Unit} {stored.Record.Details.Version}): state {stored.Record.State}, version {stored.Version.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The details of <c>show</c>: the fields, the environments and the history.</summary>
    public static void WriteDetails(TextWriter output, Versioned<Release> stored)
    {
        var r = stored.Record;
        output.WriteLine($"release {r.Id} (version {stored.Version.ToString(CultureInfo.InvariantCulture)}): {SafeText.Escape(r.Details.Title)}");
        output.WriteLine($"  {r.Details.Unit} {r.Details.Version}, {Name(r.Details.Type)} under policy {r.Details.Policy.Name}, state {r.State}");
        output.WriteLine($"  changes {(r.Changes.IsEmpty ? "(none)" : string.Join(", ", r.Changes))}");
        output.WriteLine($"  build {r.BuildReference ?? "(none)"}, rollback plan {SafeText.Escape(r.RollbackPlan ?? "(none)")}");
        foreach (var test in r.TestResults)
        {
            output.WriteLine($"  test {SafeText.Escape(test.Suite)}: {(test.Passed ? "passed" : "failed")} {SafeText.Escape(test.Notes)}");
        }

        foreach (var e in r.Environments.Select(e => Environment(r, e)))
        {
            output.WriteLine($"  {e.Environment}: {string.Join(", ", e.Items)} in [{e.WindowStart}, {e.WindowEnd}) {e.Outcome ?? "not deployed"}");
        }

        output.WriteLine($"  next: {(r.NextStates.IsEmpty ? "(final)" : string.Join(", ", r.NextStates))}");
        foreach (var e in r.History)
        {
            output.WriteLine($"  {InstantText.Format(e.At)} {e.By} {e.GetType().Name}");
        }
    }

    /// <summary>The command line's name of a value (<c>InTest</c> as <c>in-test</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => TypedOptions.Kebab(value.ToString());

    private static ReleaseEnvironmentDocument Environment(Release release, EnvironmentPlan plan)
    {
        var latest = release.Deployments.LastOrDefault(d => d.Environment == plan.Environment);
        var outcome = latest is null ? null : latest.RolledBackAt is not null ? "rolled-back" : latest.CompletedAt is not null ? "deployed" : "deploying";
        return new(Name(plan.Environment), [.. plan.Items.Select(i => i.Value)], InstantText.Format(plan.Window.Start), InstantText.Format(plan.Window.End), latest?.Baseline.ToString(), outcome);
    }
}
