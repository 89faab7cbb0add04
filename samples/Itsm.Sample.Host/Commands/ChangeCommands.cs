using System.CommandLine;
using Itsm.Core.Application;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Common;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Sample.Host.Io;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm change raise|assess|approve|schedule|conflicts</c>. The SQLite store is not wired yet, so every
/// invocation runs on the in-memory adapters: the change calendar (<c>--changes</c>), CMDB impact
/// (<c>--impact</c>) and blackout windows (<c>--blackouts</c>) are loaded from CSV files into a fresh store,
/// then the command runs the change it describes through the lifecycle up to the step named.
/// </summary>
internal static class ChangeCommands
{
    private static readonly TenantId Tenant = TenantId.From("sample");
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 9, 0);

    private static readonly Option<FileInfo?> ChangesFile = new("--changes") { Description = "CSV of changes already on the calendar: title,items,start,end (items separated by ';', instants ISO-8601 UTC)." };
    private static readonly Option<FileInfo?> ImpactFile = new("--impact") { Description = "CSV of CMDB impact: item,impacted,criticality,effect (criticality low|medium|high|critical for services, empty otherwise; effect down|degraded)." };
    private static readonly Option<FileInfo?> BlackoutsFile = new("--blackouts") { Description = "CSV of blackout windows: service,start,end,reason." };
    private static readonly Option<string> Title = new("--title") { Description = "Title of the change.", DefaultValueFactory = _ => "Sample change" };
    private static readonly Option<string[]> Items = new("--item") { Description = "Affected configuration item (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string> Start = new("--start") { Description = "Window start, ISO-8601 UTC (2026-11-21T22:00:00Z).", Required = true };
    private static readonly Option<string> End = new("--end") { Description = "Window end (exclusive), ISO-8601 UTC.", Required = true };
    private static readonly Option<ChangeType> Type = new("--type") { Description = "normal or emergency.", DefaultValueFactory = _ => ChangeType.Normal };
    private static readonly Option<string> Plan = new("--plan") { Description = "Implementation plan.", DefaultValueFactory = _ => "Carry out the change." };
    private static readonly Option<string?> TestPlan = new("--test-plan") { Description = "Test plan or evidence; omit to record none (raises the risk)." };
    private static readonly Option<string?> BackoutPlan = new("--backout-plan") { Description = "Backout plan; omit to record none (raises the risk)." };
    private static readonly Option<string> Requester = new("--requester") { Description = "Who raises the change.", DefaultValueFactory = _ => "requester" };
    private static readonly Option<string[]> Approvers = new("--approver") { Description = "Who approves (repeat for a CAB quorum).", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<ChangeAuthority[]> Authorities = new("--authority") { Description = "Authority the approvers hold: ChangeManager, ChangeAdvisoryBoard, EmergencyAuthority (repeatable).", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string> From = new("--from") { Description = "Period start, ISO-8601 UTC.", Required = true };
    private static readonly Option<string> To = new("--to") { Description = "Period end (exclusive), ISO-8601 UTC.", Required = true };

    private enum Step
    {
        Raise,
        Assess,
        Approve,
        Schedule,
    }

    /// <summary>Creates the <c>change</c> command and its subcommands.</summary>
    internal static Command Create()
    {
        var change = new Command("change", "Change management: raise, assess risk (explained), approve with segregation of duties, schedule, find conflicts. Runs on in-memory adapters.");
        change.Subcommands.Add(Lifecycle("raise", "Raise a change and print its identifier.", Step.Raise));
        change.Subcommands.Add(Lifecycle("assess", "Raise, submit and assess a change; print the risk explanation as a table.", Step.Assess));
        change.Subcommands.Add(Lifecycle("approve", "Raise, assess and approve a change by the given approvers.", Step.Approve));
        change.Subcommands.Add(Lifecycle("schedule", "Raise, assess, approve and schedule a change; refused when it conflicts with the calendar.", Step.Schedule));
        var conflicts = new Command("conflicts", "List schedule conflicts among the changes of --changes within a period.");
        foreach (var option in new Option[] { ChangesFile, ImpactFile, From, To })
        {
            conflicts.Options.Add(option);
        }

        conflicts.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () => ConflictsAsync(parseResult, cancellationToken)));
        change.Subcommands.Add(conflicts);
        return change;
    }

    private static Command Lifecycle(string name, string description, Step step)
    {
        var command = new Command(name, description);
        foreach (var option in new Option[] { ChangesFile, ImpactFile, BlackoutsFile, Title, Items, Start, End, Type, Plan, TestPlan, BackoutPlan, Requester })
        {
            command.Options.Add(option);
        }

        if (step >= Step.Approve)
        {
            command.Options.Add(Approvers);
            command.Options.Add(Authorities);
        }

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult.InvocationConfiguration.Error, () => RunAsync(parseResult, step, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Step step, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        await using var world = await World.LoadAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var requester = User(parseResult.GetValue(Requester)!, "--requester");
        var context = new RequestContext(Tenant, requester);
        var raised = await world.Dispatcher.SendAsync(
            new RaiseChange(
                context, parseResult.GetValue(Type), parseResult.GetValue(Title)!, parseResult.GetValue(Items)!.Select(i => Item(i, "--item")).ToList(),
                ParseInstant(parseResult.GetValue(Start)!, "--start"), ParseInstant(parseResult.GetValue(End)!, "--end"),
                parseResult.GetValue(Plan), parseResult.GetValue(TestPlan), parseResult.GetValue(BackoutPlan)),
            cancellationToken).ConfigureAwait(false);
        if (!raised.IsSuccess)
        {
            return CommandRunner.Report(raised, error);
        }

        var id = raised.Value;
        output.WriteLine($"raised change {id} (in-memory store; the SQLite store is not wired into the host yet)");
        if (step == Step.Raise)
        {
            return ExitCodes.Ok;
        }

        var submitted = await world.Dispatcher.SendAsync(new SubmitChange(context, id), cancellationToken).ConfigureAwait(false);
        var assessed = submitted.IsSuccess ? await world.Dispatcher.SendAsync(new AssessChangeRisk(context, id), cancellationToken).ConfigureAwait(false) : submitted.AsFailure<RiskAssessment>();
        if (!assessed.IsSuccess)
        {
            return CommandRunner.Report(assessed, error);
        }

        WriteAssessment(output, assessed.Value, (await world.Dispatcher.QueryAsync(new GetChange(context, id), cancellationToken).ConfigureAwait(false)).Value.Value);
        if (step == Step.Assess)
        {
            return ExitCodes.Ok;
        }

        var authority = (parseResult.GetValue(Authorities) ?? []).Aggregate(ChangeAuthority.None, (all, a) => all | a);
        foreach (var approver in (parseResult.GetValue(Approvers) ?? []).Select(a => User(a, "--approver")))
        {
            world.Authorities.Grant(Tenant, approver, authority);
            var approved = await world.Dispatcher.SendAsync(new ApproveChange(new RequestContext(Tenant, approver), id, "approved from the sample host"), cancellationToken).ConfigureAwait(false);
            if (!approved.IsSuccess)
            {
                return CommandRunner.Report(approved, error);
            }

            output.WriteLine($"approved by {approver}");
        }

        var status = (await world.Dispatcher.QueryAsync(new GetChange(context, id), cancellationToken).ConfigureAwait(false)).Value.Value.Status;
        output.WriteLine($"status: {status}");
        if (step == Step.Approve)
        {
            return ExitCodes.Ok;
        }

        var scheduled = await world.Dispatcher.SendAsync(new ScheduleChange(context, id), cancellationToken).ConfigureAwait(false);
        if (!scheduled.IsSuccess)
        {
            return CommandRunner.Report(scheduled, error);
        }

        output.WriteLine("status: Scheduled");
        return ExitCodes.Ok;
    }

    private static async Task<int> ConflictsAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        await using var world = await World.LoadAsync(parseResult, cancellationToken).ConfigureAwait(false);
        var from = ParseInstant(parseResult.GetValue(From)!, "--from");
        var to = ParseInstant(parseResult.GetValue(To)!, "--to");
        var found = await world.Dispatcher.QueryAsync(new FindScheduleConflicts(new RequestContext(Tenant, World.Planner), from, to), cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return CommandRunner.Report(found, parseResult.InvocationConfiguration.Error);
        }

        var table = new Table().AddColumns("first", "second", "reason", "items", "overlap");
        foreach (var conflict in found.Value)
        {
            table.AddRow(world.TitleOf(conflict.First), world.TitleOf(conflict.Second), conflict.Reason.ToString(), Markup.Escape($"{conflict.FirstItem} / {conflict.SecondItem}"), Markup.Escape(conflict.Overlap.ToString()));
        }

        var console = Console(output);
        console.Write(table);
        console.WriteLine($"{found.Value.Count} conflict(s)");
        return ExitCodes.Ok;
    }

    private static void WriteAssessment(TextWriter output, RiskAssessment assessment, ChangeRequestSnapshot change)
    {
        var console = Console(output);
        var table = new Table().AddColumns(new TableColumn("axis"), new TableColumn("factor"), new TableColumn("points").RightAligned(), new TableColumn("detail"));
        foreach (var contribution in assessment.Contributions)
        {
            table.AddRow(contribution.Axis.ToString(), Markup.Escape(contribution.Factor), contribution.Points.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(contribution.Detail));
        }

        console.Write(table);
        console.WriteLine($"impact {assessment.Impact} ({assessment.ImpactPoints} points) x likelihood {assessment.Likelihood} ({assessment.LikelihoodPoints} points) = {assessment.MatrixClass}"
            + (assessment.Class != assessment.MatrixClass ? $", raised to {assessment.Class} by the blackout floor" : string.Empty));
        console.WriteLine($"risk class: {assessment.Class} (model '{assessment.Model}')");
        console.WriteLine($"required approval: {change.Requirement}");
        if (change.ReclassificationReason is { } reason)
        {
            console.WriteLine($"reclassified: {reason}");
        }
    }

    private static IAnsiConsole Console(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;
        return console;
    }

    private static Instant ParseInstant(string text, string option)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        return parsed.Success ? parsed.Value : throw new InputException($"{option}: '{text}' is not an ISO-8601 UTC instant such as 2026-11-21T22:00:00Z.");
    }

    private static UserId User(string text, string option) =>
        UserId.Parse(text, option) is { IsSuccess: true } parsed ? parsed.Value : throw new InputException($"{option}: '{text}' is not a valid user.");

    private static ConfigurationItemId Item(string text, string where) =>
        ConfigurationItemId.Parse(text.Trim(), where) is { IsSuccess: true } parsed ? parsed.Value : throw new InputException($"{where}: '{text}' is not a valid configuration item identifier.");

    /// <summary>A fresh in-memory store loaded from the CSV files.</summary>
    private sealed class World : IAsyncDisposable
    {
        internal static readonly UserId Planner = UserId.From("planner");
        private static readonly UserId[] Board = [UserId.From("cab-1"), UserId.From("cab-2"), UserId.From("cab-3")];
        private readonly ServiceProvider provider;
        private readonly Dictionary<ChangeId, string> titles = [];

        private World(ServiceProvider provider)
        {
            this.provider = provider;
            Dispatcher = provider.GetRequiredService<IItsmDispatcher>();
            Authorities = provider.GetRequiredService<InMemoryChangeAuthorityDirectory>();
        }

        internal IItsmDispatcher Dispatcher { get; }

        internal InMemoryChangeAuthorityDirectory Authorities { get; }

        internal string TitleOf(ChangeId id) => Markup.Escape(titles.TryGetValue(id, out var title) ? title : id.ToString());

        internal static async Task<World> LoadAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var services = new ServiceCollection();

            // Impact comes from --impact rather than from a CMDB store, which the host does not persist yet.
            services.AddSingleton<InMemoryChangeImpactSource>();
            services.AddSingleton<IChangeImpactSource>(provider => provider.GetRequiredService<InMemoryChangeImpactSource>());
            services.AddItsmCore(options => options.Clock = new FixedClock(Now));
            var world = new World(services.BuildServiceProvider());
            foreach (var member in Board)
            {
                world.Authorities.Grant(Tenant, member, ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.EmergencyAuthority);
            }

            if (parseResult.GetValue(ImpactFile) is { } impact)
            {
                world.LoadImpact(impact);
            }

            if (parseResult.GetValue(BlackoutsFile) is { } blackouts)
            {
                var windows = world.provider.GetRequiredService<InMemoryChangeWindowSource>();
                foreach (var row in CsvTable.Read(blackouts.FullName, "service", "start", "end", "reason").Rows)
                {
                    var window = Window(row, "start", "end");
                    windows.AddBlackout(Tenant, new BlackoutWindow(Item(row["service"], $"{row.Path}:{row.Line}"), window, row["reason"]));
                }
            }

            if (parseResult.GetValue(ChangesFile) is { } changes)
            {
                await world.LoadCalendarAsync(changes, cancellationToken).ConfigureAwait(false);
            }

            return world;
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();

        private static Interval Window(CsvRow row, string start, string end)
        {
            var from = InstantPattern.ExtendedIso.Parse(row[start]);
            var to = InstantPattern.ExtendedIso.Parse(row[end]);
            if (!from.Success)
            {
                throw row.Error(start, "is not an ISO-8601 UTC instant");
            }

            if (!to.Success || to.Value <= from.Value)
            {
                throw row.Error(end, "must be an ISO-8601 UTC instant after the start");
            }

            return new Interval(from.Value, to.Value);
        }

        private void LoadImpact(FileInfo file)
        {
            var source = provider.GetRequiredService<InMemoryChangeImpactSource>();
            var rows = CsvTable.Read(file.FullName, "item", "impacted", "criticality", "effect").Rows;
            foreach (var group in rows.GroupBy(r => r["item"]))
            {
                var services = new List<ImpactedService>();
                var impacted = new List<ConfigurationItemId>();
                foreach (var row in group)
                {
                    var target = Item(row["impacted"], $"{row.Path}:{row.Line}");
                    impacted.Add(target);
                    if (row["criticality"].Length == 0)
                    {
                        continue;
                    }

                    var criticality = Enum.TryParse<ServiceCriticality>(row["criticality"], ignoreCase: true, out var c) && Enum.IsDefined(c)
                        ? c : throw row.Error("criticality", "must be low, medium, high or critical");
                    var effect = Enum.TryParse<ServiceEffect>(row["effect"], ignoreCase: true, out var e) && Enum.IsDefined(e)
                        ? e : throw row.Error("effect", "must be down or degraded");
                    services.Add(new ImpactedService(target, criticality, effect));
                }

                var first = group.First();
                source.Declare(Tenant, Item(group.Key, $"{first.Path}:{first.Line}"), services, impacted);
            }
        }

        private async Task LoadCalendarAsync(FileInfo file, CancellationToken cancellationToken)
        {
            var context = new RequestContext(Tenant, Planner);
            foreach (var row in CsvTable.Read(file.FullName, "title", "items", "start", "end").Rows)
            {
                var window = Window(row, "start", "end");
                var items = row["items"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(i => Item(i, $"{row.Path}:{row.Line}")).ToList();
                var raised = await Dispatcher.SendAsync(new RaiseChange(context, ChangeType.Normal, row["title"], items, window.Start, window.End, "planned", "tested", "backout"), cancellationToken).ConfigureAwait(false);
                if (!raised.IsSuccess)
                {
                    throw row.Error("title", raised.Message);
                }

                var id = raised.Value;
                titles[id] = row["title"];
                await Dispatcher.SendAsync(new SubmitChange(context, id), cancellationToken).ConfigureAwait(false);
                await Dispatcher.SendAsync(new AssessChangeRisk(context, id), cancellationToken).ConfigureAwait(false);
                foreach (var member in Board)
                {
                    await Dispatcher.SendAsync(new ApproveChange(new RequestContext(Tenant, member), id, "calendar import"), cancellationToken).ConfigureAwait(false);
                }

                // A conflicting calendar entry stays Approved, which still occupies the calendar.
                await Dispatcher.SendAsync(new ScheduleChange(context, id), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
