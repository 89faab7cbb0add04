using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Continuity;
using Itsm.Core.Common;
using Itsm.Core.Continuity;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm continuity impact|plan|test|show|stale</c>: service continuity against the host's store, one library command or query per
/// invocation. A service's continuity record opens with its business impact (MTD, RTO, RPO), then holds its plan (recovery steps and the
/// items covered) and its tests, each passed or failed against the RTO and RPO with the dependency closure it ran against. Every
/// subcommand takes <c>--tenant</c>, <c>--actor</c>, <c>--at</c> and <c>--json</c>; exit codes as for incidents: 2 a bad value, 4 an
/// unknown service or record, 5 a plan not yet defined or a stale version.
/// </summary>
internal static class ContinuityCommands
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["MaximumTolerableDowntime"] = "--mtd",
        ["RecoveryTimeObjective"] = "--rto",
        ["RecoveryPointObjective"] = "--rpo",
        ["RecoverySteps"] = "--step",
        ["CoveredItems"] = "--item",
        ["TestedAt"] = "--tested-at",
        ["AchievedRecovery"] = "--recovered-in",
        ["DataLoss"] = "--data-loss",
        ["TestInterval"] = "--interval",
    };

    /// <summary>Creates the <c>continuity</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var continuity = new Command("continuity", "Service continuity: business impact (MTD, RTO, RPO), continuity plans, plan tests, and the plans that are stale or untested.");
        var service = TypedOptions.Text<ConfigurationItemId>("--service", "The service (an item of the tenant's CMDB).", required: true);
        var expected = new Option<long?>("--expected-version") { Description = "Refuse (conflict) unless the service's continuity record is still at this version." };
        var mtd = DurationOptions.Create("--mtd", "The maximum tolerable downtime, such as 24h." + DurationOptions.SyntaxHint);
        var rto = DurationOptions.Create("--rto", "The recovery time objective, such as 4h." + DurationOptions.SyntaxHint);
        var rpo = DurationOptions.Create("--rpo", "The recovery point objective (data loss the business accepts), such as 1h or 15m." + DurationOptions.SyntaxHint);
        continuity.Subcommands.Add(OneRequest.Create(
            "impact",
            "Define (or revise) the business impact of a service; the first one opens its continuity record.\n\nExample:\n  itsm continuity impact --service shop --mtd 24h --rto 4h --rpo 1h",
            [service, mtd, rto, rpo, expected],
            (session, p, ct) => session.Dispatcher.SendAsync(new DefineBusinessImpact(session.Context, p.GetValue(service)!.Value, p.GetValue(mtd), p.GetValue(rto), p.GetValue(rpo)) { ExpectedVersion = p.GetValue(expected) }, ct),
            Document,
            Write,
            Fields));

        var steps = new Option<string[]>("--step") { Description = "A recovery step, in order; repeat for each step.", Required = true, AllowMultipleArgumentsPerToken = false };
        var items = TypedOptions.TextList<ConfigurationItemId>("--item", "The configuration items the plan recovers, comma-separated or repeated.", required: true);
        continuity.Subcommands.Add(OneRequest.Create(
            "plan",
            "Define (or replace) the continuity plan of a service whose business impact is defined.\n\nExample:\n  itsm continuity plan --service shop --step \"Fail over to the standby site\" --step \"Restore the orders database\" --item db,api",
            [service, steps, items, expected],
            (session, p, ct) => session.Dispatcher.SendAsync(new DefineContinuityPlan(session.Context, p.GetValue(service)!.Value, p.GetValue(steps) ?? [], p.GetValue(items) ?? []) { ExpectedVersion = p.GetValue(expected) }, ct),
            Document,
            Write,
            Fields));

        var testedAt = TypedOptions.Instant("--tested-at", "When the test ran, ISO-8601 with Z or an offset; not in the future.");
        var recovered = DurationOptions.Create("--recovered-in", "How long recovery took, such as 3h30m." + DurationOptions.SyntaxHint);
        var loss = DurationOptions.Create("--data-loss", "How much data was lost, as time before the simulated disaster, such as 20m (0s for none)." + DurationOptions.SyntaxHint);
        continuity.Subcommands.Add(OneRequest.Create(
            "test",
            "Record a test of a service's plan: passed when recovery met the RTO and data loss the RPO; the service's dependency closure now is kept with it.\n\nExample:\n  itsm continuity test --service shop --tested-at 2027-03-05T10:00:00Z --recovered-in 3h30m --data-loss 20m",
            [service, testedAt, recovered, loss, expected],
            (session, p, ct) => session.Dispatcher.SendAsync(new RecordPlanTest(session.Context, p.GetValue(service)!.Value, p.GetValue(testedAt), p.GetValue(recovered), p.GetValue(loss)) { ExpectedVersion = p.GetValue(expected) }, ct),
            Document,
            Write,
            Fields));

        continuity.Subcommands.Add(OneRequest.Create(
            "show",
            "Show a service's continuity record: business impact, plan, tests and history.\n\nExample:\n  itsm continuity show --service shop --json",
            [service],
            (session, p, ct) => session.Dispatcher.QueryAsync(new GetContinuityPlan(session.Context, p.GetValue(service)!.Value), ct),
            Document,
            Write));

        var interval = DurationOptions.Create("--interval", "The longest time the policy allows since the last passed test, such as 180d; 365d when omitted.", "365d");
        continuity.Subcommands.Add(OneRequest.Create(
            "stale",
            "List every service whose plan is stale (its dependency closure changed since the last passed test, or that test is older than the interval) or untested, with why.\n\nExample:\n  itsm continuity stale --interval 180d",
            [interval],
            (session, p, ct) => session.Dispatcher.QueryAsync(new ListStaleContinuityPlans(session.Context) { TestInterval = p.GetValue(interval) }, ct),
            (verdicts, session) => new StalePlansDocument(session.Context.Tenant.Value, verdicts.Count, [.. verdicts.Select(Document)]),
            (verdicts, session, output) =>
            {
                foreach (var v in verdicts)
                {
                    output.WriteLine(SafeText.Escape($"{v.Service}: {Status(v.Status)}, last passed test {(v.LastPassed is { } at ? InstantText.Format(at) : "none")}{(v.ChangedItems.IsEmpty ? string.Empty : $", changed: {string.Join(", ", v.ChangedItems)}")}"));
                    foreach (var reason in v.Reasons)
                    {
                        output.WriteLine(SafeText.Escape($"  {reason}"));
                    }
                }

                output.WriteLine(SafeText.Escape($"{verdicts.Count} plan(s) stale or untested in tenant '{session.Context.Tenant}'"));
            },
            Fields));
        return continuity;
    }

    private static string Status(ContinuityPlanStatus status) => TypedOptions.Kebab(status.ToString());

    private static void Write(Versioned<ContinuityPlan> stored, RecordSession session, TextWriter output)
    {
        var plan = stored.Record;
        var impact = plan.Impact;
        output.WriteLine(SafeText.Escape($"continuity of {plan.Service} in tenant '{session.Context.Tenant}' (version {stored.Version}): MTD {InstantText.FormatDuration(impact.MaximumTolerableDowntime)}, RTO {InstantText.FormatDuration(impact.RecoveryTimeObjective)}, RPO {InstantText.FormatDuration(impact.RecoveryPointObjective)}"));
        output.WriteLine(plan.IsPlanDefined ? SafeText.Escape($"  plan covers {string.Join(", ", plan.CoveredItems)}:") : "  no plan defined yet ('itsm continuity plan')");
        for (var i = 0; i < plan.RecoverySteps.Length; i++)
        {
            output.WriteLine(SafeText.Escape($"    {i + 1}. {plan.RecoverySteps[i]}"));
        }

        foreach (var test in plan.Tests)
        {
            output.WriteLine($"  test {InstantText.Format(test.At)}: {(test.Passed ? "passed" : "FAILED")}, recovered in {InstantText.FormatDuration(test.AchievedRecovery)} (RTO gap {InstantText.FormatDuration(test.RtoGap)}), data loss {InstantText.FormatDuration(test.DataLoss)}, {test.Closure.Items.Count} item(s) in the closure");
        }
    }

    private static ContinuityPlanDocument Document(Versioned<ContinuityPlan> stored, RecordSession session)
    {
        var plan = stored.Record;
        return new ContinuityPlanDocument(
            session.Context.Tenant.Value,
            plan.Service.Value,
            InstantText.Seconds(plan.Impact.MaximumTolerableDowntime),
            InstantText.Seconds(plan.Impact.RecoveryTimeObjective),
            InstantText.Seconds(plan.Impact.RecoveryPointObjective),
            [.. plan.RecoverySteps],
            [.. plan.CoveredItems.Select(i => i.Value)],
            [.. plan.Tests.Select(t => new PlanTestDocument(InstantText.Format(t.At), t.Passed, InstantText.Seconds(t.AchievedRecovery), InstantText.Seconds(t.RtoGap), InstantText.Seconds(t.DataLoss), t.Closure.Items.Count))],
            stored.Version,
            plan.History.Count);
    }

    private static StalePlanDocument Document(ContinuityPlanVerdict v) =>
        new(v.Service.Value, Status(v.Status), v.LastPassed is { } at ? InstantText.Format(at) : null, [.. v.ChangedItems.Select(i => i.Value)], [.. v.Reasons]);
}

/// <summary>A service's continuity record as JSON (<c>itsm continuity impact|plan|test|show --json</c>); durations in seconds.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Service">The service.</param>
/// <param name="MtdSeconds">The maximum tolerable downtime.</param>
/// <param name="RtoSeconds">The recovery time objective.</param>
/// <param name="RpoSeconds">The recovery point objective.</param>
/// <param name="RecoverySteps">The plan's steps in order; empty before a plan is defined.</param>
/// <param name="CoveredItems">The items the plan recovers.</param>
/// <param name="Tests">The plan's tests.</param>
/// <param name="Version">The stored version.</param>
/// <param name="HistoryRecords">How many history records it has.</param>
internal sealed record ContinuityPlanDocument(string Tenant, string Service, double MtdSeconds, double RtoSeconds, double RpoSeconds, IReadOnlyList<string> RecoverySteps, IReadOnlyList<string> CoveredItems, IReadOnlyList<PlanTestDocument> Tests, long Version, int HistoryRecords);

/// <summary>One plan test as JSON.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Passed">Whether it met the RTO and RPO.</param>
/// <param name="RecoveredSeconds">How long recovery took.</param>
/// <param name="RtoGapSeconds">Achieved recovery minus the RTO (negative when inside it).</param>
/// <param name="DataLossSeconds">The data lost.</param>
/// <param name="ClosureItems">How many items the service's dependency closure had when it ran.</param>
internal sealed record PlanTestDocument(string At, bool Passed, double RecoveredSeconds, double RtoGapSeconds, double DataLossSeconds, int ClosureItems);

/// <summary>The document of <c>itsm continuity stale --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Count">How many plans are listed.</param>
/// <param name="Plans">The stale or untested plans, by service.</param>
internal sealed record StalePlansDocument(string Tenant, int Count, IReadOnlyList<StalePlanDocument> Plans);

/// <summary>One stale or untested plan as JSON.</summary>
/// <param name="Service">The service.</param>
/// <param name="Status"><c>stale</c> or <c>untested</c>.</param>
/// <param name="LastPassed">The last passed test, or null.</param>
/// <param name="ChangedItems">The items of the closure that changed since that test.</param>
/// <param name="Reasons">Why, for a person.</param>
internal sealed record StalePlanDocument(string Service, string Status, string? LastPassed, IReadOnlyList<string> ChangedItems, IReadOnlyList<string> Reasons);
