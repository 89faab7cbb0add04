using System.Collections.Immutable;
using Itsm.Core.Benchmarks.Configuration;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Releases;
using NodaTime;

namespace Itsm.Core.Benchmarks.Releases;

/// <summary>
/// A large release and its evidence, built once: 200 approved changes on 2,000 servers, a release with 100 test, 200 staging and
/// 400 production items (each impacting 5 of 100 services), a year of weekly blackouts on every service (one crossing the
/// production window) and a weekend maintenance calendar on each service (five of them weekdays only); and, for the deployment
/// audit, the 100,000-item layered CMDB before and after a production deployment that changed 300 of its 400 target items,
/// which the changes cover, 5 that no change covers, and 1,000 items of other work. Deterministic (fixed seed).
/// </summary>
public sealed class ReleaseFixture
{
    private static readonly UserId Manager = UserId.From("bob");
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    private ReleaseFixture()
    {
        var random = new Random(20261207);
        var servers = Enumerable.Range(0, 2000).Select(i => ConfigurationItemId.From($"srv-{i}")).ToArray();
        var services = Enumerable.Range(0, 100).Select(i => ConfigurationItemId.From($"svc-{i}")).ToArray();
        Interval Weekend(int month, int day) => new(Instant.FromUtc(2026, month, day, 22, 0), Instant.FromUtc(2026, month, day + 1, 2, 0));
        EnvironmentPlan Plan(DeploymentEnvironment environment, int first, int count, Interval window) => new(environment, [.. servers.Skip(first).Take(count)], window);
        var details = new ReleaseDetails(
            "Platform 2026.12", ReleaseUnitId.From("platform"), new ReleaseVersion(2026, 12, 0), ReleaseType.Major, ReleasePolicy.Standard,
            [Plan(DeploymentEnvironment.Test, 0, 100, Weekend(11, 28)), Plan(DeploymentEnvironment.Staging, 100, 200, Weekend(12, 5)), Plan(DeploymentEnvironment.Production, 300, 400, Weekend(12, 12))],
            "Redeploy 2026.11", []);
        Release = Release.Plan(ReleaseId.New(), details, null, Manager, Start).Value;
        var template = new StandardChangeTemplate("platform-patch", "Platform patch", new ChangePlans("patch", "tested", "restore"));
        var wide = new Interval(Instant.FromUtc(2026, 11, 28, 0, 0), Instant.FromUtc(2026, 12, 14, 0, 0));
        var changes = new List<ChangeRequest>();
        for (var i = 0; i < 200; i++)
        {
            ConfigurationItemId[] items = [servers[random.Next(700)], servers[random.Next(700)], servers[random.Next(700)]];
            var window = i % 50 == 7 ? new Interval(wide.Start, Instant.FromUtc(2026, 12, 13, 1, 0)) : wide; // four end before the production window does
            var change = ChangeRequest.Raise(ChangeId.New(), ChangeType.Standard, $"Patch {i}", Manager, items.Distinct(), items.Distinct(), window, null, Start, template).Value;
            _ = change.Submit(Manager, Start);
            _ = change.AssessRisk(RiskModel.Default.Assess(new RiskInput(ImpactSummary.None)), ApprovalPolicy.Default, Manager, Start);
            _ = Release.BundleChange(change, Manager, Start);
            changes.Add(change);
        }

        _ = Release.RecordBuild("build-2026.12", null, Manager, Start);
        _ = Release.RecordTestResult(new ReleaseTestResult("regression", true, string.Empty), Manager, Start);
        Impact = new ImpactSets(servers.Take(700).Select(s => new KeyValuePair<ConfigurationItemId, IEnumerable<ConfigurationItemId>>(s, Enumerable.Range(0, 5).Select(_ => services[random.Next(services.Length)]).ToList())));
        var weekend = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>
        {
            [IsoDayOfWeek.Saturday] = [WorkingRange.Parse("20:00-24:00").Value],
            [IsoDayOfWeek.Sunday] = [WorkingRange.Parse("00:00-06:00").Value],
        };
        var weekdays = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>> { [IsoDayOfWeek.Monday] = [WorkingRange.Parse("20:00-24:00").Value] };
        var maintenance = services.Select((s, i) => KeyValuePair.Create(s, BusinessCalendar.Create($"maintenance-{i}", "Etc/UTC", i % 20 == 3 ? weekdays : weekend, []).Value)).ToList();
        foreach (var calendar in maintenance)
        {
            calendar.Value.Precompile(Start, Start + Duration.FromDays(366));
        }

        var blackouts = services.SelectMany((s, i) => Enumerable.Range(0, 52).Select(w =>
            new BlackoutWindow(s, new Interval(Start + Duration.FromDays((7 * w) + (i % 3)), Start + Duration.FromDays((7 * w) + (i % 3) + 1)), $"freeze {w}"))).ToList();
        blackouts.Add(new BlackoutWindow(services[42], new Interval(Instant.FromUtc(2026, 12, 13, 0, 0), Instant.FromUtc(2026, 12, 13, 6, 0)), "year-end close"));
        Evidence = new AcceptanceEvidence(changes, new ServiceWindows(maintenance, blackouts), Impact, [], []);

        Cmdb = State(LayeredCmdb.Generate(100), random);
    }

    /// <summary>The fixture, built on first use.</summary>
    public static Lazy<ReleaseFixture> Shared { get; } = new(() => new ReleaseFixture());

    /// <summary>The release, in test, bundling the 200 changes.</summary>
    public Release Release { get; }

    /// <summary>The gate's evidence: the changes, the service windows, the impact sets.</summary>
    public AcceptanceEvidence Evidence { get; }

    /// <summary>The impact sets of the 700 servers.</summary>
    public ImpactSets Impact { get; }

    /// <summary>The deployment audit's inputs on the 100,000-item CMDB.</summary>
    public (ConfigurationBaseline Before, ConfigurationState After, Instant At, ImmutableArray<AuthorisedChange> Authorised, ImmutableArray<ConfigurationItemId> Targets) Cmdb { get; }

    private static (ConfigurationBaseline, ConfigurationState, Instant, ImmutableArray<AuthorisedChange>, ImmutableArray<ConfigurationItemId>) State(LayeredCmdb cmdb, Random random)
    {
        var version = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("version", AttributeValue.FromText("1"))]);
        var items = cmdb.Ids.Select((id, i) => new ConfigurationItemSnapshot(id, cmdb.Classes[i], id.Value, ConfigurationItemStatus.Operational, BusinessCriticality.None, null, default, version)).ToArray();
        var relationships = Enumerable.Range(0, cmdb.Sources.Count).Select(i => Relationship.Create(cmdb.Ids[cmdb.Sources[i]], cmdb.Ids[cmdb.Targets[i]], cmdb.Types[i]).Value).Distinct().ToList();
        var before = ConfigurationBaseline.Capture(BaselineId.New(), "before", Start, Manager, ConfigurationState.Create(items, relationships).Value).Value;
        var order = Enumerable.Range(0, items.Length).OrderBy(_ => random.Next()).ToArray();
        var targets = order.Take(400).ToArray();
        var at = Start + Duration.FromHours(4);
        int Covered(int c, int k) => c < 195 ? targets[(2 * c) + k] : order[2000 + (2 * c) + k]; // the last five authorise other items
        var authorised = Enumerable.Range(0, 200).Select(c => new AuthorisedChange(ChangeId.New(), ImmutableHashSet.Create(items[Covered(c, 0)].Id, items[Covered(c, 1)].Id), at)).ToImmutableArray();
        var changed = targets.Take(300).Concat(targets.Skip(395)).Concat(order.Skip(400).Take(1000)).ToHashSet();
        var bumped = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("version", AttributeValue.FromText("2"))]);
        var after = ConfigurationState.Create(items.Select((item, i) => changed.Contains(i) ? item with { Attributes = bumped } : item), relationships).Value;
        return (before, after, at, authorised, [.. targets.Select(t => items[t].Id)]);
    }
}
