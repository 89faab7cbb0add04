using System.Buffers;

namespace Itsm.Sample.Host.Io;

/// <summary>CSV fields written as UTF-8 bytes, with the quoting rule of <see cref="Itsm.Core.Reporting.ServiceReportFormat.CsvField"/>, for the batch commands' millions of rows.</summary>
internal static class CsvBytes
{
    private static readonly SearchValues<byte> Special = SearchValues.Create(",\"\r\n"u8);

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
