using System.CommandLine;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm cmdb baseline capture|list|diff</c> and <c>itsm cmdb audit</c>: configuration baselines and
/// the configuration audit, one library request each through the dispatcher (<c>CaptureBaseline</c>,
/// <c>ListBaselines</c>, <c>CompareBaseline</c>, <c>AuditConfiguration</c>).
/// </summary>
/// <remarks>
/// A baseline is named on the command line by its id (the GUID <c>capture</c> prints) or by its name
/// when exactly one baseline of the tenant has it. Exit codes: an unknown or ambiguous baseline gives
/// <see cref="ExitCodes.NotFound"/> or <see cref="ExitCodes.InvalidInput"/>; a bad name
/// <see cref="ExitCodes.InvalidInput"/>. An audit that finds unauthorised changes still exits 0: the
/// finding is the answer (<c>isClean</c> in <c>--json</c>).
/// </remarks>
internal static class BaselineCommands
{
    /// <summary>Creates <c>cmdb baseline</c> with its subcommands.</summary>
    internal static Command CreateBaseline()
    {
        var baseline = new Command("baseline", "Configuration baselines: capture the whole CMDB under a name, list them, diff one against now or another.");
        baseline.Subcommands.Add(CreateCapture());
        baseline.Subcommands.Add(CreateList());
        baseline.Subcommands.Add(CreateDiff());
        return baseline;
    }

    /// <summary>Creates <c>cmdb audit</c>.</summary>
    internal static Command CreateAudit()
    {
        var which = BaselineArgument();
        var command = new Command(
            "audit",
            "Audit the CMDB against a baseline: every difference since it was captured, matched to an implemented, authorised change on that item (AuditConfiguration); what no change explains is unauthorised.\n\n"
            + "Example:\n  itsm cmdb audit \"before import\"");
        command.Arguments.Add(which);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var found = await FindAsync(session, parseResult.GetValue(which)!, cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess)
            {
                return ResultReport.Write(found, error);
            }

            var audit = await session.Dispatcher.QueryAsync(new AuditConfiguration(session.Context, found.Value.Id), cancellationToken).ConfigureAwait(false);
            if (!audit.IsSuccess)
            {
                return ResultReport.Write(audit, error);
            }

            return JsonOutput.Answer(
                parseResult, output,
                () => BaselineView.AuditDocument(session.Context.Tenant.Value, found.Value, audit.Value),
                () => BaselineView.WriteAudit(output, found.Value, audit.Value));
        }));
        return command;
    }

    private static Command CreateCapture()
    {
        var name = new Argument<string>("name") { Description = "The baseline's name, such as \"2027-Q1 release\"." };
        var command = new Command(
            "capture",
            "Capture a baseline of every configuration item and relationship of the tenant, as it is now (CaptureBaseline); prints its id.\n\n"
            + "Example:\n  itsm cmdb baseline capture \"before import\"");
        command.Arguments.Add(name);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var captured = await session.Dispatcher.SendAsync(new CaptureBaseline(session.Context, parseResult.GetValue(name) ?? string.Empty), cancellationToken).ConfigureAwait(false);
            if (!captured.IsSuccess)
            {
                return ResultReport.Write(captured, error, new Dictionary<string, string> { ["Name"] = "name" });
            }

            var stored = await FindAsync(session, captured.Value.ToString(), cancellationToken).ConfigureAwait(false);
            if (!stored.IsSuccess)
            {
                return ResultReport.Write(stored, error);
            }

            var baseline = stored.Value;
            return JsonOutput.Answer(
                parseResult, output,
                () => BaselineView.Document(baseline),
                () => output.WriteLine(
                    $"captured baseline {baseline.Id} '{SafeText.Escape(baseline.Name)}' of {baseline.State.Items.Count} configuration item(s) and {baseline.State.Relationships.Count} relationship(s) "
                    + $"at {InstantText.FormatSeconds(baseline.CapturedAt)} for tenant '{session.Context.Tenant}'"));
        }));
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List the tenant's baselines, oldest first: id, name, when and by whom captured, size and content hash.\n\nExample:\n  itsm cmdb baseline list --json");
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var listed = await session.Dispatcher.QueryAsync(new ListBaselines(session.Context), cancellationToken).ConfigureAwait(false);
            if (!listed.IsSuccess)
            {
                return ResultReport.Write(listed, error);
            }

            var tenant = session.Context.Tenant.Value;
            return JsonOutput.Answer(
                parseResult, output,
                () => new BaselineListDocument(tenant, listed.Value.Count, [.. listed.Value.Select(BaselineView.Document)]),
                () => BaselineView.WriteList(output, tenant, listed.Value));
        }));
        return command;
    }

    private static Command CreateDiff()
    {
        var which = BaselineArgument();
        var with = new Option<string?>("--with") { Description = "Another baseline (id or name) as the newer side; the current CMDB when omitted." };
        var command = new Command(
            "diff",
            "What changed between a baseline and the current CMDB (or another baseline): items added, removed and modified field by field, relationships added and removed (CompareBaseline).\n\n"
            + "Example:\n  itsm cmdb baseline diff \"before import\"");
        command.Arguments.Add(which);
        command.Options.Add(with);
        command.Options.Add(HostOptions.Json);
        RecordSession.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => RecordSession.RunAsync(parseResult, async (session, output, error) =>
        {
            var from = await FindAsync(session, parseResult.GetValue(which)!, cancellationToken).ConfigureAwait(false);
            if (!from.IsSuccess)
            {
                return ResultReport.Write(from, error);
            }

            ConfigurationBaseline? other = null;
            if (parseResult.GetValue(with) is { } withText)
            {
                var found = await FindAsync(session, withText, cancellationToken, "--with").ConfigureAwait(false);
                if (!found.IsSuccess)
                {
                    return ResultReport.Write(found, error);
                }

                other = found.Value;
            }

            var diff = await session.Dispatcher.QueryAsync(new CompareBaseline(session.Context, from.Value.Id, other?.Id), cancellationToken).ConfigureAwait(false);
            if (!diff.IsSuccess)
            {
                return ResultReport.Write(diff, error);
            }

            return JsonOutput.Answer(
                parseResult, output,
                () => BaselineView.DiffDocument(session.Context.Tenant.Value, from.Value, other, diff.Value),
                () => BaselineView.WriteDiff(output, from.Value, other, diff.Value));
        }));
        return command;
    }

    private static Argument<string> BaselineArgument() => new("baseline") { Description = "The baseline: its id, as 'capture' and 'list' print it, or its name when no other baseline has it." };

    /// <summary>The baseline <paramref name="text"/> names: by id, else by its name when exactly one baseline of the tenant has it.</summary>
    private static async Task<Result<ConfigurationBaseline>> FindAsync(RecordSession session, string text, CancellationToken cancellationToken, string field = "baseline")
    {
        var listed = await session.Dispatcher.QueryAsync(new ListBaselines(session.Context), cancellationToken).ConfigureAwait(false);
        if (!listed.IsSuccess)
        {
            return listed.AsFailure<ConfigurationBaseline>();
        }

        var trimmed = text.Trim();
        if (Guid.TryParse(trimmed, out _) && BaselineId.Parse(trimmed, field) is { IsSuccess: true } id)
        {
            return listed.Value.FirstOrDefault(b => b.Id == id.Value) is { } byId
                ? byId
                : NotFound(session, trimmed);
        }

        var named = listed.Value.Where(b => string.Equals(b.Name, trimmed, StringComparison.Ordinal)).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => NotFound(session, trimmed),
            _ => throw new InputException(
                $"{field}: {named.Count} baselines are named '{trimmed}' ({string.Join(", ", named.Select(b => b.Id))}); name one by its id.", "host.baseline.ambiguous"),
        };
    }

    private static Result<ConfigurationBaseline> NotFound(RecordSession session, string text) =>
        Failure.NotFound<ConfigurationBaseline>(
            $"Baseline '{text}' does not exist in tenant '{session.Context.Tenant}' ('itsm cmdb baseline list' lists its baselines).", "cmdb.baseline.unknown");
}
