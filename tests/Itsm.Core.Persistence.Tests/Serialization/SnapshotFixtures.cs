using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using NodaTime;
using ImpactedService = Itsm.Core.Changes.ImpactedService;

namespace Itsm.Core.Persistence.Tests.Serialization;

/// <summary>Fully populated aggregates built through the domain's own API, for the codec tests.</summary>
internal static class SnapshotFixtures
{
    public static readonly UserId Agent = UserId.From("agent");
    public static readonly UserId Lead = UserId.From("team-lead");
    public static readonly UserId Caller = UserId.From("caller");
    public static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    public static readonly CustomerId Acme = CustomerId.From("acme");

    /// <summary>Monday 2 March 2026, 09:00 in London (GMT).</summary>
    public static readonly Instant Monday0900 = Instant.FromUtc(2026, 3, 2, 9, 0);

    /// <summary>London office hours: 09:00-12:30 and 13:30-17:00 on weekdays, a holiday, a half day, a make-up Saturday and a Sunday running to 24:00.</summary>
    public static BusinessCalendarDefinition CalendarDefinition()
    {
        var weekday = new List<WorkingRange> { WorkingRange.Between(new LocalTime(9, 0), new LocalTime(12, 30)), WorkingRange.Between(new LocalTime(13, 30), new LocalTime(17, 0)) };
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>
        {
            [IsoDayOfWeek.Monday] = weekday,
            [IsoDayOfWeek.Tuesday] = weekday,
            [IsoDayOfWeek.Wednesday] = weekday,
            [IsoDayOfWeek.Thursday] = weekday,
            [IsoDayOfWeek.Friday] = [WorkingRange.Between(new LocalTime(9, 0), new LocalTime(15, 0, 30))],
            [IsoDayOfWeek.Sunday] = [WorkingRange.ToEndOfDay(new LocalTime(20, 0))],
        };
        var days = new Dictionary<LocalDate, IReadOnlyList<WorkingRange>>
        {
            [new LocalDate(2026, 12, 24)] = [WorkingRange.Between(new LocalTime(9, 0), new LocalTime(12, 0))],
            [new LocalDate(2026, 3, 7)] = [WorkingRange.WholeDay],
            [new LocalDate(2026, 3, 11)] = [],
            [new LocalDate(2026, 3, 12)] = [WorkingRange.Between(new LocalTime(9, 0, 0).PlusMilliseconds(250), new LocalTime(11, 0))],
        };
        var result = BusinessCalendarDefinition.Create(
            "UK office hours", "Europe/London", week, [new LocalDate(2026, 12, 25), new LocalDate(2026, 4, 3), new LocalDate(2026, 3, 4)], days);
        Assert.True(result.IsSuccess, result.Message);
        return result.Value;
    }

    /// <summary>The compiled <see cref="CalendarDefinition"/>.</summary>
    public static BusinessCalendar Calendar { get; } = BusinessCalendar.FromDefinition(CalendarDefinition());

    /// <summary>Targets for P1 to P4 (P5 has none), OnHold and AwaitingSupplier pause, re-targets are retroactive.</summary>
    public static SlaDefinition Sla(SlaRetargetPolicy? policy = null)
    {
        var result = SlaDefinition.Create(
            SlaDefinitionId.From("email-gold"),
            "Email gold",
            new SlaScope(Email, Acme),
            CalendarId.From("uk-office"),
            new Dictionary<int, SlaTargets>
            {
                [1] = new(Duration.FromMinutes(30), Duration.FromHours(4)),
                [2] = new(Duration.FromHours(2), Duration.FromHours(8)),
                [3] = new(Duration.FromHours(4), Duration.FromHours(16)),
                [4] = new(Duration.FromHours(8), Duration.FromHours(40) + Duration.FromMinutes(30)),
            },
            new SlaClockRules
            {
                WarningThresholds = [90, 50, 75],
                PausedBy = [SlaPause.OnHold, SlaPause.AwaitingSupplier, SlaPause.Named("awaiting-Approval")], // the last: a state of another record
                RetargetPolicy = policy ?? SlaRetargetPolicy.Retroactive,
            });
        Assert.True(result.IsSuccess, result.Message);
        return result.Value;
    }

    /// <summary><see cref="Sla"/> defined and then revised to the restart policy: a definition with a history of two records.</summary>
    public static SlaDefinition RevisedSla()
    {
        var defined = Sla().Define(UserId.From("sla-manager"), Instant.FromUtc(2026, 3, 1, 8, 0));
        var revised = defined.Bind(d => d.Revise(Sla(SlaRetargetPolicy.Restart), UserId.From("sla-owner"), Instant.FromUtc(2026, 3, 9, 8, 30)));
        Assert.True(revised.IsSuccess, revised.Message);
        return revised.Value;
    }

    /// <summary><see cref="CalendarDefinition"/> defined and then redefined without its Sunday hours: a calendar with a history of two records.</summary>
    public static BusinessCalendarDefinition RedefinedCalendar()
    {
        var original = CalendarDefinition();
        var week = original.Week.Where(d => d.Key != IsoDayOfWeek.Sunday).ToDictionary(d => d.Key, d => (IReadOnlyList<WorkingRange>)d.Value);
        var replacement = BusinessCalendarDefinition.Create(original.Name, original.Zone.Id, week, original.Holidays, original.Days.ToDictionary(d => d.Key, d => (IReadOnlyList<WorkingRange>)d.Value));
        var redefined = original.Define(UserId.From("calendar-admin"), Instant.FromUtc(2026, 3, 1, 8, 0))
            .Bind(c => c.Redefine(replacement.Value, UserId.From("calendar-admin"), Instant.FromUtc(2026, 3, 2, 8, 0)));
        Assert.True(redefined.IsSuccess, redefined.Message);
        return redefined.Value;
    }

    public static PriorityDecision Decision(int impact, int urgency, IncidentFacts? facts = null) =>
        PriorityPolicy.Default.Decide(Impact.FromLevel(impact), Urgency.FromLevel(urgency), facts ?? IncidentFacts.None).Value;

    /// <summary>
    /// An incident taken through its whole lifecycle: VIP facts, assign, first response, start,
    /// hold, resume, a priority change with an override (re-targeting the clocks), resolve, reopen,
    /// link to a problem, resolve again and close.
    /// </summary>
    public static Incident IncidentThroughLifecycle()
    {
        var facts = new IncidentFacts
        {
            IsVipCaller = true,
            Category = "mail/delivery",
            Service = Email,
            Flags = ImmutableHashSet.Create("vip", "board", "exec-office", "Zeta", "alpha"),
        };
        var at = Monday0900;
        var incident = Incident.Open(
            IncidentId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")), "Mail is not delivered", Caller, Email, Decision(2, 3, facts), Agent, at, Sla(), Acme,
            ConfigurationItemId.From("mta-01"), facts).Value;
        Step(incident.Assign(Agent, Lead, at += Duration.FromMinutes(20)));
        Step(incident.RecordFirstResponse(Agent, at += Duration.FromMinutes(5)));
        Step(incident.StartWork(Agent, at += Duration.FromMinutes(1)));
        Step(incident.PutOnHold(HoldReason.AwaitingCustomer, Agent, at += Duration.FromHours(1)));
        Step(incident.Resume(Agent, at += Duration.FromHours(2)));
        var raised = Decision(1, 2).WithOverride(Priority.FromRank(1), "board member affected", Lead, at += Duration.FromMinutes(10)).Value;
        Step(incident.ChangePriority(raised, "the whole board is affected", Lead, at));
        Step(incident.Resolve("restarted the MTA", Agent, at += Duration.FromHours(3)));
        Step(incident.Reopen("mail stuck again", Caller, at += Duration.FromHours(20)));
        Step(incident.LinkToProblem(ProblemId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")), Lead, at += Duration.FromMinutes(1)));
        Step(incident.Resolve("replaced the disk", Agent, at += Duration.FromHours(1) + Duration.FromMilliseconds(125)));
        Step(incident.Close(Caller, at += Duration.FromDays(1)));
        incident.ProjectSla(Calendar, at);
        return incident;
    }

    /// <summary>
    /// An open incident on hold: re-targeted under the restart policy, then moved to a priority the
    /// SLA has no targets for (so the clocks keep theirs), its resolution clock paused.
    /// </summary>
    public static Incident OpenIncidentOnHold()
    {
        var at = Monday0900;
        var incident = Incident.Open(IncidentId.New(), "Calendar sync slow", Caller, Email, Decision(2, 2), Agent, at, Sla(SlaRetargetPolicy.Restart)).Value;
        Step(incident.Assign(Agent, Agent, at += Duration.FromMinutes(3)));
        Step(incident.StartWork(Agent, at += Duration.FromMinutes(3)));
        Step(incident.ChangePriority(Decision(2, 3), "fewer users than thought", Agent, at += Duration.FromHours(1)));
        Step(incident.ChangePriority(Decision(3, 3), "only one user", Agent, at += Duration.FromHours(1)));
        Step(incident.PutOnHold(HoldReason.AwaitingSupplier, Agent, at += Duration.FromHours(1)));
        incident.ProjectSla(Calendar, at);
        return incident;
    }

    /// <summary>A normal change of high risk approved by a CAB quorum, scheduled, implemented, failed and fixed forward, reviewed and closed.</summary>
    public static ChangeRequest FailedChangeThroughLifecycle()
    {
        var t0 = Instant.FromUtc(2026, 11, 21, 22, 0);
        var payments = ConfigurationItemId.From("svc-payments");
        var change = ChangeRequest.Raise(
            ChangeId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60")), ChangeType.Normal, "Patch the payments database", UserId.From("alice"),
            [ConfigurationItemId.From("db-01"), ConfigurationItemId.From("app-01"), ConfigurationItemId.From("db-01")],
            [ConfigurationItemId.From("db-01"), ConfigurationItemId.From("app-01"), ConfigurationItemId.From("db-01")],
            new Interval(t0 + Duration.FromHours(2), t0 + Duration.FromHours(4)),
            new ChangePlans("apply patch 4711", test: null, backout: "restore snapshot"), t0).Value;
        Step(change.Submit(UserId.From("alice"), t0 + Duration.FromMinutes(5)));
        var assessment = RiskModel.Default.Assess(new RiskInput(
            new ImpactSummary([new ImpactedService(payments, ServiceCriticality.High, ServiceEffect.Down)], 12), hasTestEvidence: false, history: new ChangeHistory(7, 3), conflictCount: 1));
        Step(change.AssessRisk(assessment, ApprovalPolicy.Default, UserId.From("bob"), t0 + Duration.FromMinutes(10)));
        Step(change.Approve(ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.ChangeManager, "tested in staging", UserId.From("cab1"), t0 + Duration.FromMinutes(20)));
        Step(change.Approve(ChangeAuthority.ChangeAdvisoryBoard, "ok", UserId.From("cab2"), t0 + Duration.FromMinutes(21)));
        Step(change.Approve(ChangeAuthority.ChangeAdvisoryBoard, "ok, with backout", UserId.From("cab3"), t0 + Duration.FromMinutes(22)));
        Step(change.Schedule([], UserId.From("bob"), t0 + Duration.FromMinutes(30)));
        Step(change.StartImplementation(UserId.From("carol"), t0 + Duration.FromHours(2)));
        Step(change.Fail(FailureRemediation.FixedForward, "index rebuild failed; fixed with patch 4712", UserId.From("carol"), t0 + Duration.FromHours(3)));
        Step(change.ReviewOutcome("test in staging with production data volume", UserId.From("dave"), t0 + Duration.FromDays(2)));
        Step(change.Close(UserId.From("bob"), t0 + Duration.FromDays(3)));
        return change;
    }

    /// <summary>A standard change, reclassified normal by its medium risk, then rejected.</summary>
    public static ChangeRequest RejectedChange()
    {
        var t0 = Instant.FromUtc(2026, 11, 23, 8, 0);
        var plans = new ChangePlans("patch the OS", "smoke tests", "reinstall previous kernel");
        var change = ChangeRequest.Raise(
            ChangeId.New(), ChangeType.Standard, "Monthly OS patch", UserId.From("alice"), [ConfigurationItemId.From("vm-17")],
            [ConfigurationItemId.From("vm-17")], new Interval(t0, t0 + Duration.FromHours(1)), null, t0, new StandardChangeTemplate("os-patch", "Monthly OS patch", plans)).Value;
        Step(change.Submit(UserId.From("alice"), t0));
        var assessment = RiskModel.Default.Assess(new RiskInput(
            new ImpactSummary([new ImpactedService(ConfigurationItemId.From("svc-payments"), ServiceCriticality.Medium, ServiceEffect.Degraded)], 3), hasTestEvidence: false, insideBlackoutWindow: true));
        Step(change.AssessRisk(assessment, new ApprovalPolicy(cabQuorum: 2), UserId.From("bob"), t0));
        Step(change.Reject(ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.ChangeManager, "inside the freeze", UserId.From("cab1"), t0 + Duration.FromMinutes(1)));
        return change;
    }

    /// <summary>A vendor-defined class of configuration item.</summary>
    public static ConfigurationItemClass DataWarehouse { get; } = ConfigurationItemClass.From("Data-Warehouse");

    /// <summary>A vendor-defined, containment-like relationship type in which the target depends on the source.</summary>
    public static RelationshipType Feeds { get; } = RelationshipType.Define("feeds", ImpactDirection.TargetDependsOnSource, false);

    /// <summary>A vendor-defined containment type.</summary>
    public static RelationshipType MountedIn { get; } = RelationshipType.Define("Mounted In", ImpactDirection.SourceDependsOnTarget, true);

    /// <summary>A configuration item of a vendor-defined class, with redundancy, an owner and attributes of every kind.</summary>
    public static ConfigurationItem Warehouse()
    {
        var item = ConfigurationItem.Register(
            ConfigurationItemId.From("dwh-01"),
            DataWarehouse,
            "Sales data warehouse",
            UserId.From("data-team"),
            Instant.FromUtc(2026, 3, 2, 9, 0),
            ConfigurationItemStatus.Operational,
            BusinessCriticality.High,
            UserId.From("data-team"),
            RedundancyRule.AtLeast(2),
            [
                new("vendor", AttributeValue.FromText("Snowflake \"enterprise\" édition, ünïcode <b>")),
                new("memoryGb", AttributeValue.FromNumber(512.50m)),
                new("cpu", AttributeValue.FromNumber(-0.000001m)),
                new("Encrypted", AttributeValue.FromFlag(true)),
                new("archived", AttributeValue.FromFlag(false)),
                new("warrantyEnd", AttributeValue.FromInstant(Instant.FromUtc(2028, 6, 30, 23, 59, 59) + Duration.FromNanoseconds(123_456_789))),
                new("empty", AttributeValue.FromText(string.Empty)),
            ]).Value;
        Step(item.Update(new ConfigurationItemUpdate(InMaintenance: true), UserId.From("ops"), Instant.FromUtc(2026, 3, 2, 10, 0)));
        Step(item.Update(new ConfigurationItemUpdate(SetAttributes: ImmutableSortedDictionary.Create<string, AttributeValue>(StringComparer.Ordinal).Add("a-late-one", AttributeValue.FromNumber(79228162514264337593543950335m))), UserId.From("ops"), Instant.FromUtc(2026, 3, 2, 10, 0)));
        return item;
    }

    /// <summary>A baseline of a small CMDB: well-known and vendor classes, relationships of several types including vendor-defined ones.</summary>
    public static ConfigurationBaseline Baseline()
    {
        ConfigurationItemSnapshot Item(string id, ConfigurationItemClass c, BusinessCriticality criticality = BusinessCriticality.None) =>
            ConfigurationItem.Register(ConfigurationItemId.From(id), c, id, UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0), criticality: criticality).Value.ToSnapshot();
        Relationship Edge(string source, string target, RelationshipType type) =>
            Relationship.Create(ConfigurationItemId.From(source), ConfigurationItemId.From(target), type).Value;

        var items = new[]
        {
            Item("svc-sales", ConfigurationItemClass.BusinessService, BusinessCriticality.Critical),
            Item("app-sales", ConfigurationItemClass.Application),
            Item("vm-17", ConfigurationItemClass.VirtualMachine),
            Item("esx-03", ConfigurationItemClass.Server),
            Item("cluster-a", ConfigurationItemClass.Cluster),
            Item("san-1", ConfigurationItemClass.Storage),
            Warehouse().ToSnapshot(),
        };
        var relationships = new[]
        {
            Edge("svc-sales", "app-sales", RelationshipType.DependsOn),
            Edge("app-sales", "vm-17", RelationshipType.RunsOn),
            Edge("vm-17", "esx-03", RelationshipType.HostedOn),
            Edge("esx-03", "cluster-a", RelationshipType.MemberOf),
            Edge("esx-03", "san-1", RelationshipType.ConnectsTo),
            Edge("app-sales", "dwh-01", RelationshipType.RelatesTo),
            Edge("dwh-01", "app-sales", Feeds),
            Edge("dwh-01", "san-1", MountedIn),
            Edge("app-sales", "san-1", RelationshipType.Define("replicates to", ImpactDirection.SourceDependsOnTarget, false)),
        };
        var state = ConfigurationState.Create(items, relationships).Value;
        return ConfigurationBaseline.Capture(
            BaselineId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a61")), "2026-Q4 release", Instant.FromUtc(2026, 12, 1, 18, 0), UserId.From("config-manager"), state).Value;
    }

    /// <summary>Asserts that a domain call succeeded.</summary>
    public static void Step(Result result) => Assert.True(result.IsSuccess, result.Message);
}
