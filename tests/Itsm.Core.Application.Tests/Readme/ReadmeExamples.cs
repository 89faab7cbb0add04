using System.Diagnostics;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Diagnostics;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.PostgreSql;
using Itsm.Core.Persistence.Sqlite;
using Itsm.Core.ServiceLevels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The README's change example uses the change process's ImpactedService, as a reader importing only
// Itsm.Core.Changes would; Itsm.Core.Configuration has a type of the same name.
using ImpactedService = Itsm.Core.Changes.ImpactedService;

namespace Itsm.Core.Application.Tests.Readme;

/// <summary>
/// The README's code examples, compiled and run. <see cref="ReadmeTests"/> checks that the README
/// shows exactly the code between the snippet markers.
/// </summary>
public class ReadmeExamples
{
    [Fact]
    public void Calendar_DueAcrossChristmasHolidays()
    {
        // snippet: calendar
        var officeHours = new[]
        {
            WorkingRange.Between(new LocalTime(9, 0), new LocalTime(12, 0)),
            WorkingRange.Between(new LocalTime(13, 0), new LocalTime(17, 30)),
        };
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var created = BusinessCalendar.Create(
            "uk-office-hours",
            "Europe/London",
            weekdays.ToDictionary(day => day, _ => (IReadOnlyList<WorkingRange>)officeHours),
            holidays: [new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 28)]);
        if (!created.IsSuccess)
        {
            throw new InvalidOperationException(created.Message); // e.g. "TimeZone: Unknown time zone id ..."
        }

        var calendar = created.Value;
        var opened = Instant.FromUtc(2026, 12, 24, 16, 0);               // Thursday 16:00 in London
        var due = calendar.Add(opened, Duration.FromHours(8));           // Tuesday 29 December, 16:30
        var elapsed = calendar.BusinessTimeBetween(opened, due);         // exactly 8 hours, by law

        var clock = SlaClock.Start(SlaMetric.Resolution, opened, Duration.FromHours(8)).Value
            .Pause(Instant.FromUtc(2026, 12, 29, 10, 0), "awaiting customer").Value  // pauses add nothing
            .Resume(Instant.FromUtc(2026, 12, 29, 14, 0)).Value;
        var status = clock.Evaluate(Instant.FromUtc(2026, 12, 29, 17, 0), calendar);
        // status.State == Running, status.Elapsed == 5h30m, status.Due == Wednesday 30 December 11:00
        // end snippet

        Assert.Equal(Instant.FromUtc(2026, 12, 29, 16, 30), due);
        Assert.Equal(Duration.FromHours(8), elapsed);
        Assert.Equal(SlaClockState.Running, status.State);
        Assert.Equal(Duration.FromMinutes(330), status.Elapsed);
        Assert.Equal(Instant.FromUtc(2026, 12, 30, 11, 0), status.Due);
    }

    [Fact]
    public void Priority_MatrixRulesOverrideAndMonotoneCheck()
    {
        // snippet: priority
        var policy = PriorityPolicy.Default; // the ITIL 3x3 matrix, then the VIP-caller and major-incident rules
        var decision = policy.Decide(Impact.FromLevel(1), Urgency.FromLevel(2), IncidentFacts.None).Value;
        // Priority P2: matrix cell impact 1 x urgency 2, no rule fired

        var vip = policy.Decide(Impact.FromLevel(2), Urgency.FromLevel(2), new IncidentFacts { IsVipCaller = true }).Value;
        // vip.Explain(): "ITIL 3x3: impact I2, urgency U1 (given U2) -> P2", "rule vip-caller: urgency U2 -> U1", "priority P2"

        var major = policy.Decide(Impact.FromLevel(3), Urgency.FromLevel(3), new IncidentFacts { IsMajorIncident = true }).Value;
        // major.MatrixPriority == P5, major.Priority == P1: "rule major-incident: priority P5 -> P1"

        var at = Instant.FromUtc(2026, 3, 2, 10, 0);
        var overridden = decision.WithOverride(Priority.FromRank(1), "payroll closes at 17:00", UserId.From("duty-manager"), at).Value;
        // overridden.Priority == P1, overridden.Computed == P2, and Explain() says who, when and why
        var unexplained = decision.WithOverride(Priority.FromRank(1), "", UserId.From("duty-manager"), at);
        // unexplained.Status == Invalid: an override without a reason cannot be audited

        var ours = PriorityMatrix.Create("ours", 5, [[1, 2, 3], [2, 1, 4], [3, 4, 5]]);
        // ours.Status == Invalid, naming the cell: "(I2, U2): Not monotone: raising impact from I2 to I1
        // at urgency U2 lowers priority from P1 to P2." (and the same for urgency U2 to U1)
        // end snippet

        Assert.Equal(Priority.FromRank(2), decision.Priority);
        Assert.Equal(Priority.FromRank(2), decision.MatrixPriority);
        Assert.Equal((Impact.FromLevel(1), Urgency.FromLevel(2)), (decision.Impact, decision.EffectiveUrgency));
        Assert.Empty(decision.Rules);
        Assert.Equal(["ITIL 3x3: impact I1, urgency U2 -> P2", "priority P2"], decision.Explain().Lines.ToArray());
        Assert.Empty(decision.Explain().Factors);

        Assert.Equal(["ITIL 3x3: impact I2, urgency U1 (given U2) -> P2", "rule vip-caller: urgency U2 -> U1", "priority P2"], vip.Explain().Lines.ToArray());
        Assert.Equal(vip.Rules.ToArray(), vip.Explain().Factors.ToArray());

        Assert.Equal(Priority.FromRank(5), major.MatrixPriority);
        Assert.Equal(Priority.FromRank(1), major.Priority);
        Assert.Contains("rule major-incident: priority P5 -> P1", major.Explain());

        Assert.Equal(Priority.FromRank(1), overridden.Priority);
        Assert.Equal(Priority.FromRank(2), overridden.Computed);
        Assert.Contains("override by duty-manager at 2026-03-02T10:00:00Z: P2 -> P1 because payroll closes at 17:00", overridden.Explain());
        Assert.Equal(ResultStatus.Invalid, unexplained.Status);
        Assert.Equal("Reason", Assert.Single(unexplained.ValidationErrors).Identifier);

        Assert.Equal(ResultStatus.Invalid, ours.Status);
        Assert.Equal(
            [
                "(I2, U2): Not monotone: raising impact from I2 to I1 at urgency U2 lowers priority from P1 to P2.",
                "(I2, U2): Not monotone: raising urgency from U2 to U1 at impact I2 lowers priority from P1 to P2.",
            ],
            ours.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}"));
    }

    [Fact]
    public void Cmdb_ClusterDegradesThenGoesDownAndExplainsWhy()
    {
        // snippet: cmdb
        static ConfigurationItemId Ci(string id) => ConfigurationItemId.From(id);
        var cmdb = new CmdbSnapshotBuilder();
        var added = new List<Result>
        {
            cmdb.AddItem(Ci("payroll"), ConfigurationItemClass.BusinessService, BusinessCriticality.Critical),
            cmdb.AddItem(Ci("payroll-app"), ConfigurationItemClass.Application),
            cmdb.AddItem(Ci("app-cluster"), ConfigurationItemClass.Cluster, redundancy: RedundancyRule.AtLeast(2)), // up while 2 of its nodes are
            cmdb.AddItem(Ci("core-switch"), ConfigurationItemClass.NetworkDevice),
            cmdb.AddRelationship(Ci("payroll"), Ci("payroll-app"), RelationshipType.DependsOn),
            cmdb.AddRelationship(Ci("payroll-app"), Ci("app-cluster"), RelationshipType.RunsOn),
        };
        foreach (var node in new[] { Ci("node-1"), Ci("node-2"), Ci("node-3") })
        {
            added.Add(cmdb.AddItem(node, ConfigurationItemClass.Server));
            added.Add(cmdb.AddRelationship(node, Ci("app-cluster"), RelationshipType.MemberOf)); // the cluster depends on its members
            added.Add(cmdb.AddRelationship(node, Ci("core-switch"), RelationshipType.ConnectsTo));
        }

        var snapshot = cmdb.Build().Value; // a duplicate id or an unknown end is a failed Result in `added`, not an exception

        var oneNode = ImpactAnalysis.Analyse(snapshot, Ci("node-1")).Value;
        // oneNode.StateOf(Ci("app-cluster")) == Degraded, and so are payroll-app and payroll
        var twoNodes = ImpactAnalysis.Analyse(snapshot, [Ci("node-1"), Ci("node-2")]).Value;
        // twoNodes.ImpactedServices: payroll, Critical, Down
        var why = twoNodes.Explain(Ci("payroll"));
        // why.Lines: "node-1 failed", "app-cluster down: node-1 member of app-cluster",
        //   "payroll-app down: payroll-app runs on app-cluster", "payroll down: payroll depends on payroll-app";
        // why.Factors: the same path as ImpactStep values (item, state, relationship type, previous item)
        var spofs = ImpactAnalysis.SinglePointsOfFailure(snapshot, Ci("payroll")).Value;
        // payroll-app, app-cluster, core-switch: no single node takes payroll down, the one switch does
        // end snippet

        Assert.All(added, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(ResultStatus.Conflict, cmdb.AddItem(Ci("node-1"), ConfigurationItemClass.Server).Status);
        Assert.Equal(ResultStatus.NotFound, cmdb.AddRelationship(Ci("node-4"), Ci("app-cluster"), RelationshipType.MemberOf).Status);
        Assert.Equal(ImpactState.Degraded, oneNode.StateOf(Ci("app-cluster")));
        Assert.Equal(ImpactState.Degraded, oneNode.StateOf(Ci("payroll-app")));
        Assert.Equal(ImpactState.Degraded, oneNode.StateOf(Ci("payroll")));
        Assert.Equal(0, oneNode.DownCount);

        var service = Assert.Single(twoNodes.ImpactedServices);
        Assert.Equal((Ci("payroll"), BusinessCriticality.Critical, ImpactState.Down), (service.Id, service.Criticality, service.State));
        Assert.Equal(
            [
                new ImpactStep(Ci("node-1"), ImpactState.Down, null),
                new ImpactStep(Ci("app-cluster"), ImpactState.Down, RelationshipType.MemberOf, Ci("node-1")),
                new ImpactStep(Ci("payroll-app"), ImpactState.Down, RelationshipType.RunsOn, Ci("app-cluster")),
                new ImpactStep(Ci("payroll"), ImpactState.Down, RelationshipType.DependsOn, Ci("payroll-app")),
            ],
            why.Factors.ToArray());
        Assert.Equal(
            ["node-1 failed", "app-cluster down: node-1 member of app-cluster", "payroll-app down: payroll-app runs on app-cluster", "payroll down: payroll depends on payroll-app"],
            why.Lines.ToArray());
        Assert.Equal([Ci("payroll-app"), Ci("app-cluster"), Ci("core-switch")], spofs);
    }

    [Fact]
    public void ChangeRisk_ExplainedClassAndSegregationOfDuties()
    {
        // snippet: change-risk
        var requester = UserId.From("alice");
        var raisedAt = Instant.FromUtc(2026, 12, 1, 9, 0);
        var change = ChangeRequest.Raise(
            ChangeId.New(), ChangeType.Normal, "Upgrade the payroll database to PostgreSQL 17", requester,
            [ConfigurationItemId.From("payroll-db")],
            knownItems: [ConfigurationItemId.From("payroll-db")], // what the CMDB holds; an unknown item is refused
            new Interval(Instant.FromUtc(2026, 12, 5, 22, 0), Instant.FromUtc(2026, 12, 6, 1, 0)),
            new ChangePlans("pg_upgrade --link", test: "rehearsed on a copy of production"), // no backout plan
            raisedAt).Value;
        change.Submit(requester, raisedAt);

        // What the CMDB says the change takes down (the application layer fills this from impact analysis).
        var impact = new ImpactSummary([new ImpactedService(ConfigurationItemId.From("payroll"), ServiceCriticality.High, ServiceEffect.Down)], affectedItemCount: 3);
        var assessment = RiskModel.Default.Assess(new RiskInput(
            impact, change.Plans.HasTestEvidence, change.Plans.HasBackoutPlan, history: new ChangeHistory(implemented: 3, failed: 1)));
        // High risk: impact High (8 points: payroll, high criticality, down) x likelihood Medium
        // (5 points: no backout plan 4, 1 of 4 past changes failed 1); assessment.Explain() lists every factor

        change.AssessRisk(assessment, ApprovalPolicy.Default, UserId.From("change-manager"), raisedAt);
        // change.Requirement: "change advisory board quorum of 3"
        var selfApproval = change.Approve(ChangeAuthority.ChangeAdvisoryBoard, "I know it is safe", requester, raisedAt);
        // selfApproval.Status == Forbidden, ErrorCode "change.self-approval": segregation of duties,
        // even when the requester sits on the CAB; the change stays Assessed
        // end snippet

        Assert.Equal(RiskClass.High, assessment.Class);
        Assert.Equal((RiskClass.High, 8), (assessment.Impact, assessment.ImpactPoints));
        Assert.Equal((RiskClass.Medium, 5), (assessment.Likelihood, assessment.LikelihoodPoints));
        var points = assessment.Contributions.Where(c => c.Points > 0).ToDictionary(c => c.Factor, c => c.Points);
        Assert.Equal(new Dictionary<string, int> { ["service down"] = 8, ["no backout plan"] = 4, ["past failure rate"] = 1 }, points);
        Assert.Contains("payroll (high criticality) is down", assessment.Explain().ToString(), StringComparison.Ordinal);
        Assert.Contains("1 of 4 past changes on these items failed", assessment.Explain().ToString(), StringComparison.Ordinal);
        Assert.Equal(
            ["service down", "affected items", "no test evidence", "no backout plan", "past failure rate", "outside maintenance window", "inside blackout window", "schedule conflicts"],
            assessment.Contributions.Select(c => c.Factor));
        Assert.Equal(1 + assessment.Contributions.Length, assessment.Explain().ToString().Split(Environment.NewLine).Length);
        Assert.Equal(assessment.Contributions.ToArray(), assessment.Explain().Factors.ToArray());
        Assert.Equal(assessment.Explain().ToString(), assessment.ToString());

        var withBackout = RiskModel.Default.Assess(new RiskInput(impact, hasTestEvidence: true, hasBackoutPlan: true, history: new ChangeHistory(3, 1)));
        Assert.Equal(RiskClass.Medium, withBackout.Class); // the README: a backout plan is what would lower the risk

        Assert.Equal("change advisory board quorum of 3", change.Requirement?.Description);
        Assert.Equal((ChangeAuthority.ChangeAdvisoryBoard, 3), (change.Requirement!.Authority, change.Requirement.Quorum));
        Assert.Equal(ResultStatus.Forbidden, selfApproval.Status);
        Assert.Equal(ChangeRequest.SelfApprovalCode, selfApproval.ErrorCode);
        Assert.Equal(ChangeStatus.Assessed, change.Status);
        Assert.Empty(change.Decisions);
    }

    [Fact]
    public void CalendarsDoc_TheCalendarOperations()
    {
        // snippet: calendar-operations
        var nineToFive = new[] { WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0)) };
        var week = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .ToDictionary(day => day, _ => (IReadOnlyList<WorkingRange>)nineToFive);
        var holidays = new[] { new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 28) };
        var days = new Dictionary<LocalDate, IReadOnlyList<WorkingRange>> { [new LocalDate(2026, 12, 24)] = [WorkingRange.Parse("09:00-12:00").Value] }; // Christmas Eve: mornings only
        var calendar = BusinessCalendar.Create("UK office", "Europe/London", week, holidays, days).Value;
        var openedAt = Instant.FromUtc(2026, 12, 23, 15, 0);                // Wednesday 15:00 in London
        var now = Instant.FromUtc(2026, 12, 29, 10, 0);                     // Tuesday 10:00, after the holidays

        Instant due = calendar.Add(openedAt, Duration.FromHours(15));        // earliest instant by which 15 business hours elapsed
        Duration used = calendar.BusinessTimeBetween(openedAt, now);          // working time in [openedAt, now)
        bool working = calendar.IsWorkingTime(now);
        Instant next = calendar.NextWorkingInstant(now);                      // now itself when working
        string tzdb = calendar.TzdbVersion;                                   // e.g. "TZDB: 2026f (mapping: 49)"
        // due == Wednesday 30 December 11:00 (2 h on the 23rd, 3 h on the 24th, 8 h on the 29th, 2 h on the 30th)
        // used == 6 h (2 + 3 + 1), working == true, next == now
        // end snippet

        Assert.Equal(Instant.FromUtc(2026, 12, 30, 11, 0), due);
        Assert.Equal(Duration.FromHours(6), used);
        Assert.True(working);
        Assert.Equal(now, next);
        Assert.StartsWith("TZDB: ", tzdb, StringComparison.Ordinal);
    }

    [Fact]
    public void Persistence_OneLineChoosesTheStore()
    {
        // snippet: persistence
        var embedded = new ServiceCollection();
        embedded.AddItsmCore().UseSqlite("data/itsm.db");                               // one file, created on first use
        var production = new ServiceCollection();
        production.AddItsmCore().UsePostgreSql("Host=db;Database=itsm;Username=itsm"); // a connection string is all the set-up
        // end snippet

        // Each replaces the in-memory stores with its adapter; registering opens nothing.
        Assert.Equal("SqlIncidentRepository", Single(embedded).ImplementationType?.Name);
        Assert.Equal("SqlIncidentRepository", Single(production).ImplementationType?.Name);

        static ServiceDescriptor Single(ServiceCollection services) => Assert.Single(services, d => d.ServiceType == typeof(IIncidentRepository));
    }

    [Fact]
    public async Task Errors_ReadTheCodeOfAFailure()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(o => o.Clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 9, 0)));
        await using var provider = services.BuildServiceProvider();
        var dispatcher = provider.GetRequiredService<IItsmDispatcher>();
        var desk = new RequestContext(TenantId.From("errors-example"), UserId.From("service-desk"));
        var opened = (await dispatcher.SendAsync(new OpenIncident(desk, "Payslips cannot be downloaded", ConfigurationItemId.From("payroll"), Impact: 2, Urgency: 1, Caller: UserId.From("carol")))).Value.Record.Id;

        // snippet: errors
        static async Task<string> ResolveAsync(IItsmDispatcher itsm, RequestContext context, IncidentId incident, long version)
        {
            var result = await itsm.SendAsync(new ResolveIncident(context, incident, "Restarted the payroll service.") { ExpectedVersion = version });
            return result.ErrorCode switch // the first code; result.ErrorCodes has all of them
            {
                null => "resolved",
                "incident.version-conflict" or "record.version-conflict" => "changed meanwhile: reload it and decide again",
                "incident.illegal-transition" => "its state does not allow resolving",
                _ => $"{result.Status}: {result.Message}", // a line for a log or a toast
            };
        }
        // end snippet

        Assert.Equal("changed meanwhile: reload it and decide again", await ResolveAsync(dispatcher, desk, opened, version: 7));
        Assert.StartsWith("NotFound: Incident ", await ResolveAsync(dispatcher, desk, IncidentId.New(), version: 1), StringComparison.Ordinal);
        Assert.Equal("its state does not allow resolving", await ResolveAsync(dispatcher, desk, opened, version: 1)); // still New
        var bob = desk.WithActor(UserId.From("bob"));
        Assert.True((await dispatcher.SendAsync(new AssignIncident(desk, opened, UserId.From("bob")))).IsSuccess);
        Assert.True((await dispatcher.SendAsync(new StartIncidentWork(bob, opened))).IsSuccess);
        Assert.Equal("resolved", await ResolveAsync(dispatcher, bob, opened, version: 3));
    }

    [Fact]
    public async Task Pipeline_OpenIncidentInSqliteAndRejectBadInput()
    {
        // snippet: pipeline
        var databasePath = Path.Combine(Path.GetTempPath(), $"itsm-readme-{Guid.NewGuid():N}", "itsm.db"); // "data/itsm.db" in a host
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 9, 0)); // SystemClock.Instance in production
        var services = new ServiceCollection();
        services.AddItsmCore(o => o.Clock = clock).UseSqlite(databasePath);
        await using var provider = services.BuildServiceProvider();
        var itsm = provider.GetRequiredService<IItsmDispatcher>();
        var context = new RequestContext(TenantId.From("acme"), UserId.From("service-desk"));
        var payroll = ConfigurationItemId.From("payroll");

        var opened = await itsm.SendAsync(new OpenIncident(context, "Payslips cannot be downloaded", payroll, Impact: 2, Urgency: 1, Caller: UserId.From("carol")));
        // opened.Status == Ok; opened.Value is the incident as stored, at Version 1, with Record.Priority == P2
        // (ITIL 3x3: impact 2 x urgency 1); it and its audit record are in the file. Every command answers so.
        var stored = await itsm.QueryAsync(new GetIncident(context, opened.Value.Record.Id));
        // stored.Value.Version == 1: reading it back gives the same incident

        var rejected = await itsm.SendAsync(new OpenIncident(context, " ", payroll, Impact: 7, Urgency: 1, Caller: UserId.From("carol")));
        // rejected.Status == Invalid, no exception; rejected.ValidationErrors name Title and Impact
        // ("Impact must be from 1 to 3 (ITIL 3x3), but was 7."), and nothing was stored
        // end snippet

        try
        {
            Assert.Equal(ResultStatus.Ok, opened.Status);
            Assert.Equal((1L, Priority.FromRank(2)), (opened.Value.Version, opened.Value.Record.Priority));
            Assert.True(File.Exists(databasePath));
            Assert.Equal(1, stored.Value.Version);
            Assert.Equal(Priority.FromRank(2), stored.Value.Record.Priority);
            Assert.Equal("Payslips cannot be downloaded", stored.Value.Record.Title);

            Assert.Equal(ResultStatus.Invalid, rejected.Status);
            Assert.Equal(["Title", "Impact"], rejected.ValidationErrors.Select(e => e.Identifier));
            Assert.Contains(rejected.ValidationErrors, e => e.ErrorMessage == "Impact must be from 1 to 3 (ITIL 3x3), but was 7.");

            var all = await itsm.QueryAsync(new ListIncidents(context));
            Assert.Equal([opened.Value.Record.Id], all.Value.Select(i => i.Record.Id));
            await using (var reopened = new ServiceCollection().AddItsmCore(o => o.Clock = clock).UseSqlite(databasePath).Services.BuildServiceProvider())
            {
                var fromFile = await reopened.GetRequiredService<IItsmDispatcher>().QueryAsync(new GetIncident(context, opened.Value.Record.Id));
                Assert.Equal("Payslips cannot be downloaded", fromFile.Value.Record.Title);
            }

            using var scope = provider.CreateScope();
            var audit = await scope.ServiceProvider.GetRequiredService<Itsm.Core.Application.Auditing.IAuditLog>().ListAsync(context.Tenant, 0, 10, CancellationToken.None);
            Assert.Equal(["OpenIncident"], audit.Select(a => a.Command));
        }
        finally
        {
            await provider.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(databasePath)!, recursive: true);
        }
    }

    [Fact]
    public async Task Observability_OpenTelemetryExportsTheCommandsActivityAndCounter()
    {
        // snippet: observability
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var services = new ServiceCollection();
        services.AddItsmCore();
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(ItsmTelemetry.SourceName).AddInMemoryExporter(spans))   // AddOtlpExporter() in production
            .WithMetrics(meters => meters.AddMeter(ItsmTelemetry.SourceName).AddInMemoryExporter(metrics));   // AddOtlpExporter() in production
        await using var provider = services.BuildServiceProvider();
        var tracerProvider = provider.GetRequiredService<TracerProvider>(); // a host starts both providers; without one, resolve them first
        var meterProvider = provider.GetRequiredService<MeterProvider>();

        var itsm = provider.GetRequiredService<IItsmDispatcher>();
        var context = new RequestContext(TenantId.From("acme-observability"), UserId.From("service-desk"));
        var opened = await itsm.SendAsync(new OpenIncident(context, "Payslips cannot be downloaded", ConfigurationItemId.From("payroll"), Impact: 2, Urgency: 1, Caller: UserId.From("carol")));
        tracerProvider.ForceFlush();
        meterProvider.ForceFlush();
        // spans: "itsm.command OpenIncident", kind Internal, tags itsm.request = OpenIncident, itsm.request.kind = command,
        // itsm.tenant = acme-observability, itsm.correlation_id, itsm.outcome = Ok
        // metrics: itsm.commands {itsm.request = OpenIncident, itsm.outcome = Ok} counted 1, and itsm.request.duration in seconds
        // end snippet

        // Tests run in parallel in one process and the activity source is static: the exporter also
        // receives other tests' activities and measurements while the providers live. Disposing the
        // provider stops the exporters, so the lists no longer change while they are read; the spans are
        // those of this test's tenant, which no other test uses, and the counter, which has no tenant
        // tag, may include other tests' OpenIncident commands.
        await provider.DisposeAsync();
        Assert.Equal(ResultStatus.Ok, opened.Status);

        var span = Assert.Single(spans, a => (string?)a.GetTagItem(ItsmTelemetry.Tags.Tenant) == "acme-observability");
        Assert.Equal("itsm.command OpenIncident", span.DisplayName);
        Assert.Equal(ItsmTelemetry.SourceName, span.Source.Name);
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("OpenIncident", span.GetTagItem(ItsmTelemetry.Tags.Request));
        Assert.Equal("command", span.GetTagItem(ItsmTelemetry.Tags.RequestKind));
        Assert.Equal("Ok", span.GetTagItem(ItsmTelemetry.Tags.Outcome));
        Assert.Equal(context.Correlation.ToString(), span.GetTagItem(ItsmTelemetry.Tags.CorrelationId));
        Assert.Null(span.GetTagItem(ItsmTelemetry.Tags.ErrorCode));

        var commands = metrics.Last(m => m.Name == ItsmTelemetry.Instruments.Commands);
        Assert.Equal(ItsmTelemetry.SourceName, commands.MeterName);
        Assert.Equal(MetricType.LongSum, commands.MetricType);
        Assert.Equal("{command}", commands.Unit);
        var okOpened = PointsOf(commands).Where(p => p.Tags.GetValueOrDefault(ItsmTelemetry.Tags.Request) as string == "OpenIncident" && p.Tags.GetValueOrDefault(ItsmTelemetry.Tags.Outcome) as string == "Ok").ToList();
        Assert.True(Assert.Single(okOpened).Sum >= 1);
        Assert.All(PointsOf(commands), p => Assert.False(p.Tags.ContainsKey(ItsmTelemetry.Tags.Tenant)));

        var duration = metrics.Last(m => m.Name == ItsmTelemetry.Instruments.RequestDuration);
        Assert.Equal(MetricType.Histogram, duration.MetricType);
        Assert.Equal("s", duration.Unit);
        Assert.Contains(PointsOf(duration), p => p.Tags.GetValueOrDefault(ItsmTelemetry.Tags.Request) as string == "OpenIncident" && p.Count >= 1);
    }

    private static List<(Dictionary<string, object?> Tags, long Sum, long Count)> PointsOf(Metric metric)
    {
        var points = new List<(Dictionary<string, object?>, long, long)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            var isHistogram = metric.MetricType == MetricType.Histogram;
            points.Add((tags, isHistogram ? 0 : point.GetSumLong(), isHistogram ? point.GetHistogramCount() : 0));
        }

        return points;
    }
}
