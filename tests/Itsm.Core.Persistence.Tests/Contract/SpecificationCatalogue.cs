using System.Collections.Immutable;
using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// The records every store is seeded with for the specification contract: a few dozen incidents,
/// changes and SLA definitions with varied states, priorities, items and instants, many sharing
/// sort keys (so ties are broken by identifier), identifiers whose order differs from insertion
/// order, and a few records of another tenant that no query may return.
/// </summary>
internal static partial class SpecificationSeed
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);
    public static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    public static readonly ConfigurationItemId Payroll = ConfigurationItemId.From("svc-payroll");
    public static readonly ConfigurationItemId Web = ConfigurationItemId.From("svc-web");
    public static readonly ConfigurationItemId Db = ConfigurationItemId.From("db-01");
    public static readonly ConfigurationItemId Unknown = ConfigurationItemId.From("svc-nobody-uses");
    public static readonly UserId Agent = UserId.From("agent");
    public static readonly UserId Lead = UserId.From("lead");
    public static readonly UserId Rita = UserId.From("rita");
    public static readonly UserId Sam = UserId.From("sam");
    public static readonly CustomerId Acme = CustomerId.From("acme");
    public static readonly CustomerId Globex = CustomerId.From("globex");

    private static readonly ConfigurationItemId[] Services = [Email, Payroll, Web];
    private static readonly IncidentState[] States = Enum.GetValues<IncidentState>();
    private static readonly ChangeStatus[] Statuses = Enum.GetValues<ChangeStatus>();
    private static readonly ChangeType[] Types = Enum.GetValues<ChangeType>();

    /// <summary>The tenant's incidents, in insertion order.</summary>
    public static ImmutableArray<Incident> Incidents { get; } = [.. Enumerable.Range(0, 36).Select(MakeIncident)];

    /// <summary>The tenant's changes, in insertion order.</summary>
    public static ImmutableArray<ChangeRequestSnapshot> Changes { get; } = [.. Enumerable.Range(0, 33).Select(MakeChange)];

    /// <summary>The tenant's SLA definitions, in insertion order.</summary>
    public static ImmutableArray<SlaDefinition> SlaDefinitions { get; } =
    [
        Sla("Gold", Email, null), Sla("bronze", Email, null), Sla("gold-2", Email, Acme), Sla("Gold_1", Email, Acme),
        Sla("a.b", Email, Globex), Sla("A-b", Email, Acme), Sla("silver", Payroll, null), Sla("Silver", Payroll, Globex),
        Sla("z", Payroll, Acme), Sla("0-first", Web, null), Sla("_under", Web, null), Sla("web-acme", Web, Acme),
    ];

    /// <summary>Records of another tenant, with the same kinds of values: never returned for the tenant under test.</summary>
    public static ImmutableArray<Incident> OtherTenantIncidents { get; } = [.. Enumerable.Range(100, 4).Select(MakeIncident)];

    /// <inheritdoc cref="OtherTenantIncidents"/>
    public static ImmutableArray<ChangeRequestSnapshot> OtherTenantChanges { get; } = [.. Enumerable.Range(100, 4).Select(MakeChange)];

    /// <inheritdoc cref="OtherTenantIncidents"/>
    public static ImmutableArray<SlaDefinition> OtherTenantSlaDefinitions { get; } = [Sla("Gold", Email, null), Sla("other", Email, Acme)];

    /// <summary>A GUID whose leading field is scattered (high bit set for about half), so identifier order differs from insertion order and exercises unsigned comparison against the text column.</summary>
    private static Guid SeedGuid(int n) =>
        new(unchecked((int)((uint)(n + 1) * 2654435761u)), (short)n, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, (byte)n);

    /// <summary>
    /// A real incident: opened at T0 + (n mod 7) h (ties on the opening instant) and driven by its own commands to
    /// state n of <see cref="States"/>, so that it passes <see cref="Incident.Restore"/>. Only the breach projection is
    /// set by hand (no SLA applies): ties, and T0 itself as a boundary.
    /// </summary>
    private static Incident MakeIncident(int n)
    {
        var decision = PriorityPolicy.Default.Decide(Impact.FromLevel((n % 3) + 1), Urgency.FromLevel((n / 3 % 3) + 1), IncidentFacts.None).Value;
        var at = T0 + Duration.FromHours(n % 7);
        var incident = Incident.Open(
            IncidentId.From(SeedGuid(n)), $"Incident {n}", UserId.From("caller"), Services[n % Services.Length], decision, Agent, at).Value;
        var state = States[n % States.Length];
        UserId? assignee = (n % 4) switch { 0 => null, 1 or 3 => Agent, _ => Lead };
        if (assignee is null && state is not (IncidentState.New or IncidentState.Cancelled))
        {
            assignee = Lead;
        }

        void Step(Ardalis.Result.Result result) => Xunit.Assert.True(result.IsSuccess, result.Errors.FirstOrDefault());
        if (assignee is { } who && state != IncidentState.New)
        {
            Step(incident.Assign(who, Lead, at));
        }

        if (state is IncidentState.InProgress or IncidentState.OnHold)
        {
            Step(incident.StartWork(Agent, at));
        }

        if (state == IncidentState.OnHold)
        {
            Step(incident.PutOnHold(HoldReason.AwaitingCustomer, Agent, at));
        }

        if (state is IncidentState.Resolved or IncidentState.Closed)
        {
            Step(incident.Resolve("fixed", Agent, at));
        }

        if (state == IncidentState.Closed)
        {
            Step(incident.Close(Agent, at));
        }

        if (state == IncidentState.Cancelled)
        {
            Step(incident.Cancel("duplicate", Agent, at));
        }

        var snapshot = incident.ToSnapshot() with { NextBreachAt = n % 4 == 3 ? null : T0 + Duration.FromHours(n % 5) };
        return Incident.FromSnapshot(snapshot);
    }

    /// <summary>
    /// A real change of type n of <see cref="Types"/>, raised at T0 - (n mod 4) min (ties on the raising instant) and driven
    /// by its own commands to status n of <see cref="Statuses"/>; one that got that far ended its implementation at
    /// T0 + (n mod 5) h (ties, and boundaries of (after, upTo]).
    /// </summary>
    private static ChangeRequestSnapshot MakeChange(int n)
    {
        ConfigurationItemId[] items = (n % 5) switch
        {
            0 => [Email],
            1 => [Payroll],
            2 => [Email, Payroll],
            3 => [Web, Db],
            _ => [Db],
        };
        var start = T0 + Duration.FromHours(n % 6); // ties on the window start
        var (type, status, raisedAt) = (Types[n % Types.Length], Statuses[n % Statuses.Length], T0 - Duration.FromMinutes(n % 4));
        var plans = new ChangePlans("steps", "tested", "roll back");
        var change = ChangeRequest.Raise(
            ChangeId.From(SeedGuid(1000 + n)), type, $"Change {n}", n % 3 == 0 ? Sam : Rita, items, items,
            new Interval(start, start + Duration.FromHours((n % 3) + 1)), type == ChangeType.Standard ? null : plans, raisedAt,
            type == ChangeType.Standard ? new StandardChangeTemplate("patch", "Patch", plans) : null).Value;
        var approver = UserId.From("approver");
        var ended = T0 + Duration.FromHours(n % 5);
        const ChangeAuthority all = ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.EmergencyAuthority;
        void Step(Ardalis.Result.Result result) => Xunit.Assert.True(result.IsSuccess, result.Errors.FirstOrDefault());
        bool Reaches(ChangeStatus s) => status == s || (status > s && status != ChangeStatus.Rejected && !(s == ChangeStatus.Failed && status >= ChangeStatus.Reviewed));
        if (status == ChangeStatus.Draft)
        {
            return change.ToSnapshot();
        }

        Step(change.Submit(change.Requester, raisedAt));
        if (status >= ChangeStatus.Assessed)
        {
            // A rejected change is assessed medium (a standard one becomes normal), so that it waits for an approver.
            var impact = status == ChangeStatus.Rejected ? new ImpactSummary([new ImpactedService(Payroll, ServiceCriticality.Medium, ServiceEffect.Down)], 3) : ImpactSummary.None;
            Step(change.AssessRisk(RiskModel.Default.Assess(new RiskInput(impact, hasTestEvidence: status != ChangeStatus.Rejected)), ApprovalPolicy.Default, approver, raisedAt));
        }

        if (status == ChangeStatus.Rejected)
        {
            Step(change.Reject(all, "no", approver, raisedAt));
        }
        else if (Reaches(ChangeStatus.Approved) && change.Status == ChangeStatus.Assessed)
        {
            Step(change.Approve(all, "ok", approver, raisedAt));
        }

        if (Reaches(ChangeStatus.Scheduled))
        {
            Step(change.Schedule([], approver, raisedAt));
        }

        if (Reaches(ChangeStatus.Implementing))
        {
            Step(change.StartImplementation(change.Requester, raisedAt));
        }

        if (status == ChangeStatus.Failed)
        {
            Step(change.Fail(FailureRemediation.BackedOut, "failed", change.Requester, ended));
        }
        else if (Reaches(ChangeStatus.Implemented))
        {
            Step(change.Complete(null, change.Requester, ended));
        }

        if (status == ChangeStatus.Reviewed || (status == ChangeStatus.Closed && change.RequiresReview))
        {
            Step(change.ReviewOutcome("fine", approver, ended));
        }

        if (status == ChangeStatus.Closed)
        {
            Step(change.Close(approver, ended));
        }

        return ChangeRequest.FromSnapshot(change.ToSnapshot()).ToSnapshot();
    }

    private static SlaDefinition Sla(string id, ConfigurationItemId service, CustomerId? customer) =>
        SlaDefinition.Create(
            SlaDefinitionId.From(id), $"SLA {id}", new SlaScope(service, customer), CalendarId.From("office"),
            new Dictionary<int, SlaTargets> { [1] = new(Duration.FromMinutes(30), Duration.FromHours(4)), [2] = new(Duration.FromHours(2), Duration.FromHours(8)) }).Value;
}

/// <summary>
/// Parameterised instances of every specification type of the product, several each, with the edge
/// cases: empty results, a page past the end, boundary instants, ties broken by identifier. The
/// contract test fails when a specification type found by reflection has no entry here.
/// </summary>
internal static class SpecificationCatalogue
{
    private static readonly Instant T0 = SpecificationSeed.T0;
    private static readonly ChangeStatus[] Live = [ChangeStatus.Approved, ChangeStatus.Scheduled, ChangeStatus.Implementing];
    private static readonly ChangeStatus[] Finished = [ChangeStatus.Implemented, ChangeStatus.Failed, ChangeStatus.Reviewed, ChangeStatus.Closed];

    /// <summary>Every case by its name.</summary>
    public static IReadOnlyDictionary<string, object> Cases { get; } = Build();

    private static Instant At(int hours) => T0 + Duration.FromHours(hours);

    private static Dictionary<string, object> Build()
    {
        var cases = new Dictionary<string, object>(StringComparer.Ordinal);
        void Add(string name, object specification) => cases.Add($"{specification.GetType().Name}: {name}", specification);

        Add("all", new IncidentsByOpening());
        Add("open states", new IncidentsByOpening(IncidentLifecycle.OpenStates));
        Add("no states: empty", new IncidentsByOpening([]));
        Add("P1", new IncidentsByOpening(priority: Priority.FromRank(1)));
        Add("email, assigned to agent", new IncidentsByOpening(service: SpecificationSeed.Email, assignee: SpecificationSeed.Agent));
        Add("unknown service: empty", new IncidentsByOpening(service: SpecificationSeed.Unknown));
        Add("second page of seven", new IncidentsByOpening(page: PageRequest.Of(7, 7)));
        Add("last partial page", new IncidentsByOpening(page: PageRequest.Of(30, 10)));
        Add("page past the end", new IncidentsByOpening(page: PageRequest.Of(36, 5)));
        Add("largest page", new IncidentsByOpening(IncidentLifecycle.OpenStates, page: PageRequest.Of(0, PageRequest.MaxTake)));

        Add("before T0: empty (strictly before)", new IncidentsBreachingBefore(T0));
        Add("before T0+2h: boundary excluded", new IncidentsBreachingBefore(At(2)));
        Add("open, before T0+5h", new IncidentsBreachingBefore(At(5), IncidentLifecycle.OpenStates));
        Add("open, far future, paged", new IncidentsBreachingBefore(At(1000), IncidentLifecycle.OpenStates, page: PageRequest.Of(2, 3)));
        Add("payroll, P2, unassigned", new IncidentsBreachingBefore(At(10), service: SpecificationSeed.Payroll, priority: Priority.FromRank(2)));
        Add("page past the end", new IncidentsBreachingBefore(At(10), page: PageRequest.Of(500, 1)));

        Add("email, [T0, T0+3h)", new ServiceIncidentsOpenedIn(SpecificationSeed.Email, new Interval(T0, At(3))));
        Add("payroll, the whole day", new ServiceIncidentsOpenedIn(SpecificationSeed.Payroll, new Interval(T0 - Duration.FromDays(1), At(24))));
        Add("web, [T0+6h, T0+7h): last hour only", new ServiceIncidentsOpenedIn(SpecificationSeed.Web, new Interval(At(6), At(7))));
        Add("a later month: empty", new ServiceIncidentsOpenedIn(SpecificationSeed.Email, new Interval(At(1000), At(2000))));

        Add("every service, [T0, T0+3h)", new IncidentsOpenedIn(new Interval(T0, At(3))));
        Add("the whole day", new IncidentsOpenedIn(new Interval(T0 - Duration.FromDays(1), At(24))));
        Add("[T0+6h, T0+7h): last hour only", new IncidentsOpenedIn(new Interval(At(6), At(7))));
        Add("a later month: empty", new IncidentsOpenedIn(new Interval(At(1000), At(2000))));

        Add("all", new ProblemsByLogging());
        Add("open states", new ProblemsByLogging(ProblemLifecycle.OpenStates));
        Add("no states: empty", new ProblemsByLogging([]));
        Add("email", new ProblemsByLogging(service: SpecificationSeed.Email));
        Add("payroll, assigned to agent", new ProblemsByLogging(service: SpecificationSeed.Payroll, assignee: SpecificationSeed.Agent));
        Add("unknown service: empty", new ProblemsByLogging(service: SpecificationSeed.Unknown));
        Add("second page of five", new ProblemsByLogging(page: PageRequest.Of(5, 5)));
        Add("page past the end", new ProblemsByLogging(page: PageRequest.Of(23, 5)));

        Add("logged by T0+2h: boundary included", new OpenProblemsByAge(At(2)));
        Add("logged by far future: every open problem", new OpenProblemsByAge(At(1000)));
        Add("logged before T0: empty", new OpenProblemsByAge(T0 - Duration.FromTicks(1)));
        Add("email, logged by T0+4h", new OpenProblemsByAge(At(4), SpecificationSeed.Email));
        Add("oldest first, second page of three", new OpenProblemsByAge(At(1000), page: PageRequest.Of(3, 3)));
        Add("unknown service: empty", new OpenProblemsByAge(At(1000), SpecificationSeed.Unknown));

        Add("all", new KnownErrorsByStatus());
        Add("published", new KnownErrorsByStatus([KnownErrorStatus.Published]));
        Add("no statuses: empty", new KnownErrorsByStatus([]));
        Add("from one problem", new KnownErrorsByStatus(problem: SpecificationSeed.SourceProblem));
        Add("draft or fixed, paged", new KnownErrorsByStatus([KnownErrorStatus.Draft, KnownErrorStatus.Fixed], page: PageRequest.Of(1, 3)));
        Add("unknown problem: empty", new KnownErrorsByStatus(problem: ProblemId.From(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"))));
        Add("naming email", new KnownErrorsByStatus(service: SpecificationSeed.Email));
        Add("published, naming payroll, paged", new KnownErrorsByStatus([KnownErrorStatus.Published], page: PageRequest.Of(0, 2), service: SpecificationSeed.Payroll));
        Add("from one problem, naming web", new KnownErrorsByStatus(problem: SpecificationSeed.SourceProblem, service: SpecificationSeed.Web));
        Add("naming an unknown service: empty", new KnownErrorsByStatus(service: SpecificationSeed.Unknown));

        Add("email, no customer", new ApplicableSlaDefinitions(SpecificationSeed.Email, null));
        Add("email, acme", new ApplicableSlaDefinitions(SpecificationSeed.Email, SpecificationSeed.Acme));
        Add("payroll, globex", new ApplicableSlaDefinitions(SpecificationSeed.Payroll, SpecificationSeed.Globex));
        Add("web, a customer with none of its own", new ApplicableSlaDefinitions(SpecificationSeed.Web, CustomerId.From("initech")));
        Add("unknown service: empty", new ApplicableSlaDefinitions(SpecificationSeed.Unknown, SpecificationSeed.Acme));

        foreach (var (name, specification) in SupplierSeed.Cases())
        {
            Add(name, specification);
        }

        foreach (var (name, specification) in RequestSeed.Cases())
        {
            Add(name, specification);
        }

        foreach (var (name, specification) in OutageSeed.Cases())
        {
            Add(name, specification);
        }

        Add("all", new ChangesByWindowStart());
        Add("live", new ChangesByWindowStart(statuses: Live));
        Add("touching email", new ChangesByWindowStart(items: [SpecificationSeed.Email]));
        Add("no items: empty", new ChangesByWindowStart(items: []));
        Add("no statuses: empty", new ChangesByWindowStart(statuses: []));
        Add("rita's emergency changes", new ChangesByWindowStart(requester: SpecificationSeed.Rita, type: ChangeType.Emergency));
        Add("sam's on db, paged", new ChangesByWindowStart(items: [SpecificationSeed.Db], requester: SpecificationSeed.Sam, page: PageRequest.Of(1, 2)));
        Add("third page of five", new ChangesByWindowStart(page: PageRequest.Of(10, 5)));
        Add("page past the end", new ChangesByWindowStart(page: PageRequest.Of(33, 5)));

        Add("all", new ChangesNewestFirst());
        Add("sam's", new ChangesNewestFirst(SpecificationSeed.Sam));
        Add("first page", new ChangesNewestFirst(page: PageRequest.Of(0, 5)));
        Add("second page", new ChangesNewestFirst(page: PageRequest.Of(5, 5)));
        Add("page past the end", new ChangesNewestFirst(SpecificationSeed.Rita, PageRequest.Of(100, 5)));

        Add("live, [T0+2h, T0+3h): windows ending at the start excluded", new ChangesOverlapping(Live, new Interval(At(2), At(3))));
        Add("every status, [T0, T0+1h)", new ChangesOverlapping(Enum.GetValues<ChangeStatus>(), new Interval(T0, At(1))));
        Add("draft, the whole day", new ChangesOverlapping([ChangeStatus.Draft], new Interval(T0 - Duration.FromDays(1), At(24))));
        Add("after every window: empty", new ChangesOverlapping(Live, new Interval(At(9), At(20))));
        Add("no statuses: empty", new ChangesOverlapping([], new Interval(T0, At(24))));

        Add("finished, on email", new ChangesAffecting(Finished, [SpecificationSeed.Email]));
        Add("every status, on web or db", new ChangesAffecting(Enum.GetValues<ChangeStatus>(), [SpecificationSeed.Web, SpecificationSeed.Db]));
        Add("no items: empty", new ChangesAffecting(Finished, []));
        Add("unknown item: empty", new ChangesAffecting(Finished, [SpecificationSeed.Unknown]));

        Add("email or payroll, (T0+1h, T0+3h]: boundaries", new ChangesImplementedBetween([SpecificationSeed.Email, SpecificationSeed.Payroll], At(1), At(3)));
        Add("db, everything", new ChangesImplementedBetween([SpecificationSeed.Db], T0 - Duration.FromDays(1), At(24)));
        Add("empty period (T0+2h, T0+2h]: empty", new ChangesImplementedBetween([SpecificationSeed.Email], At(2), At(2)));
        Add("no items: empty", new ChangesImplementedBetween([], T0 - Duration.FromDays(1), At(24)));
        return cases;
    }
}
