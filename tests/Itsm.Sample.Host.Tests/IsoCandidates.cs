using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// Texts near the ISO-8601 instants a vendor's export writes, for the hand-written reader against NodaTime: valid ones in
/// every fixed layout (Z, offsets, no seconds, one to nine fractional digits) and their near misses (month 13, 29 February
/// of a common year, hour 24, second 60, ten fractional digits, a comma for the point, <c>-00:00</c>, <c>+18:00</c>,
/// <c>+HH</c> and <c>+HH:mm:ss</c> offsets, lower-case <c>z</c>, years outside 1900-2150, a character changed, added or
/// dropped, non-ASCII digits).
/// </summary>
/// <param name="Texts">The texts of one case.</param>
public sealed record IsoCandidates(IReadOnlyList<string> Texts)
{
    private static readonly string[] Zones = ["Z", "Z", "Z", "z", "", "+00:00", "-00:00", "+01:00", "-05:30", "+05:45", "+14:00", "-12:00", "+17:59", "+18:00", "-18:00", "+19:00", "+01", "+0100", "+01:00:00", "+01:30:15", "+1:00", "+01:60", " Z", "Z ", "+01:00Z"];
    private static readonly string[] Mutations = ["0", "9", "-", ":", "T", "t", "Z", " ", ".", ",", "+", "é", "\u0663", "\uFF11"];

    /// <summary>A case of <paramref name="count"/> texts drawn from <paramref name="seed"/>.</summary>
    public static IsoCandidates Create(int seed, int count)
    {
        var random = new Random(seed);
        return new IsoCandidates([.. Enumerable.Range(0, count).Select(_ => Candidate(random))]);
    }

    /// <summary>One text: a valid instant in a fixed layout about half the time, else a near miss.</summary>
    public static string Candidate(Random random)
    {
        if (random.Next(2) == 0)
        {
            return Valid(random);
        }

        string Pick(params string[] texts) => texts[random.Next(texts.Length)];
        string Two(int from, int to) => random.Next(from, to).ToString("00", CultureInfo.InvariantCulture);
        var year = random.Next(6) switch
        {
            0 => Pick("0000", "0001", "0999", "1000", "1899", "1900", "2149", "2150", "2999", "3000", "9999", "12026", "-2026", "202"),
            1 => Pick("1600", "2000", "2100", "1900", "2024", "2023"),
            _ => random.Next(1890, 2160).ToString(CultureInfo.InvariantCulture),
        };
        var month = random.Next(8) == 0 ? Pick("00", "13", "99", "1", "012") : Two(1, 13);
        var day = random.Next(6) == 0 ? Pick("00", "29", "30", "31", "32", "1") : Two(1, 29);
        var hour = random.Next(8) == 0 ? Pick("24", "25", "-1", " 9", "9") : Two(0, 24);
        var minute = random.Next(10) == 0 ? Pick("60", "-1", "5") : Two(0, 60);
        var text = new StringBuilder($"{year}-{month}-{day}{(random.Next(20) == 0 ? Pick("t", " ", "") : "T")}{hour}:{minute}");
        if (random.Next(4) != 0)
        {
            text.Append(':').Append(random.Next(10) == 0 ? Pick("60", "61", "-1", "5") : Two(0, 60));
            if (random.Next(3) == 0)
            {
                text.Append(Pick(".", ".", ".", ",")).Append(Digits(random, random.Next(0, 12)));
            }
        }

        text.Append(random.Next(3) == 0 ? $"{Pick("+", "-")}{Two(0, 20)}:{Two(0, 60)}" : Pick(Zones));
        return Mutate(random, text.ToString());
    }

    /// <summary>A valid instant of the supported range as an export writes it: UTC or at an offset, to the minute, second or a fraction.</summary>
    public static string Valid(Random random)
    {
        var instant = Arbitraries.RowInstant(random).PlusNanoseconds(random.Next(3) == 0 ? random.Next(0, 1_000_000_000) : 0);
        var offset = random.Next(3) == 0 ? Offset.FromSeconds(random.Next(-17 * 60, 17 * 60) * 60) : Offset.Zero;
        var local = instant.WithOffset(offset);
        return random.Next(5) switch
        {
            0 => OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>").Format(local.With(t => t.With(TimeAdjusters.TruncateToMinute))),
            1 => OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>").Format(local),
            _ => OffsetDateTimePattern.ExtendedIso.Format(local),
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" | ", Texts);

    private static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private static string Mutate(Random random, string text)
    {
        if (text.Length == 0 || random.Next(4) != 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        var with = Mutations[random.Next(Mutations.Length)];
        return random.Next(3) switch
        {
            0 => text[..at] + with + text[(at + 1)..],
            1 => text[..at] + with + text[at..],
            _ => text.Remove(at, 1),
        };
    }
}
