using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Itsm.Sample.Host.Commands;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The batch commands' fast path against the plain one: the hand-written ISO reader against NodaTime's patterns as the
/// oracle, and every row of a random file read by the fast row parsers against the general reader, answers and errors
/// alike (bad rows included, which the fast path leaves to the general one).
/// </summary>
public sealed class BatchFastPathTests : IDisposable
{
    private static readonly OffsetDateTimePattern[] NodaPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("itsm-fast-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Property]
    public bool ReadIso_WhatItReadsNodaTimeReadsAsTheSameInstant_AndTryParseAnswersAsNodaTimeDoes(IsoCandidates candidates)
    {
        foreach (var text in candidates.Texts)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var read = InstantText.ReadIso(bytes, out var fast);
            if (read > 0 && (NodaPatterns.Select(p => p.Parse(text[..read])).FirstOrDefault(r => r.Success) is not { } oracle || oracle.Value.ToInstant() != fast))
            {
                return false; // the reader read a prefix that NodaTime does not read, or reads as another instant
            }

            var (viaBytes, viaText) = (InstantText.TryParse(bytes, out var a), InstantText.TryParse(text, out var b));
            if (viaBytes != viaText || a != b)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void IsoCandidates_ReachBothTheFastLayoutsAndWhatIsLeftToNodaTime()
    {
        var random = new Random(20261207);
        var texts = Enumerable.Range(0, 2000).Select(_ => IsoCandidates.Candidate(random)).ToList();
        var whole = texts.Count(t => InstantText.ReadIso(Encoding.UTF8.GetBytes(t), out _) == Encoding.UTF8.GetByteCount(t));
        var nodaOnly = texts.Count(t => InstantText.ReadIso(Encoding.UTF8.GetBytes(t), out _) != Encoding.UTF8.GetByteCount(t) && InstantText.TryParse(t, out _) is null);
        var refused = texts.Count(t => InstantText.TryParse(t, out _) is not null);

        Assert.InRange(whole, 600, 1600);
        Assert.InRange(nodaOnly, 20, 600);
        Assert.InRange(refused, 200, 1400);
    }

    [Theory]
    [InlineData("2026-03-29T01:30:00+00:00", "2026-03-29T01:30:00Z")]
    [InlineData("2026-03-29T02:30:00+01:00", "2026-03-29T01:30:00Z")]
    [InlineData("2024-02-29T23:59:59.999999999-05:30", "2024-03-01T05:29:59.999999999Z")]
    [InlineData("1900-01-01T00:00+17:59", "1899-12-31T06:01:00Z")]
    public void ReadIso_FixedLayouts_AreTheInstantNodaTimeReads(string text, string utc)
    {
        Assert.Equal(Encoding.UTF8.GetByteCount(text), InstantText.ReadIso(Encoding.UTF8.GetBytes(text), out var instant));
        Assert.Equal(InstantPattern.ExtendedIso.Parse(utc).Value, instant);
    }

    [Property]
    public bool Due_FastRowsAreTheGeneralReadersRows_ErrorsIncluded(int seed) => SameRows(seed, due: true);

    [Property]
    public bool Between_FastRowsAreTheGeneralReadersRows_ErrorsIncluded(int seed) => SameRows(seed, due: false);

    [Fact]
    public void Due_AFileOfTheCommonLayout_IsReadByTheFastPath()
    {
        // The property above holds trivially if the fast parser never accepts: here every row is one it must take.
        var rows = "2026-03-02T09:00:00Z,60\n2026-03-02T09:00Z,0\n2026-03-02T10:00:00.5+01:00,007\r\n";
        var accepted = 0;
        for (var rest = Encoding.UTF8.GetBytes(rows).AsSpan(); !rest.IsEmpty; rest = rest[(rest.IndexOf((byte)'\n') + 1)..])
        {
            accepted += CalendarBatchCommands.FastDue(rest, out _) > 0 ? 1 : 0;
        }

        Assert.Equal(3, accepted);
    }

    [Fact]
    public async Task Due_AnIdWithALoneCarriageReturn_IsStillQuotedOnOutput()
    {
        // A plain file's ids need quotes only for a CR inside them; such a row is left to the general path, which quotes it.
        var input = Path.Combine(directory, "cr.csv");
        await File.WriteAllTextAsync(input, "id,start,business_minutes\na\rb,2026-03-02T09:00:00Z,60\nc,2026-03-02T09:00:00Z,30\n");
        var calendar = Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json");

        var (code, output, _) = await HostRunner.RunAsync("calendar", "due", "--calendar", calendar, "--input", input);

        Assert.Equal(0, code);
        Assert.Equal("id,due\n\"a\rb\",2026-03-02T10:00:00Z\nc,2026-03-02T09:30:00Z\n", output);
    }

    /// <summary>Reads a random file with the fast parser and without it: the same rows (line, id, query) and the same error, if any.</summary>
    private bool SameRows(int seed, bool due)
    {
        var path = Path.Combine(directory, $"{(uint)seed}-{due}.csv");
        File.WriteAllText(path, RandomFile(new Random(seed), due), new UTF8Encoding(false));
        var columns = due ? new[] { "id", "start", "business_minutes" } : ["id", "from", "to"];
        return due
            ? Rows(path, columns, CalendarBatchCommands.DueRow, CalendarBatchCommands.FastDue) == Rows(path, columns, CalendarBatchCommands.DueRow, null)
            : Rows(path, columns, CalendarBatchCommands.BetweenRow, CalendarBatchCommands.FastBetween) == Rows(path, columns, CalendarBatchCommands.BetweenRow, null);
    }

    private static string Rows<T>(string path, string[] columns, BatchCsv.RowParser<T> parse, BatchCsv.FastRowParser<T>? fast)
    {
        var text = new StringBuilder();
        try
        {
            var csv = BatchCsv.Open(path, columns);
            var block = new BatchBlock<T>(7);
            for (var count = csv.Read(block, parse, fast); count > 0; count = csv.Read(block, parse, fast))
            {
                for (var i = 0; i < count; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{block.Lines[i]} {Encoding.UTF8.GetString(block.Id(i))} {block.Queries[i]}\n");
                }
            }
        }
        catch (InputException exception)
        {
            text.Append(CultureInfo.InvariantCulture, $"error: {exception.Message} [{exception.Code}]");
        }

        return text.ToString();
    }

    /// <summary>Mostly rows of the common layout, some padded or odd, and now and then a bad one, with every line ending.</summary>
    private static string RandomFile(Random random, bool due)
    {
        string Pick(params string[] texts) => texts[random.Next(texts.Length)];
        var text = new StringBuilder(random.Next(8) == 0 ? "\uFEFF" : string.Empty).Append(due ? "id,start,business_minutes" : "id,from,to").Append('\n');
        var rows = random.Next(0, 40);
        for (var i = 0; i < rows; i++)
        {
            var odd = random.Next(8) == 0;
            var id = odd ? Pick($" r{i}", $"r{i} ", $"é{i}", $"{i}é", "", $"a\rb{i}", $"x y{i}", $"\u00A0r{i}", new string('x', 300)) : $"r{i}";
            var first = odd && random.Next(2) == 0 ? IsoCandidates.Candidate(random) : IsoCandidates.Valid(random);
            var second = due
                ? (odd && random.Next(2) == 0 ? Pick("0", "007", "000000060", "0000000060", "52704000", "52704001", "999999999", "-5", "", " 60", "60 ", "1e3", "\uFF16\uFF10") : random.Next(0, 20_000).ToString(CultureInfo.InvariantCulture))
                : (odd && random.Next(2) == 0 ? IsoCandidates.Candidate(random) : Later(random, first));
            text.Append(id).Append(',').Append(first).Append(',').Append(second);
            if (random.Next(30) == 0)
            {
                text.Append(",extra");
            }

            text.Append(i == rows - 1 && random.Next(3) == 0 ? string.Empty : Pick("\n", "\n", "\n", "\r\n", "\r\r\n"));
            if (random.Next(15) == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>An instant at or after <paramref name="first"/> (when it is one), written as an export writes it.</summary>
    private static string Later(Random random, string first)
    {
        var parsed = NodaPatterns.Select(p => p.Parse(first)).FirstOrDefault(r => r.Success);
        var from = parsed is null ? Instant.FromUtc(2026, 3, 2, 9, 0) : parsed.Value.ToInstant();
        var to = random.Next(20) == 0 ? from - Duration.FromSeconds(1) : from + Duration.FromMinutes(random.Next(0, 40_000));
        return to < BatchFile.MinSupported || to >= BatchFile.MaxSupported ? first : InstantPattern.ExtendedIso.Format(to);
    }
}
