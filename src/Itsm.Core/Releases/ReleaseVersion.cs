using System.Globalization;
using Itsm.Core.Common;

namespace Itsm.Core.Releases;

/// <summary>The version of a release of one release unit: <c>major.minor.patch</c>, compared component by component.</summary>
/// <remarks>
/// Immutable and thread-safe. Every component is zero or more. <c>default</c> is <c>0.0.0</c>, a valid version that
/// every later version of a unit exceeds. Versions of one release unit only increase (<see cref="Release.Plan"/>).
/// </remarks>
public readonly record struct ReleaseVersion : IComparable<ReleaseVersion>
{
    /// <summary>Error code of a text that is not a version.</summary>
    public const string FormatCode = "release.version.format";

    /// <summary>Creates a version.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A component is negative.</exception>
    public ReleaseVersion(int major, int minor, int patch)
    {
        Preconditions.CheckNonNegative(major);
        Preconditions.CheckNonNegative(minor);
        Preconditions.CheckNonNegative(patch);
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    /// <summary>The major component.</summary>
    public int Major { get; }

    /// <summary>The minor component.</summary>
    public int Minor { get; }

    /// <summary>The patch component.</summary>
    public int Patch { get; }

    /// <summary>Parses <c>major.minor.patch</c> (each 0 to 2,147,483,647, digits only); Invalid <see cref="FormatCode"/> naming <paramref name="field"/> otherwise.</summary>
    public static Result<ReleaseVersion> Parse(string? text, string field = "Version")
    {
        var parts = text?.Trim().Split('.') ?? [];
        var numbers = new int[3];
        var ok = parts.Length == 3;
        for (var i = 0; ok && i < 3; i++)
        {
            ok = parts[i].Length > 0 && parts[i].All(char.IsAsciiDigit) && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]);
        }

        return ok
            ? new ReleaseVersion(numbers[0], numbers[1], numbers[2])
            : Result<ReleaseVersion>.Invalid(Failure.Field(field, $"'{text}' is not a version; write major.minor.patch, such as 2.4.0.", FormatCode));
    }

    /// <inheritdoc />
    public int CompareTo(ReleaseVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    /// <summary>True when <paramref name="a"/> is before <paramref name="b"/>.</summary>
    public static bool operator <(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) < 0;

    /// <summary>True when <paramref name="a"/> is after <paramref name="b"/>.</summary>
    public static bool operator >(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) > 0;

    /// <summary>True when <paramref name="a"/> is not after <paramref name="b"/>.</summary>
    public static bool operator <=(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) <= 0;

    /// <summary>True when <paramref name="a"/> is not before <paramref name="b"/>.</summary>
    public static bool operator >=(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) >= 0;

    /// <summary>Returns <c>major.minor.patch</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
