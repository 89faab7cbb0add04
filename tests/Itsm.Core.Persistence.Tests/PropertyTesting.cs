using FsCheck;

namespace Itsm.Core.Persistence.Tests;

/// <summary>
/// How hard property tests search, as in the domain tests: 200 cases by default so the build stays
/// fast, many more when <c>ITSM_PROPERTY_RUNS</c> is set (for example to 100000).
/// </summary>
internal static class PropertyTesting
{
    /// <summary>The environment variable that sets the number of cases per property.</summary>
    public const string RunsVariable = "ITSM_PROPERTY_RUNS";

    /// <summary>Cases per property: <c>ITSM_PROPERTY_RUNS</c>, or 200.</summary>
    public static int Runs =>
        int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), out var runs) && runs > 0 ? runs : 200;

    /// <summary>The FsCheck configuration every property uses; failures throw with the seed to replay.</summary>
    public static Config Config => Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true);

    /// <summary>Checks <paramref name="property"/>, throwing with a counter-example when it fails.</summary>
    public static void Check(Property property) => global::FsCheck.Check.One(Config, property);
}
