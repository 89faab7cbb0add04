using System.Collections.Immutable;
using System.Text.Json;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.Releases;
using NodaTime;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    private const string ReleaseGolden = "release";

    /// <summary>The stored form of a release is fixed (<c>Golden/release.json</c>): a failure means the format changed, which breaks stored data.</summary>
    [Fact]
    public void Serialize_FixedRelease_GivesTheGoldenText()
    {
        var expected = Compact(File.ReadAllText(GoldenPath(ReleaseGolden)));

        var actual = SnapshotJson.Serialize(FixedRelease().ToSnapshot());

        if (actual != expected)
        {
            var path = Path.Combine(Path.GetTempPath(), $"itsm-golden-{ReleaseGolden}.json");
            File.WriteAllText(path, Indented(actual) + "\n");
            Assert.Fail($"The stored form of '{ReleaseGolden}' changed; the new text is in {path}.\nExpected: {expected}\nActual:   {actual}");
        }
    }

    /// <summary>A document in the golden format reads, restores by replaying its history, and writes back to the same text.</summary>
    [Fact]
    public void Deserialize_GoldenRelease_RestoresWithItsWholeHistory()
    {
        var restored = Release.Restore(SnapshotJson.Deserialize<ReleaseSnapshot>(File.ReadAllText(GoldenPath(ReleaseGolden))));

        Assert.True(restored.IsSuccess, restored.Message);
        Assert.Equal(SnapshotJson.Serialize(FixedRelease().ToSnapshot()), SnapshotJson.Serialize(restored.Value.ToSnapshot()));
        Assert.Equal((ReleaseState.Reviewed, 11), (restored.Value.State, restored.Value.History.Count));
        Assert.Equal(new Interval(Monday0900 + Duration.FromHours(24), Monday0900 + Duration.FromHours(26)), restored.Value.PlanOf(DeploymentEnvironment.Production)!.Window);
        Assert.Equal([true, false], restored.Value.Deployments.Select(d => d.IsPassed));
        Assert.Equal(ReleasePolicy.Standard, restored.Value.Details.Policy);
    }

    [Fact]
    public void Discriminators_EveryReleaseEventHasOne()
    {
        Discriminators_EveryConcreteEventTypeHasOneAndEachIsUnique(typeof(ReleaseEvent));
    }

    /// <summary>Reading is strict for the release's own values too: a version not in canonical digits, or a policy the domain refuses, does not read.</summary>
    [Theory]
    [InlineData("\"version\":\"4.2.0\"", "\"version\":\"4.02.0\"")]
    [InlineData("\"version\":\"4.2.0\"", "\"version\":\"4.2\"")]
    [InlineData("\"expedited\":[\"Emergency\"]", "\"expedited\":[\"Emergency\",\"Emergency\"]")]
    [InlineData("\"types\":[\"Major\",\"Minor\",\"Emergency\"]", "\"types\":[\"Major\",\"Minor\"]")]
    [InlineData("\"event\":\"rolled-back\"", "\"event\":\"rolled-forward\"")]
    public void Deserialize_ReleaseWithAnInvalidValue_ThrowsJsonException(string valid, string corrupt)
    {
        var text = SnapshotJson.Serialize(FixedRelease().ToSnapshot());
        Assert.Contains(valid, text, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ReleaseSnapshot>(text.Replace(valid, corrupt, StringComparison.Ordinal)));
    }

    /// <summary>
    /// A release planned, bundling a change, its production window rescheduled, built, tested, accepted acknowledging its known error, deployed to staging and
    /// verified, deployed to production, rolled back verified, and reviewed; fixed identifiers and instants.
    /// </summary>
    internal static Release FixedRelease()
    {
        var by = UserId.From("release-manager");
        var at = Monday0900;
        var knownError = KnownErrorId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-00000000e001"));
        var staging = new EnvironmentPlan(DeploymentEnvironment.Staging, [ConfigurationItemId.From("payroll-app-staging")], new Interval(at + Duration.FromHours(2), at + Duration.FromHours(4)));
        var production = new EnvironmentPlan(DeploymentEnvironment.Production, [ConfigurationItemId.From("payroll-app")], new Interval(at + Duration.FromHours(23), at + Duration.FromHours(25)));
        var details = new ReleaseDetails("Payroll 4.2", ReleaseUnitId.From("payroll-app"), new ReleaseVersion(4, 2, 0), ReleaseType.Minor, ReleasePolicy.Standard, [staging, production], "redeploy 4.1.0", [knownError]);
        ImmutableList<ReleaseEvent> history =
        [
            new ReleasePlanned(at, by),
            new ReleaseChangeBundled(at + Duration.FromMinutes(1), by, ChangeId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-000000000c01"))),
            new ReleaseRescheduled(at + Duration.FromSeconds(90), by, DeploymentEnvironment.Production, new Interval(at + Duration.FromHours(24), at + Duration.FromHours(26))),
            new ReleaseBuilt(at + Duration.FromMinutes(2), by, "build-417", null),
            new ReleaseTestRecorded(at + Duration.FromMinutes(3), by, new ReleaseTestResult("regression", true, "412 passed")),
            new ReleaseAccepted(at + Duration.FromMinutes(4), by, [knownError]),
            new ReleaseDeploymentStarted(at + Duration.FromHours(2), by, DeploymentEnvironment.Staging, BaselineId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-000000000b01")), "sha256:staging-before"),
            new ReleaseDeploymentCompleted(at + Duration.FromMinutes(150), by, DeploymentEnvironment.Staging, new DeploymentVerification("sha256:staging-before", "sha256:staging-after", 1)),
            new ReleaseDeploymentStarted(at + Duration.FromHours(24), by, DeploymentEnvironment.Production, BaselineId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-000000000b02")), "sha256:production-before"),
            new ReleaseRolledBack(at + Duration.FromMinutes(1470), by, DeploymentEnvironment.Production, "smoke test failed", new DeploymentVerification("sha256:production-before", "sha256:production-before", 0)),
            new ReleaseReviewed(at + Duration.FromHours(25), by, "rolled back cleanly; fix the smoke test data"),
        ];
        var snapshot = new ReleaseSnapshot(ReleaseId.From(Guid.Parse("0191e4a2-7c3b-7000-8000-000000000a01")), details, at, ReleaseState.Reviewed, history);
        var restored = Release.Restore(snapshot);
        Assert.True(restored.IsSuccess, restored.Message);
        return restored.Value;
    }
}
