using System.Diagnostics;
using StbImageSharp;

namespace Itsm.Sample.Host.Tests;

/// <summary>
/// <c>itsm report service --format html</c> opened in a real browser: Debian's Chromium, headless, loads the page from disk, and the
/// test reads back the DOM it built and the pixels it painted. The page must render offline (no script, nothing fetched), carry its
/// titles, and paint both SVG charts in their colours.
/// </summary>
/// <remarks>
/// Chromium is found at <c>ITSM_CHROMIUM</c> or <c>/usr/bin/chromium</c> (<c>apt-get install chromium</c>; <c>.ci/run</c> installs it).
/// Without it the test fails and says so: a page nobody opened is not tested.
/// </remarks>
public sealed class ReportPageBrowserTests() : StoreCommandTests("itsm-report-page-")
{
    private const int Width = 900;
    private const int Height = 1600;

    [Fact]
    public async Task MonthlyReportPage_InHeadlessChromium_HasItsTitlesAndPaintsBothCharts()
    {
        await ImportAsync();
        await SeedShopAsync();
        var page = Path.Combine(Directory, "june.html");

        var (code, output, error) = await Run("report", "service", "--service", "shop", "--month", "2026-06", "--format", "html", "--output", page, "--at", "2026-07-01T00:00:00Z");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(string.Empty, output);
        var dom = await ChromiumAsync("--dump-dom", new Uri(page).AbsoluteUri);
        Assert.Contains("<title>Monthly service report: shop for every customer, June 2026</title>", dom, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"title\">Monthly service report</h1>", dom, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"attainment-trend\">SLA attainment, 12 months</h2>", dom, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"incidents-by-priority\">Incidents by priority, June 2026</h2>", dom, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"response\" fill=\"none\" stroke-width=\"2\" points=\"", dom, StringComparison.Ordinal); // April to June: 0 %, 100 %, 0 %
        Assert.Contains("<polyline class=\"resolution\"", dom, StringComparison.Ordinal); // 0 % in each of them
        Assert.Contains("<rect class=\"bar\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);

        var screenshot = Path.Combine(Directory, "june.png");
        await ChromiumAsync($"--screenshot={screenshot}", $"--window-size={Width},{Height}", new Uri(page).AbsoluteUri);
        var image = ImageResult.FromMemory(await File.ReadAllBytesAsync(screenshot), ColorComponents.RedGreenBlue);
        Assert.Equal((Width, Height), (image.Width, image.Height));
        var (inked, blue, orange) = Count(image.Data);
        Assert.True(inked > Width * Height / 100, $"only {inked} of {Width * Height} pixels are not white: the page looks blank");
        Assert.True(blue > 200, $"{blue} pixels of the charts' blue (#1f5fbf): the bars and the response line were not painted");
        Assert.True(orange > 20, $"{orange} pixels of the resolution line's orange (#d9700b) were painted");
    }

    /// <summary>Pixels that are not near-white, and those near the charts' blue and orange (antialiasing blurs the edges).</summary>
    private static (int Inked, int Blue, int Orange) Count(byte[] rgb)
    {
        var (inked, blue, orange) = (0, 0, 0);
        for (var i = 0; i + 2 < rgb.Length; i += 3)
        {
            var (r, g, b) = (rgb[i], rgb[i + 1], rgb[i + 2]);
            inked += r < 240 || g < 240 || b < 240 ? 1 : 0;
            blue += Near(r, 0x1f) && Near(g, 0x5f) && Near(b, 0xbf) ? 1 : 0;
            orange += Near(r, 0xd9) && Near(g, 0x70) && Near(b, 0x0b) ? 1 : 0;
        }

        return (inked, blue, orange);

        static bool Near(byte value, int expected) => Math.Abs(value - expected) <= 24;
    }

    /// <summary>
    /// The shop's SLA on UK office hours and four incidents: April's and June's two are never touched and breach both clocks; May's
    /// is assigned within its response target and resolved two days later, past its resolution target.
    /// </summary>
    private async Task SeedShopAsync()
    {
        Assert.Equal(ExitCodes.Ok, (await Run("calendar", "define", "--calendar", Sample("uk-office-hours.json"))).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("sla", "define", "--id", "shop-gold", "--service", "shop", "--calendar", "uk-office-hours", "--targets", "P1=30m/4h,P2=1h/8h,P3=4h/16h,P4=8h/40h,P5=16h/80h")).Code);
        foreach (var at in new[] { "2026-04-02T10:00:00Z", "2026-06-12T15:30:00Z", "2026-06-20T10:00:00Z" })
        {
            Assert.Equal(ExitCodes.Ok, (await Run("incident", "open", "--title", "Shop down", "--service", "shop", "--impact", "1", "--urgency", "2", "--at", at)).Code);
        }

        var may = (await Json("incident", "open", "--title", "Checkout slow", "--service", "shop", "--impact", "1", "--urgency", "2", "--at", "2026-05-12T09:30:00Z", "--json")).GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "assign", may, "--to", "bob", "--at", "2026-05-12T09:40:00Z")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run("incident", "resolve", may, "--resolution", "Cache rebuilt", "--at", "2026-05-14T10:00:00Z")).Code);
    }

    /// <summary>Runs headless Chromium on <paramref name="arguments"/> and answers what it wrote to stdout.</summary>
    private async Task<string> ChromiumAsync(params string[] arguments)
    {
        var binary = Environment.GetEnvironmentVariable("ITSM_CHROMIUM") is { Length: > 0 } set ? set : "/usr/bin/chromium";
        Assert.True(File.Exists(binary), $"Chromium is needed to test the report page: install Debian's chromium package (apt-get install chromium) or set ITSM_CHROMIUM; not found at {binary}.");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions", $"--user-data-dir={Path.Combine(Directory, "chromium")}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Chromium did not finish within 2 minutes: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"Chromium exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
