using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Continuity;

/// <summary>
/// The continuity record of one service: its business impact (MTD, RTO, RPO), its continuity plan (the recovery
/// steps and the configuration items they cover) and the tests of that plan, each with the service's dependency
/// closure at the time, so that <see cref="Assess"/> can tell whether the plan still fits the CMDB.
/// </summary>
/// <remarks>
/// <para>
/// Every member but the service is derived from <see cref="History"/>: the business impact is defined first
/// (<see cref="DefineImpact"/>), then revised, the plan defined and revised, and tests recorded, any number of times,
/// one record per change, never back in time (<see cref="TimeOrderCode"/>). A test is judged against the business
/// impact in force when it is recorded, and keeps that verdict when the impact is revised later. A test cannot be
/// recorded before the plan is defined (<see cref="PlanUndefinedCode"/>) nor run after it is recorded
/// (<see cref="TestInFutureCode"/>).
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed class ContinuityPlan
{
    /// <summary>Error code of a stored continuity record whose history does not fit (<see cref="Restore"/>).</summary>
    public const string HistoryCode = "continuity.history";

    /// <summary>Error code of a change at an instant before the record's latest one.</summary>
    public const string TimeOrderCode = "continuity.time-order";

    /// <summary>Error code of a plan without recovery steps, or with a blank one.</summary>
    public const string StepsCode = "continuity.plan.steps";

    /// <summary>Error code of an unassigned service, actor or covered item.</summary>
    public const string IdentifierCode = "continuity.identifier";

    /// <summary>Error code of a test recorded before any plan was defined.</summary>
    public const string PlanUndefinedCode = "continuity.plan.undefined";

    /// <summary>Error code of a test said to have run after the instant it is recorded at.</summary>
    public const string TestInFutureCode = "continuity.test.future";

    /// <summary>The most recovery steps a plan may have.</summary>
    public const int MaxSteps = 200;

    private ContinuityPlan(ConfigurationItemId service, BusinessImpact impact, BusinessImpactDefined defined)
    {
        Service = service;
        Impact = impact;
        History = [defined];
    }

    /// <summary>The service.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>Its business impact in force.</summary>
    public BusinessImpact Impact { get; private set; }

    /// <summary>True once a plan has been defined.</summary>
    public bool IsPlanDefined => !RecoverySteps.IsEmpty;

    /// <summary>The plan's recovery steps, in order; empty until a plan is defined.</summary>
    public ImmutableArray<string> RecoverySteps { get; private set; } = [];

    /// <summary>The configuration items the plan covers, distinct and ordered; empty until a plan is defined.</summary>
    public ImmutableArray<ConfigurationItemId> CoveredItems { get; private set; } = [];

    /// <summary>The plan's tests, in the order they were recorded.</summary>
    public ImmutableList<ContinuityPlanTest> Tests { get; private set; } = [];

    /// <summary>The passed test that ran last, or null when none passed.</summary>
    public ContinuityPlanTest? LastPassedTest => Tests.Where(t => t.Passed).OrderBy(t => t.At).LastOrDefault();

    /// <summary>Everything that happened, oldest first, from the first <see cref="BusinessImpactDefined"/> on.</summary>
    public ImmutableList<ContinuityPlanEvent> History { get; private set; }

    /// <summary>
    /// Opens the continuity record of <paramref name="service"/> with its business impact. Invalid as
    /// <see cref="BusinessImpact.Create"/> is, or (<see cref="IdentifierCode"/>) for an unassigned service or actor.
    /// </summary>
    /// <param name="service">The service.</param>
    /// <param name="maximumTolerableDowntime">The longest outage the business can survive.</param>
    /// <param name="recoveryTimeObjective">The RTO.</param>
    /// <param name="recoveryPointObjective">The RPO.</param>
    /// <param name="by">Who defines it.</param>
    /// <param name="at">When.</param>
    public static Result<ContinuityPlan> DefineImpact(ConfigurationItemId service, Duration maximumTolerableDowntime, Duration recoveryTimeObjective, Duration recoveryPointObjective, UserId by, Instant at)
    {
        if (service.Value is null || by.Value is null)
        {
            return Result<ContinuityPlan>.Invalid(Failure.Field(string.Empty, "The service and the acting user must be assigned.", IdentifierCode));
        }

        var impact = BusinessImpact.Create(service, maximumTolerableDowntime, recoveryTimeObjective, recoveryPointObjective);
        return impact.IsSuccess
            ? new ContinuityPlan(service, impact.Value, new BusinessImpactDefined(at, by, maximumTolerableDowntime, recoveryTimeObjective, recoveryPointObjective))
            : impact.AsFailure<ContinuityPlan>();
    }

    /// <summary>Revises the business impact; Invalid as <see cref="DefineImpact"/>; Conflict (<see cref="TimeOrderCode"/>) before the latest record.</summary>
    /// <param name="maximumTolerableDowntime">The longest outage the business can survive.</param>
    /// <param name="recoveryTimeObjective">The RTO.</param>
    /// <param name="recoveryPointObjective">The RPO.</param>
    /// <param name="by">Who revises it.</param>
    /// <param name="at">When.</param>
    public Result ReviseImpact(Duration maximumTolerableDowntime, Duration recoveryTimeObjective, Duration recoveryPointObjective, UserId by, Instant at)
    {
        var impact = BusinessImpact.Create(Service, maximumTolerableDowntime, recoveryTimeObjective, recoveryPointObjective);
        var refused = !impact.IsSuccess ? impact.AsFailure() : Refusal(by, at);
        if (refused is not null)
        {
            return refused;
        }

        Impact = impact.Value;
        History = History.Add(new BusinessImpactDefined(at, by, maximumTolerableDowntime, recoveryTimeObjective, recoveryPointObjective));
        return Result.Success();
    }

    /// <summary>
    /// Defines (or replaces) the plan: its recovery steps in order and the items it covers. Invalid (<see cref="StepsCode"/>)
    /// without steps, with more than <see cref="MaxSteps"/>, or with a blank one; (<see cref="IdentifierCode"/>) with an
    /// unassigned item or actor; Conflict (<see cref="TimeOrderCode"/>) before the latest record.
    /// </summary>
    /// <param name="recoverySteps">The recovery steps, in order (each trimmed).</param>
    /// <param name="coveredItems">The configuration items it covers (made distinct and ordered).</param>
    /// <param name="by">Who defines it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    public Result DefinePlan(IEnumerable<string> recoverySteps, IEnumerable<ConfigurationItemId> coveredItems, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(recoverySteps);
        Preconditions.CheckNotNull(coveredItems);
        var steps = recoverySteps.ToImmutableArray();
        var items = coveredItems.ToImmutableArray();
        if (steps.IsEmpty || steps.Length > MaxSteps || steps.Any(s => string.IsNullOrWhiteSpace(s) || s.Trim().Any(char.IsControl)))
        {
            return Failure.Invalid(
                nameof(RecoverySteps),
                $"The plan of '{Service}' needs 1 to {MaxSteps} recovery steps, each a line of text without control characters; it has {steps.Length}.",
                StepsCode);
        }

        if (items.Any(i => i.Value is null))
        {
            return Failure.Invalid(nameof(CoveredItems), "Every covered configuration item must be assigned.", IdentifierCode);
        }

        if (Refusal(by, at) is { } refused)
        {
            return refused;
        }

        var defined = new ContinuityPlanDefined(at, by, [.. steps.Select(s => s.Trim())], [.. items.Distinct().Order()]);
        RecoverySteps = defined.RecoverySteps;
        CoveredItems = defined.CoveredItems;
        History = History.Add(defined);
        return Result.Success();
    }

    /// <summary>
    /// Records a test of the plan that ran at <paramref name="testedAt"/>, judged against the business impact in force, with
    /// the service's dependency closure in <paramref name="configuration"/> kept as its baseline. Conflict
    /// (<see cref="PlanUndefinedCode"/>) before a plan is defined, (<see cref="TimeOrderCode"/>) before the latest record;
    /// Invalid (<see cref="TestInFutureCode"/>) for a test after <paramref name="at"/>, or as <see cref="ContinuityPlanTest.Record"/>.
    /// </summary>
    /// <param name="testedAt">When the test ran.</param>
    /// <param name="achievedRecovery">How long recovery took.</param>
    /// <param name="dataLoss">How much data was lost.</param>
    /// <param name="configuration">The CMDB's current configuration (or the stored closure, on restore).</param>
    /// <param name="by">Who records it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public Result RecordTest(Instant testedAt, Duration achievedRecovery, Duration dataLoss, ConfigurationState configuration, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(configuration);
        if (!IsPlanDefined)
        {
            return Failure.Conflict($"The continuity plan of '{Service}' is not defined yet; define its recovery steps before recording a test of them.", PlanUndefinedCode);
        }

        if (testedAt > at)
        {
            return Failure.Invalid("TestedAt", $"The test of '{Service}' is said to have run at {testedAt}, after it is recorded ({at}); record tests that have run.", TestInFutureCode);
        }

        if (Refusal(by, at) is { } refused)
        {
            return refused;
        }

        var test = ContinuityPlanTest.Record(Impact, testedAt, achievedRecovery, dataLoss, configuration);
        if (!test.IsSuccess)
        {
            return test.AsFailure();
        }

        Tests = Tests.Add(test.Value);
        History = History.Add(new ContinuityPlanTested(at, by, testedAt, achievedRecovery, dataLoss, test.Value.Closure));
        return Result.Success();
    }

    /// <summary>
    /// Whether the plan can be trusted at <paramref name="asOf"/> against <paramref name="configuration"/>: untested when no
    /// test passed (or no plan is defined), stale when the dependency closure changed since the last passed test or that test is
    /// older than <paramref name="interval"/> (<see cref="ContinuityStaleness.Assess"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public Result<ContinuityPlanVerdict> Assess(ConfigurationState configuration, Instant asOf, Duration interval) =>
        IsPlanDefined
            ? ContinuityStaleness.Assess(Service, Tests, configuration, asOf, interval)
            : new ContinuityPlanVerdict(Service, ContinuityPlanStatus.Untested, null, [], ["no continuity plan is defined"]);

    /// <summary>The stored form.</summary>
    public ContinuityPlanSnapshot ToSnapshot() => new(Service, History);

    /// <summary>
    /// Restores a continuity record by replaying its history through <see cref="DefineImpact"/>, <see cref="ReviseImpact"/>,
    /// <see cref="DefinePlan"/> and <see cref="RecordTest"/> (a test against its stored closure, which must be the service's
    /// dependency closure within itself). Invalid (<see cref="HistoryCode"/>) naming the first record that does not fit.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<ContinuityPlan> Restore(ContinuityPlanSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var name = $"Stored continuity record of '{snapshot.Service}'";
        if (snapshot.Service.Value is null || snapshot.History is null)
        {
            return Result<ContinuityPlan>.Invalid(Failure.Field(nameof(ContinuityPlanSnapshot.History), $"{name} has no service or no history.", HistoryCode));
        }

        return HistoryReplay.Apply<ContinuityPlan, ContinuityPlanEvent>(snapshot.History, name, HistoryCode, Describe, (i, e, plan) => (i, e) switch
        {
            (0, BusinessImpactDefined d) => DefineImpact(snapshot.Service, d.MaximumTolerableDowntime, d.RecoveryTimeObjective, d.RecoveryPointObjective, d.By, d.At),
            ( > 0, BusinessImpactDefined d) => Then(plan!, plan!.ReviseImpact(d.MaximumTolerableDowntime, d.RecoveryTimeObjective, d.RecoveryPointObjective, d.By, d.At)),
            ( > 0, ContinuityPlanDefined p) when !p.RecoverySteps.IsDefault && !p.CoveredItems.IsDefault && p.RecoverySteps.All(s => s == s.Trim()) && p.CoveredItems.SequenceEqual(p.CoveredItems.Distinct().Order())
                => Then(plan!, plan!.DefinePlan(p.RecoverySteps, p.CoveredItems, p.By, p.At)),
            ( > 0, ContinuityPlanTested t) when t.Closure is not null => Then(plan!, plan!.RecordTest(t.TestedAt, t.AchievedRecovery, t.DataLoss, t.Closure, t.By, t.At))
                .Bind(p => p.Tests[^1].Closure.HasSameContentAs(t.Closure) ? Result<ContinuityPlan>.Success(p) : Result<ContinuityPlan>.Invalid(Failure.Field("Closure", "its stored closure is not the service's dependency closure", HistoryCode))),
            (0, _) => Result<ContinuityPlan>.Invalid(Failure.Field("History", "the first record must define the business impact", HistoryCode)),
            _ => Result<ContinuityPlan>.Invalid(Failure.Field("History", "the record is incomplete", HistoryCode)),
        });
    }

    /// <summary>Returns the service, its business impact and the number of tests, for diagnostics.</summary>
    public override string ToString() => $"continuity of {Impact}; {RecoverySteps.Length} step(s), {Tests.Count} test(s)";

    private static Result<ContinuityPlan> Then(ContinuityPlan plan, Result step) => step.IsSuccess ? plan : step.AsFailure<ContinuityPlan>();

    private static string Describe(ContinuityPlanEvent? e) => $"{e?.GetType().Name ?? "null"} by {e?.By} at {e?.At}";

    private Result? Refusal(UserId by, Instant at) =>
        by.Value is null ? Failure.Invalid("By", "The acting user must be assigned.", IdentifierCode)
        : at < History[^1].At ? Failure.Conflict($"Cannot change the continuity record of '{Service}' at {at}: its last change was at {History[^1].At}, and history does not run backwards.", TimeOrderCode)
        : null;
}

/// <summary>A continuity record's stored form: the service and its history; every other member is the history replayed.</summary>
/// <param name="Service">The service.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record ContinuityPlanSnapshot(ConfigurationItemId Service, ImmutableList<ContinuityPlanEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
