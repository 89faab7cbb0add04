using System.Globalization;
using System.Text;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Sample.Host.Commands;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// The chunked run of <c>calendar due|between</c> (chunks of the input read side by side, written in file order) against
/// the plain run on one thread: the same bytes out, and on a bad row the same error, wherever the chunks are cut.
/// </summary>
[Collection(BatchPropertiesCollection.Name)]
public sealed class CalendarBatchChunkTests : IDisposable
{
    private const string BadMinutes = "bad,2026-03-02T09:00:00Z,ten";

    /// <summary>Past the calendars' range: the engine's own error, which the run reports after reading the row's block.</summary>
    private const string BeyondRange = "far,2149-12-31T00:00:00Z,52704000";

    private static readonly Lazy<BusinessCalendar> Engine = new(() =>
        BusinessCalendar.FromDefinition(CalendarJson.TryRead(File.ReadAllText(SampleCalendar), out var definition, out _) ? definition! : throw new InvalidOperationException("the sample calendar")));

    private readonly string directory = Directory.CreateTempSubdirectory("itsm-chunks-").FullName;

    private static string SampleCalendar => Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(true, 64 * 1024)]
    [InlineData(true, 10_007)]
    [InlineData(false, 64 * 1024)]
    [InlineData(false, 4_099)]
    public void ManyMegabytes_ChunkedOutputIsThePlainOutput(bool due, int chunkBytes)
    {
        var lines = Lines(new Random(20261207), 100_000, due);
        var path = Write(lines, lastNewline: false, due);
        Assert.True(new FileInfo(path).Length > 3_000_000);

        var plain = Run(due, path, chunkBytes: 0);
        var chunked = Run(due, path, chunkBytes);

        Assert.Null(plain.Error);
        Assert.True(chunked.Chunks > 20, $"{chunked.Chunks} chunks");
        Assert.Equal(lines.Count(l => l.Length > 0 && l != "\r"), chunked.Rows);
        Assert.Equal(plain.Rows, chunked.Rows);
        Assert.Equal(plain.Output, chunked.Output);
    }

    [Theory]
    [InlineData(BadMinutes)]
    [InlineData(BeyondRange)]
    [InlineData("short,2026-03-02T09:00:00Z")]
    public void ABadRowAnywhere_IsTheSameError_EveryCutAlike(string bad)
    {
        // A small file cut into chunks of a few rows, the bad row at every position: first and last of a chunk included.
        var lines = Lines(new Random(7), 150, due: true);
        for (var at = 0; at <= lines.Count; at++)
        {
            var path = Write([.. lines.Take(at), bad, .. lines.Skip(at)], lastNewline: at % 2 == 0);
            var plain = Run(true, path, chunkBytes: 0);
            Assert.NotNull(plain.Error);
            foreach (var chunkBytes in new[] { 97, 256, 1000 })
            {
                var chunked = Run(true, path, chunkBytes);
                Assert.Equal(plain.Error, chunked.Error);
            }
        }
    }

    [Theory]
    [InlineData(100, 3_000, "ten")] // both in the first block: the block's bad row is met before its answers
    [InlineData(100, 5_000, "far")] // the engine's error in the first block, the bad row in the second
    [InlineData(5_000, 100, "ten")]
    [InlineData(4_095, 4_096, "far")] // the last row of the first block and the first of the second
    public void AnEngineErrorAndABadRow_TheOneThePlainRunMeetsFirst(int farAt, int badAt, string expected)
    {
        var lines = Lines(new Random(11), 9_000, due: true).Where(l => l.Length > 0 && l != "\r").ToList();
        lines[farAt] = BeyondRange;
        lines[badAt] = BadMinutes;
        var path = Write(lines, lastNewline: true);
        foreach (var chunkBytes in new[] { 4096, Offset(lines, badAt), Offset(lines, farAt) })
        {
            var plain = Run(true, path, chunkBytes: 0);
            var chunked = Run(true, path, chunkBytes);
            Assert.StartsWith(expected == "ten" ? $"{path}:{badAt + 2}:" : $"{path}:{farAt + 2}:1: start: Adding ", plain.Error, StringComparison.Ordinal);
            Assert.Equal(plain.Error, chunked.Error);
        }
    }

    [Fact]
    public void TheRowLimit_IsTheWholeFilesNotAChunks()
    {
        var lines = Lines(new Random(3), 3_000, due: false);
        var path = Write(lines, lastNewline: true, due: false);
        var records = lines.Count;
        foreach (var limit in new[] { records - 1, records / 2, 10 })
        {
            var limits = InputLimits.Default with { MaxRows = limit };
            var plain = Run(false, path, chunkBytes: 0, limits);
            var chunked = Run(false, path, 2_000, limits);
            Assert.Contains($"the input limit of {limit} rows", plain.Error, StringComparison.Ordinal);
            Assert.Equal(plain.Error, chunked.Error);
        }

        var exactly = Run(false, path, 2_000, InputLimits.Default with { MaxRows = records });
        Assert.Null(exactly.Error);
        Assert.True(exactly.Chunks > 1);
    }

    [Theory]
    [InlineData("quoted")] // a quote anywhere: the whole file is read as quoted CSV, and answers as the plain run does
    [InlineData("quoted-comma")]
    [InlineData("quoted-bad")] // a quoted row that is also bad
    [InlineData("not-utf8")]
    [InlineData("escape")] // a C0 control character
    [InlineData("c1")] // U+0085 (NEL): C2 85
    [InlineData("long")] // a line longer than a chunk
    public void ALineOnlyTheWholeFilesChecksJudge_AnywhereInTheFile_IsThePlainRunsAnswer(string kind)
    {
        // The chunks read and check their own bytes; whatever the whole file's checks would judge sends the run back to
        // reading the whole file in order, so its output (or error) is the plain run's, wherever the line falls.
        var lines = Lines(new Random(17), 120, due: true).Select(Encoding.UTF8.GetBytes).ToList();
        var special = kind switch
        {
            "quoted" => "\"q\",2026-03-02T09:00:00Z,10"u8.ToArray(),
            "quoted-comma" => "\"q,1\",2026-03-02T09:00:00Z,10"u8.ToArray(),
            "quoted-bad" => "\"q,2\",2026-03-02T09:00:00Z,ten"u8.ToArray(),
            "not-utf8" => [.. "x"u8, 0xFF, .. ",2026-03-02T09:00:00Z,10"u8],
            "escape" => [.. "x"u8, 0x1B, .. "[31m,2026-03-02T09:00:00Z,10"u8],
            "c1" => [.. "x"u8, 0xC2, 0x85, .. ",2026-03-02T09:00:00Z,10"u8],
            _ => Encoding.UTF8.GetBytes(new string('L', 700) + ",2026-03-02T09:00:00Z,10"),
        };
        foreach (var at in new[] { 0, 1, 37, 60, lines.Count - 1, lines.Count })
        {
            var path = WriteBytes([.. lines.Take(at), special, .. lines.Skip(at)], bom: at % 2 == 1);
            var plain = Run(true, path, chunkBytes: 0);
            Assert.True((plain.Error is null) == kind is "quoted" or "quoted-comma" or "long", plain.Error);
            foreach (var chunkBytes in new[] { 97, 256, 1000 })
            {
                var chunked = Run(true, path, chunkBytes);
                Assert.Equal(plain.Error, chunked.Error);
                Assert.Equal(plain.Output, chunked.Output);
                Assert.Equal(plain.Rows, chunked.Rows);
            }
        }
    }

    [Fact]
    public void AFileWithAByteOrderMarkAndNoNewlineAtTheEnd_ChunkedIsThePlainOutput()
    {
        var lines = Lines(new Random(23), 2_000, due: false).Select(Encoding.UTF8.GetBytes).ToList();
        var path = WriteBytes(lines, bom: true, due: false, lastNewline: false);
        var plain = Run(false, path, chunkBytes: 0);
        var chunked = Run(false, path, 3_001);

        Assert.Null(plain.Error);
        Assert.True(chunked.Chunks > 10, $"{chunked.Chunks} chunks");
        Assert.Equal(plain.Output, chunked.Output);
    }

    [Fact]
    public async Task AnInputFromAFifo_IsReadWholeOnceAndAnswersAsTheFileDoes()
    {
        // A named pipe reports no size: the chunks must not open it (that would take its writer's bytes), the whole reading does.
        var lines = Lines(new Random(31), 20_000, due: true);
        var path = Write(lines, lastNewline: true);
        var fifo = Path.Combine(directory, "rows.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(path)));
        var run = Task.Run(() => Run(true, fifo, 4_096));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, "the run waited for the FIFO's writer for a minute");
        await writer;
        var fromFifo = await run;

        var expected = Run(true, path, chunkBytes: 0);
        Assert.Null(fromFifo.Error);
        Assert.Equal(expected.Output, fromFifo.Output);
        Assert.Equal(0, fromFifo.Chunks);
    }

    [Theory]
    [InlineData("id,start\n")] // a required column missing
    [InlineData("id,\"start\",business_minutes\n")] // a quoted header
    [InlineData("")] // no header line in the first 64 KiB: the whole file is one line
    public void AHeaderTheChunksDoNotRead_IsThePlainRunsAnswer(string header)
    {
        var body = string.Join('\n', Lines(new Random(29), 3_000, due: true));
        var path = Path.Combine(directory, Guid.NewGuid() + ".csv");
        File.WriteAllText(path, header.Length == 0 ? new string('h', 70_000) + "," + body : header + body, new UTF8Encoding(false));

        var plain = Run(true, path, chunkBytes: 0);
        var chunked = Run(true, path, 4_096);

        Assert.Equal(plain.Error, chunked.Error);
        Assert.Equal(plain.Output, chunked.Output);
        Assert.Equal(0, chunked.Chunks);
    }

    [Fact]
    public async Task Due_AFileOfMegabytes_ThroughTheCommand_IsThePlainRunsOutputAndSaysItRanInChunks()
    {
        var lines = Lines(new Random(5), 60_000, due: true);
        var path = Write(lines, lastNewline: true);
        var output = Path.Combine(directory, "out.csv");

        var (code, _, error) = await HostRunner.RunAsync("calendar", "due", "--calendar", SampleCalendar, "--input", path, "--output", output);

        Assert.True(code == 0, error);
        Assert.Equal(Run(true, path, chunkBytes: 0).Output, File.ReadAllText(output));
        Assert.Matches(
            Environment.ProcessorCount > 1
                ? @"; I/O: read \d+\.\d ms, write \d+\.\d ms; \d+ chunks on \d+ threads in \d+\.\d ms wall \(the times above summed over the threads\)$"
                : @"; I/O: read \d+\.\d ms, write \d+\.\d ms$",
            error.Trim());
    }

    /// <summary>The byte offset of row <paramref name="index"/> from the first row: as a chunk size, the cut that makes it a chunk's first row.</summary>
    private static int Offset(List<string> lines, int index) => Encoding.UTF8.GetByteCount(string.Concat(lines.Take(index).Select(l => l + "\n")));

    /// <summary>
    /// Data lines as an export writes them: mostly the common layout, some padded, at an offset, with a fraction or a
    /// non-ASCII id (the general reader's rows), now and then a blank line, and CRLF endings (a line ending in CR).
    /// </summary>
    private static List<string> Lines(Random random, int count, bool due)
    {
        var lines = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 365 * 24 * 60));
            var first = random.Next(6) switch
            {
                0 => start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'+01:00'", CultureInfo.InvariantCulture),
                1 => start.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                _ => start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
            var second = due
                ? random.Next(0, 5_000).ToString(CultureInfo.InvariantCulture)
                : start.AddMinutes(random.Next(0, 20_000)).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
            var id = random.Next(10) switch
            {
                0 => $" r{i}\t",
                1 => $"Störung-{i}",
                _ => $"r{i}",
            };
            lines.Add($"{id},{(random.Next(15) == 0 ? " " + first : first)},{second}{(random.Next(3) == 0 ? "\r" : string.Empty)}");
            if (random.Next(40) == 0)
            {
                lines.Add(random.Next(2) == 0 ? string.Empty : "\r");
            }
        }

        return lines;
    }

    private string Write(IEnumerable<string> lines, bool lastNewline, bool due = true)
    {
        var path = Path.Combine(directory, Guid.NewGuid() + ".csv");
        var text = (due ? "id,start,business_minutes\n" : "id,from,to\n") + string.Join('\n', lines) + (lastNewline ? "\n" : string.Empty);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string WriteBytes(IEnumerable<byte[]> lines, bool bom, bool due = true, bool lastNewline = true)
    {
        var path = Path.Combine(directory, Guid.NewGuid() + ".csv");
        using var file = File.Create(path);
        file.Write(bom ? [0xEF, 0xBB, 0xBF] : []);
        file.Write(due ? "id,start,business_minutes\n"u8 : "id,from,to\n"u8);
        var first = true;
        foreach (var line in lines)
        {
            file.Write(first ? [] : "\n"u8);
            file.Write(line);
            first = false;
        }

        file.Write(lastNewline ? "\n"u8 : []);
        return path;
    }

    /// <summary>The run's output, or its error, on one thread (<paramref name="chunkBytes"/> 0) or in chunks of that size on four.</summary>
    private static (string? Output, string? Error, int Rows, int Chunks) Run(bool due, string path, int chunkBytes, InputLimits? limits = null) =>
        due
            ? Run(CalendarBatchCommands.Due, path, chunkBytes, limits ?? InputLimits.Default)
            : Run(CalendarBatchCommands.Between, path, chunkBytes, limits ?? InputLimits.Default);

    private static (string? Output, string? Error, int Rows, int Chunks) Run<TQuery, TAnswer>(CalendarBatchVerb<TQuery, TAnswer> verb, string path, int chunkBytes, InputLimits limits)
    {
        var run = new CalendarBatchRun<TQuery, TAnswer>(path, verb, Engine.Value)
        {
            ParallelFrom = chunkBytes == 0 ? int.MaxValue : 1,
            ChunkBytes = Math.Max(chunkBytes, 1),
            Threads = 4,
            Limits = limits,
        };
        using var output = new MemoryStream();
        try
        {
            run.Run(output);
            return (Encoding.UTF8.GetString(output.ToArray()), null, run.Rows, run.Chunks);
        }
        catch (InputException exception)
        {
            return (null, $"{exception.Message} [{exception.Code}]", run.Rows, run.Chunks);
        }
    }
}
