using System.Buffers;
using Itsm.Core.Common;

namespace Itsm.Sample.Host.Io;

/// <summary>CSV fields written as UTF-8 bytes, with the quoting rule of <see cref="Itsm.Core.Reporting.ServiceReportFormat.CsvField"/>, for the batch commands' millions of rows.</summary>
internal static class CsvBytes
{
    /// <summary>What a field holds when it is quoted: a comma, a quote or a line break (all ASCII, so one byte each in UTF-8).</summary>
    private const string QuotedWhenHeld = ",\"\r\n";

    private static readonly SearchValues<byte> Special = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(QuotedWhenHeld));
    private static readonly SearchValues<char> SpecialChars = SearchValues.Create(QuotedWhenHeld);

    /// <summary>
    /// True when any of <paramref name="ids"/> holds a comma, a quote or a line break, so that <see cref="Field"/> would
    /// quote it: worked out once, where the ids are read, so that a writer of many rows of these ids need not check each.
    /// </summary>
    public static bool AnyNeedsQuoting(IEnumerable<ConfigurationItemId> ids) => ids.Any(id => id.Value.AsSpan().ContainsAny(SpecialChars));

    /// <summary>The most bytes <see cref="Field"/> writes for a field of <paramref name="length"/> bytes.</summary>
    public static int MaxFieldLength(int length) => (length * 2) + 2;

    /// <summary>Writes <paramref name="field"/> as a CSV field (quoted when it holds a comma, a quote or a line break) into <paramref name="target"/>; answers the length.</summary>
    public static int Field(Span<byte> target, ReadOnlySpan<byte> field)
    {
        if (field.IndexOfAny(Special) < 0)
        {
            field.CopyTo(target);
            return field.Length;
        }

        var length = 0;
        target[length++] = (byte)'"';
        foreach (var b in field)
        {
            target[length++] = b;
            if (b == '"')
            {
                target[length++] = b;
            }
        }

        target[length++] = (byte)'"';
        return length;
    }
}
