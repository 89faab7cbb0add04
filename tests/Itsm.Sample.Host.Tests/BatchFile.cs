using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Tests;

/// <summary>One row of a generated batch file: its id and its two values (a start and minutes, or from and to).</summary>
/// <param name="Id">The id as the command must write it back (trimmed).</param>
/// <param name="First">The start (due) or from (between).</param>
/// <param name="Minutes">The business minutes (due).</param>
/// <param name="Second">The to (between), at or after <paramref name="First"/>.</param>
public sealed record BatchRowCase(string Id, Instant First, long Minutes, Instant Second);

/// <summary>A generated batch input: the rows, and how the file writes them.</summary>
public sealed class BatchFile
{
    public static readonly Instant MinSupported = Instant.FromUtc(1900, 1, 1, 0, 0);
    public static readonly Instant MaxSupported = Instant.FromUtc(2150, 1, 1, 0, 0);

    private static readonly string[] IdWords = ["INC-1", "r", "Störung", "事件", "a\u00A0b", "x y", "😀", "id"];
    private static readonly string[] QuotedIds = ["a,b", "say \"hi\"", "line\nbreak", "plain"];

    private BatchFile(IReadOnlyList<BatchRowCase> rows, Func<bool, string> render, string description)
    {
        Rows = rows;
        Render = render;
        Description = description;
    }

    /// <summary>The data rows, in file order.</summary>
    public IReadOnlyList<BatchRowCase> Rows { get; }

    /// <summary>The file's text for <c>due</c> (true) or <c>between</c> (false).</summary>
    public Func<bool, string> Render { get; }

    private string Description { get; }

    /// <summary>Rows with ids, values and layout all drawn from <paramref name="seed"/>.</summary>
    internal static BatchFile Create(int count, int seed, bool bom, bool crlf, bool quoted)
    {
        var random = new Random(seed);
        var rows = new List<BatchRowCase>(count);
        var texts = new List<(string Id, string First, string Minutes, string Second, string PadA, string PadB, bool BlankAfter)>(count);
        for (var i = 0; i < count; i++)
        {
            var id = quoted && random.Next(3) == 0 ? QuotedIds[random.Next(QuotedIds.Length)] + i : IdWords[random.Next(IdWords.Length)] + i.ToString(CultureInfo.InvariantCulture);
            var first = Arbitraries.RowInstant(random);
            if (random.Next(4) == 0)
            {
                first = first.PlusNanoseconds(random.Next(4) == 0 ? random.Next(1, 1_000_000_000) : random.Next(1, 1000) * 1_000_000L);
            }

            var minutes = random.Next(5) == 0 ? 0 : random.Next(0, 20_000);
            var second = first + Duration.FromMinutes(random.Next(0, 40_000));
            rows.Add(new BatchRowCase(id, first, minutes, second));
            texts.Add((id, Text(first, random), minutes.ToString(CultureInfo.InvariantCulture), Text(second, random), Arbitraries.Pad(random), Arbitraries.Pad(random), random.Next(10) == 0));
        }

        var newline = crlf ? "\r\n" : "\n";
        string Render(bool due)
        {
            var text = new StringBuilder(bom ? "\uFEFF" : string.Empty);
            text.Append(due ? "id, start ,business_minutes" : "id,from, to").Append(newline);
            foreach (var row in texts)
            {
                var id = quoted ? $"\"{row.Id.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : row.Id;
                text.Append(quoted ? string.Empty : row.PadA).Append(id).Append(quoted ? string.Empty : row.PadB).Append(',')
                    .Append(row.PadB).Append(row.First).Append(row.PadA).Append(',')
                    .Append(row.PadA).Append(due ? row.Minutes : row.Second).Append(newline);
                if (row.BlankAfter)
                {
                    text.Append(newline);
                }
            }

            return text.ToString();
        }

        return new BatchFile(rows, Render, $"{count} rows, seed {seed}, bom {bom}, crlf {crlf}, quoted {quoted}");
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>The instant as a vendor's export may write it: UTC with Z (most often), or the same instant at an offset.</summary>
    private static string Text(Instant instant, Random random) =>
        random.Next(5) == 0
            ? OffsetDateTimePattern.ExtendedIso.Format(instant.WithOffset(Offset.FromHoursAndMinutes(random.Next(-12, 14), random.Next(2) * 30)))
            : InstantPattern.ExtendedIso.Format(instant);
}
