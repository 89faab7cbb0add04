using System.Collections.Immutable;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Releases;

/// <summary>
/// A release: a versioned set of approved changes to one release unit, built, tested, accepted through the acceptance gate,
/// deployed environment by environment with each deployment verified against a before-baseline of the CMDB, rolled back
/// when needed, reviewed and closed.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lifecycle.</b> Planned -> Built -> InTest -> Accepted -> Deploying -> Deployed / RolledBack -> Reviewed -> Closed; the
/// one table <see cref="ReleaseLifecycle.Table"/> says which transition is allowed where. Beside it: only approved changes are
/// bundled (<see cref="ReleaseAcceptanceGate.ApprovalProblem"/>); acceptance needs the gate met
/// (<see cref="ReleaseAcceptanceGate.Check"/>); environments are deployed in the order test, staging, production, and
/// production only once staging passed, unless the policy expedites the release's type; a deployment completes only when the
/// CMDB difference on its target items is explained by the bundled changes (the configuration audit's matching), and a
/// rollback only when that difference is empty.
/// </para>
/// <para>
/// <b>One convention for every transition</b>, as for changes, problems and contracts: its own inputs first, then the acting
/// user, then the instant. It checks the state first (<c>release.illegal-transition</c>), then the time
/// (<c>release.time-order</c>), then its input and rules; it either appends exactly one <see cref="ReleaseEvent"/> to
/// <see cref="History"/> or returns a failed <see cref="Result"/> and changes nothing. Every member but the identity and the
/// details is derived from the history, so a restored release is its history replayed.
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed partial class Release
{
    /// <summary>Error code of an action the current state does not allow.</summary>
    public const string IllegalTransitionCode = "release.illegal-transition";

    /// <summary>Error code of an action at an instant before the release's latest record.</summary>
    public const string TimeOrderCode = "release.time-order";

    /// <summary>Error code of a version not greater than the latest version of the release unit.</summary>
    public const string VersionOrderCode = "release.version-order";

    /// <summary>Error code of bundling a change that is not approved, or is backed out.</summary>
    public const string ChangeUnapprovedCode = "release.change-unapproved";

    /// <summary>Error code of bundling a change twice.</summary>
    public const string ChangeBundledCode = "release.change-bundled";

    /// <summary>Error code of an acceptance the gate refuses.</summary>
    public const string AcceptanceRefusedCode = "release.acceptance-refused";

    /// <summary>Error code of a deployment out of environment order, to an environment not planned, or already deployed.</summary>
    public const string EnvironmentOrderCode = "release.environment-order";

    /// <summary>Error code of a baseline that is not the deployment's before-baseline, or captured after it started.</summary>
    public const string BaselineCode = "release.baseline";

    /// <summary>Error code of a deployment whose CMDB difference the bundled changes do not explain.</summary>
    public const string UnauthorisedDifferenceCode = "release.deployment.unauthorised";

    /// <summary>Error code of a rollback that leaves a difference against the before-baseline.</summary>
    public const string RollbackUnverifiedCode = "release.rollback.unverified";

    private ImmutableArray<ChangeId> changes = [];
    private ImmutableArray<ReleaseTestResult> testResults = [];
    private ImmutableList<DeploymentRecord> deployments = [];

    private Release(ReleaseId id, ReleaseDetails details, ReleasePlanned planned)
    {
        Id = id;
        Details = details;
        PlannedAt = planned.At;
        RollbackPlan = details.RollbackPlan;
        environments = details.Environments;
        History = [planned];
    }

    /// <summary>The release's identifier.</summary>
    public ReleaseId Id { get; }

    /// <summary>What it is, as planned.</summary>
    public ReleaseDetails Details { get; }

    /// <summary>When it was planned.</summary>
    public Instant PlannedAt { get; }

    /// <summary>Where it is in its lifecycle.</summary>
    public ReleaseState State { get; private set; }

    /// <summary>The bundled changes, in identifier order (the order they were bundled in does not matter).</summary>
    public ImmutableArray<ChangeId> Changes => changes;

    /// <summary>The current build's reference, or null before the first build.</summary>
    public string? BuildReference { get; private set; }

    /// <summary>The rollback plan: the latest build's, else the planned one; null when there is none.</summary>
    public string? RollbackPlan { get; private set; }

    /// <summary>The test results of the current build, oldest first (a rebuild starts them over).</summary>
    public ImmutableArray<ReleaseTestResult> TestResults => testResults;

    /// <summary>The known errors the acceptor acknowledged; empty before acceptance.</summary>
    public ImmutableArray<KnownErrorId> AcknowledgedKnownErrors { get; private set; } = [];

    /// <summary>The deployments, in the order they were started.</summary>
    public ImmutableList<DeploymentRecord> Deployments => deployments;

    /// <summary>Everything that happened, oldest first, from <see cref="ReleasePlanned"/> on.</summary>
    public ImmutableList<ReleaseEvent> History { get; private set; }

    /// <summary>The states the table allows next from the current one (empty when final).</summary>
    public ImmutableArray<ReleaseState> NextStates => ReleaseLifecycle.Table.NextStates(State);

    /// <summary>True while the release is not closed.</summary>
    public bool IsOpen => State != ReleaseState.Closed;

    /// <summary>
    /// Plans a release. Invalid naming each bad part of <paramref name="details"/>: a blank title (<c>release.title</c>); an
    /// unassigned identifier (<c>release.identifier</c>); a type the policy does not plan (<c>release.type</c>); no environment,
    /// an environment twice, without items or with an unbounded or empty window (<c>release.environments</c>); production
    /// without staging for a type the policy does not expedite (<c>release.environment-order</c>). Conflict
    /// (<c>release.version-order</c>) when the version is not greater than <paramref name="latestOfUnit"/>.
    /// </summary>
    /// <param name="id">Its identifier.</param>
    /// <param name="details">What it is.</param>
    /// <param name="latestOfUnit">The greatest version of the release unit planned so far, or null for its first release.</param>
    /// <param name="by">Who plans it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> or its policy is null.</exception>
    public static Result<Release> Plan(ReleaseId id, ReleaseDetails details, ReleaseVersion? latestOfUnit, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(details);
        Preconditions.CheckNotNull(details.Policy, nameof(details));
        var errors = DetailsErrors(details);
        if (id.Value == Guid.Empty || by.Value is null)
        {
            errors.Add(Failure.Field(string.Empty, "The release id and the acting user must be assigned.", "release.identifier"));
        }

        if (errors.Count > 0)
        {
            return Result<Release>.Invalid(errors);
        }

        if (latestOfUnit is { } latest && details.Version <= latest)
        {
            return Failure.Conflict<Release>(
                $"Release unit {details.Unit} is at version {latest}; a new release must have a greater version than that, not {details.Version}.", VersionOrderCode);
        }

        return new Release(id, Normalise(details), new ReleasePlanned(at, by));
    }

    /// <summary>
    /// Bundles <paramref name="change"/>: Planned only. Conflict <c>release.change-unapproved</c> when it is not approved or was
    /// backed out, <c>release.change-bundled</c> when it is bundled already.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    public Result BundleChange(ChangeRequest change, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(change);
        return Allowed(ReleaseTransition.BundleChange, at, "bundle a change into") is { IsSuccess: false } refused ? refused
            : ReleaseAcceptanceGate.ApprovalProblem(change) is { } problem ? Failure.Conflict($"Cannot bundle change {change.Id} into release {Id}: {problem}", ChangeUnapprovedCode)
            : Transit(new ReleaseChangeBundled(at, by, change.Id), "bundle a change into");
    }

    /// <summary>
    /// Records the build: Planned, Built or InTest -> Built (a rebuild restarts the tests). Invalid (<c>release.build</c>) for a
    /// blank reference or a rollback plan given blank; a rollback plan given replaces the current one.
    /// </summary>
    public Result RecordBuild(string? buildReference, string? rollbackPlan, UserId by, Instant at) =>
        Transit(new ReleaseBuilt(at, by, buildReference?.Trim() ?? string.Empty, rollbackPlan?.Trim()), "record a build of");

    /// <summary>Records a test result of the current build: Built or InTest -> InTest. Invalid (<c>release.test-result</c>) for a blank suite name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public Result RecordTestResult(ReleaseTestResult result, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(result);
        return Transit(new ReleaseTestRecorded(at, by, new ReleaseTestResult(result.Suite?.Trim() ?? string.Empty, result.Passed, result.Notes?.Trim() ?? string.Empty)), "record a test result of");
    }

    /// <summary>The acceptance gate's verdict on this release now (<see cref="ReleaseAcceptanceGate.Check"/>); changes nothing.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    public AcceptanceVerdict CheckAcceptance(AcceptanceEvidence evidence) => ReleaseAcceptanceGate.Check(this, evidence);

    /// <summary>
    /// Accepts the release through the gate: InTest -> Accepted. Conflict (<c>release.acceptance-refused</c>) listing every
    /// unmet criterion when the gate refuses.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    public Result Accept(AcceptanceEvidence evidence, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(evidence);
        if (Allowed(ReleaseTransition.Accept, at, "accept") is { IsSuccess: false } refused)
        {
            return refused;
        }

        var verdict = CheckAcceptance(evidence);
        return verdict.IsMet
            ? Transit(new ReleaseAccepted(at, by, [.. evidence.Acknowledged.Distinct().Order()]), "accept")
            : Failure.Conflict($"Release {Id} does not pass the acceptance gate: {string.Join(" ", verdict.Unmet.Select(u => $"[{u.Criterion}] {u.Explanation}"))}", AcceptanceRefusedCode);
    }

    /// <summary>Records the review: Deployed or RolledBack -> Reviewed. Invalid (<c>release.review</c>) for blank findings.</summary>
    public Result Review(string? findings, UserId by, Instant at) => Transit(new ReleaseReviewed(at, by, findings?.Trim() ?? string.Empty), "review");

    /// <summary>Closes the release: Reviewed -> Closed.</summary>
    public Result Close(UserId by, Instant at) => Transit(new ReleaseClosed(at, by), "close");

    /// <summary>The stored form.</summary>
    public ReleaseSnapshot ToSnapshot() => new(Id, Details, PlannedAt, State, History);

    /// <summary>Returns the identifier, unit, version, state and title, for diagnostics.</summary>
    public override string ToString() => $"{Id} {Details.Unit} {Details.Version} {State}: {Details.Title}";

    private static ReleaseDetails Normalise(ReleaseDetails d) => d with
    {
        Title = d.Title.Trim(),
        RollbackPlan = string.IsNullOrWhiteSpace(d.RollbackPlan) ? null : d.RollbackPlan.Trim(),
        KnownErrors = [.. d.KnownErrors.Distinct().Order()],
        Environments = [.. d.Environments.OrderBy(e => e.Environment).Select(e => e with { Items = [.. e.Items.Distinct().Order()] })],
    };

    private static List<ValidationError> DetailsErrors(ReleaseDetails d)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(d.Title) || d.Title.Trim().Any(char.IsControl))
        {
            errors.Add(Failure.Field("Title", "A release needs a title without control characters.", "release.title"));
        }

        if (d.Unit.Value is null || d.KnownErrors.IsDefault || d.KnownErrors.Any(k => k.Value == Guid.Empty))
        {
            errors.Add(Failure.Field(string.Empty, "The release unit and the known errors shipped must be assigned identifiers.", "release.identifier"));
        }

        if (!Enum.IsDefined(d.Type) || !d.Policy.Permits(d.Type))
        {
            errors.Add(Failure.Field("Type", $"Release policy {d.Policy} does not plan {d.Type} releases.", "release.type"));
        }

        if (d.Environments.IsDefaultOrEmpty || d.Environments.Any(e => e is null || !Enum.IsDefined(e.Environment) || e.Items.IsDefaultOrEmpty || e.Items.Any(i => i.Value is null)
                || !e.Window.HasStart || !e.Window.HasEnd || e.Window.Start >= e.Window.End)
            || d.Environments.Select(e => e.Environment).Distinct().Count() != d.Environments.Length)
        {
            errors.Add(Failure.Field(
                "Environments",
                "A release targets one or more distinct environments (test, staging, production), each with at least one configuration item and a deployment window that starts before it ends.",
                "release.environments"));
        }
        else if (d.PlanOf(DeploymentEnvironment.Production) is not null && d.PlanOf(DeploymentEnvironment.Staging) is null && !d.Policy.IsExpedited(d.Type))
        {
            errors.Add(Failure.Field(
                "Environments",
                $"A {d.Type} release under policy '{d.Policy.Name}' reaches production only after staging; plan a staging deployment.",
                EnvironmentOrderCode));
        }

        return errors;
    }

    private Result Transit(ReleaseEvent e, string action)
    {
        var via = ReleaseLifecycle.TransitionOf(e)!.Value;
        var allowed = Allowed(via, e.At, action);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        if (Rule(e, action) is { } broken)
        {
            return broken;
        }

        Apply(e);
        return Result.Success();
    }

    /// <summary>State first, then time: the transition must be allowed from the current state, and <paramref name="at"/> not before the latest record.</summary>
    private Result Allowed(ReleaseTransition via, Instant at, string action) =>
        ReleaseLifecycle.Table.Require(State, via, action, $"release {Id}", History[^1].At, at, IllegalTransitionCode, TimeOrderCode);

    /// <summary>What <paramref name="e"/> breaks of the release's own rules that the record itself shows (the live commands and the replay share it), or null.</summary>
    private Result? Rule(ReleaseEvent e, string action) => e switch
    {
        _ when e.By.Value is null => Failure.Invalid("By", "The acting user must be assigned.", "release.identifier"),
        ReleaseChangeBundled b when b.Change.Value == Guid.Empty => Failure.Invalid("Change", "The change must be an assigned identifier.", "release.identifier"),
        ReleaseChangeBundled b when changes.Contains(b.Change) => Failure.Conflict($"Change {b.Change} is bundled into release {Id} already.", ChangeBundledCode),
        ReleaseBuilt b when b.BuildReference.Length == 0 || (b.RollbackPlan is not null && b.RollbackPlan.Length == 0) =>
            Failure.Invalid("BuildReference", "Name the build (an artefact, tag or pipeline run), and give the rollback plan in words or leave it out.", "release.build"),
        ReleaseTestRecorded t when t.Result is null || t.Result.Suite.Length == 0 => Failure.Invalid("Suite", "Name the test suite the result is of.", "release.test-result"),
        ReleaseReviewed r when r.Findings.Length == 0 => Failure.Invalid("Findings", "Say what the review found.", "release.review"),
        ReleaseDeploymentStarted s => StartRule(s, action),
        ReleaseDeploymentCompleted c => FinishRule(c.Environment, c.Verification, action),
        ReleaseRolledBack r when string.IsNullOrWhiteSpace(r.Reason) => Failure.Invalid("Reason", "Say why the deployment is rolled back.", "release.rollback.reason"),
        ReleaseRolledBack r => FinishRule(r.Environment, r.Verification, action),
        ReleaseRescheduled r => RescheduleRule(r, action),
        _ => null,
    };

    /// <summary>Makes the transition <paramref name="e"/> records; its checks were made before.</summary>
    private void Apply(ReleaseEvent e)
    {
        var via = ReleaseLifecycle.TransitionOf(e)!.Value;
        State = ReleaseLifecycle.Table.TargetsOf(State, via)[0];
        switch (e)
        {
            case ReleaseChangeBundled b:
                changes = [.. changes.Add(b.Change).Order()];
                break;
            case ReleaseBuilt b:
                BuildReference = b.BuildReference;
                RollbackPlan = b.RollbackPlan ?? RollbackPlan;
                testResults = [];
                break;
            case ReleaseTestRecorded t:
                testResults = testResults.Add(t.Result);
                break;
            case ReleaseAccepted a:
                AcknowledgedKnownErrors = a.AcknowledgedKnownErrors;
                break;
            case ReleaseRescheduled r:
                ApplySchedule(r);
                break;
            default:
                ApplyDeployment(e);
                break;
        }

        History = History.Add(e);
    }
}

/// <summary>A release's stored form: its identity, its details, its state and its history; every other member is its history replayed.</summary>
/// <param name="Id">The release's identifier.</param>
/// <param name="Details">What it is, as planned.</param>
/// <param name="PlannedAt">When it was planned.</param>
/// <param name="State">Where it is in its lifecycle.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record ReleaseSnapshot(ReleaseId Id, ReleaseDetails Details, Instant PlannedAt, ReleaseState State, ImmutableList<ReleaseEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
