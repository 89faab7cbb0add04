using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// <see cref="CsvBytes.Field"/> against <see cref="Itsm.Core.Reporting.ServiceReportFormat.CsvField"/>: every length from
/// empty to past 16 bytes (the word-at-a-time reading covers 4 to 16), a special byte (comma, quote, CR, LF) at any place
/// or none, multi-byte characters, the field cut from the middle of a larger buffer, and a target of exactly the room the
/// field needs.
/// </summary>
public sealed class CsvBytesTests
{
    private static readonly char[] Plain = ['a', 'Z', '0', '-', ' ', '_', 'é', '€'];
    private static readonly char[] Special = [',', '"', '\r', '\n'];

    [Property]
    public Property Field_AnyText_IsTheReportsCsvFieldAsUtf8() =>
        Prop.ForAll(
            (from length in Gen.Choose(0, 24)
             from chars in Gen.Elements(Plain).ArrayOf(length)
             from special in Gen.Frequency((1, Gen.Constant(-1)), (2, Gen.Choose(0, Math.Max(0, length - 1))))
             from which in Gen.Elements(Special)
             from before in Gen.Choose(0, 9)
             from after in Gen.Choose(0, 9)
             select (chars, special, which, before, after)).ToArbitrary(),
            c =>
            {
                var text = new string(c.chars);
                if (c.special >= 0 && c.special < text.Length)
                {
                    text = text[..c.special] + c.which + text[(c.special + 1)..];
                }

                var bytes = Encoding.UTF8.GetBytes(text);
                var padded = new byte[c.before + bytes.Length + c.after];
                Array.Fill(padded, (byte)',');
                bytes.CopyTo(padded, c.before);
                var expected = Encoding.UTF8.GetBytes(Itsm.Core.Reporting.ServiceReportFormat.CsvField(text));
                var target = new byte[expected.Length];
                var length = CsvBytes.Field(target, padded.AsSpan(c.before, bytes.Length));
                return length == expected.Length && target.SequenceEqual(expected);
            });
}
