using System.Globalization;
using FsCheck.Xunit;

namespace Itsm.Testing;

/// <summary>
/// The one FsCheck.Xunit configuration of a test assembly, applied once as
/// <c>[assembly: PropertyTesting(typeof(Arbitraries))]</c>: every <see cref="PropertyAttribute"/>
/// method of the assembly draws its parameters from that project's <c>Arbitraries</c> class and
/// runs <see cref="PropertyRuns.Runs"/> cases. A failure reports the seed; paste it into
/// <c>[Property(Replay = "...")]</c> to replay that case.
/// </summary>
/// <remarks>
/// FsCheck.Xunit reads an assembly-level <see cref="PropertiesAttribute"/> and lets a class-level
/// one and then the method's own <see cref="PropertyAttribute"/> override it, setting by setting;
/// the <c>Arbitrary</c> types of all levels are merged. Attribute arguments must be constants, so
/// the number of cases is set here, in the constructor, from <see cref="PropertyRuns.Variable"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
internal sealed class PropertyTestingAttribute : PropertiesAttribute
{
    /// <summary>Uses the generators of <paramref name="arbitraries"/> and <see cref="PropertyRuns.Runs"/> cases for every property.</summary>
    /// <param name="arbitraries">The static class whose members returning <c>Arbitrary&lt;T&gt;</c> generate parameters of type <c>T</c>.</param>
    /// <param name="runsAtDefault">
    /// For an assembly whose every case is costly: the cases per property when
    /// <see cref="PropertyRuns.Variable"/> is not set, scaled in proportion when it is.
    /// </param>
    public PropertyTestingAttribute(Type arbitraries, int runsAtDefault = PropertyRuns.Default)
    {
        Arbitrary = [arbitraries];
        MaxTest = PropertyRuns.Scaled(runsAtDefault);
        QuietOnSuccess = true;
    }
}

/// <summary>
/// How hard property tests search: a few hundred cases by default so a build stays fast, many
/// more when <c>ITSM_PROPERTY_RUNS</c> is set (for example to 100000).
/// </summary>
internal static class PropertyRuns
{
    /// <summary>The environment variable that sets the number of cases per property.</summary>
    public const string Variable = "ITSM_PROPERTY_RUNS";

    /// <summary>Cases per property when <see cref="Variable"/> is not set (or not a positive number).</summary>
    public const int Default = 300;

    /// <summary>Cases per property: <c>ITSM_PROPERTY_RUNS</c>, or <see cref="Default"/>.</summary>
    public static int Runs =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0 ? runs : Default;

    /// <summary><see cref="Runs"/> scaled by <paramref name="runsAtDefault"/> / <see cref="Default"/>, at least one.</summary>
    public static int Scaled(int runsAtDefault) => (int)Math.Clamp((long)Runs * runsAtDefault / Default, 1, int.MaxValue);
}
