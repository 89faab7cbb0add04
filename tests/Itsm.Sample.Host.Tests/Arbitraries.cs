using FsCheck;
using FsCheck.Fluent;
using Itsm.Sample.Host.Tests;
using Itsm.Testing;
using NodaTime;

// Each case of the batch properties runs the host over a file: a hundred cases at the default, more with ITSM_PROPERTY_RUNS.
[assembly: PropertyTesting(typeof(Arbitraries), runsAtDefault: 100)]

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The FsCheck generators of the host's properties: batch input files written every way a vendor's export writes
/// them (byte order mark, CRLF, blank lines, padded fields, non-ASCII and quoted ids, offsets and fractions, more
/// than one block of rows), with instants that crowd the UK's clock changes.
/// </summary>
internal static class Arbitraries
{
    private static readonly string[] Pads = ["", " ", "\t", "\u00A0", "\u2003", " \u3000"];

    /// <summary>A <c>calendar due</c> or <c>between</c> input file and the rows it holds.</summary>
    public static Arbitrary<BatchFile> BatchFiles() =>
        (from rows in Gen.Frequency(
                (8, Gen.Choose(0, 40)),
                (1, Gen.Choose(BatchSizes.Block - 3, BatchSizes.Block + 300)))
         from seed in Gen.Choose(0, int.MaxValue)
         from bom in Gen.Elements(false, true)
         from crlf in Gen.Elements(false, true)
         from quoted in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
         select BatchFile.Create(rows, seed, bom, crlf, quoted)).ToArbitrary();

    /// <summary>Cases of 64 texts near the ISO-8601 instants an export writes (see <see cref="IsoCandidates"/>).</summary>
    public static Arbitrary<IsoCandidates> IsoTexts() =>
        Gen.Choose(0, int.MaxValue).Select(seed => IsoCandidates.Create(seed, 64)).ToArbitrary();

    /// <summary>Instants anywhere in the calendars' supported range (1900 to 2150), to the nanosecond, and often whole seconds.</summary>
    public static Arbitrary<Instant> Instants() =>
        (from seconds in Gen.Choose(0, int.MaxValue).Select(s => (long)s * 4 % BatchSizes.SupportedSeconds)
         from nanos in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 999_999_999)), (1, Gen.Choose(1, 999).Select(m => m * 1_000_000)))
         select (BatchFile.MinSupported + Duration.FromSeconds(seconds)).PlusNanoseconds(nanos)).ToArbitrary();

    /// <summary>A random instant for a row: a third of them within hours of a UK clock change, the rest over fifty years.</summary>
    internal static Instant RowInstant(Random random)
    {
        if (random.Next(3) == 0)
        {
            var year = random.Next(1995, 2045);
            var month = random.Next(2) == 0 ? 3 : 10;
            var lastSunday = new LocalDate(year, month, 31).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Sunday));
            return lastSunday.AtMidnight().InUtc().ToInstant() + Duration.FromMinutes(random.Next(-600, 600));
        }

        return Instant.FromUtc(1995, 1, 1, 0, 0) + Duration.FromSeconds((long)(random.NextDouble() * 50 * 365.25 * 86_400));
    }

    internal static string Pad(Random random) => Pads[random.Next(Pads.Length)];
}

/// <summary>Sizes the batch generators aim at.</summary>
internal static class BatchSizes
{
    /// <summary>The rows of one block of the reader, so that files straddle it.</summary>
    public const int Block = Io.BatchCsv.BlockRows;

    /// <summary>Seconds from 1900 to 2150.</summary>
    public static readonly long SupportedSeconds = (long)(BatchFile.MaxSupported - BatchFile.MinSupported).TotalSeconds;
}
