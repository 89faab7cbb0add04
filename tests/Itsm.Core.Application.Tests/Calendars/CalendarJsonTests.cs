using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Application.Tests.Calendars;

public sealed class CalendarJsonTests
{
    private const string Issue = """
        {"name": "UK office", "timeZone": "Europe/London", "week": {"monday": ["09:00-12:00",
        "13:00-17:30"], "friday": ["09:00-17:00"], "sunday": []}, "holidays": ["2026-12-25"], "days": {"2026-12-24":
        ["09:00-12:00"], "2026-10-10": ["09:00-17:00"]}}
        """;

    [Fact]
    public void Read_IssueExample_GivesTheDefinition()
    {
        var definition = CalendarJson.Read(Issue).Value;
        Assert.Equal("UK office", definition.Name);
        Assert.Equal("Europe/London", definition.Zone.Id);
        Assert.Equal(2, definition.RangesOn(IsoDayOfWeek.Monday).Length);
        Assert.Empty(definition.RangesOn(IsoDayOfWeek.Tuesday));
        Assert.Contains(new LocalDate(2026, 12, 25), definition.Holidays);
        Assert.Single(definition.RangesFor(new LocalDate(2026, 10, 10)));
    }

    [Fact]
    public void WriteThenRead_RoundTrips()
    {
        var definition = CalendarJson.Read(Issue).Value;
        var again = CalendarJson.Read(CalendarJson.Write(definition)).Value;
        Assert.Equal(CalendarJson.Write(definition), CalendarJson.Write(again));
        Assert.Equal(definition.Days.Keys, again.Days.Keys);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"timeZone\": \"Mars/Olympus\", \"week\": {\"monday\": [\"09:00-17:00\"]}}", 1, 27, "timeZone", "calendar.zone.unknown")]
    [InlineData("{\"name\": \"x\", \"timeZone\": \"UTC\",\n \"week\": {\"monday\": [\"09:00-17:00\", \"16:00-18:00\"]}}", 2, 11, "week.monday", "calendar.range.overlap")]
    [InlineData("{\"name\": \"x\", \"timeZone\": \"UTC\",\n \"week\": {\"funday\": [\"09:00-17:00\"]}}", 2, 11, "week.funday", "calendar.json.weekday")]
    [InlineData("{\"name\": \"x\", \"timeZone\": \"UTC\", \"week\": {\"monday\": [\"09:00-17:00\"]},\n \"holidays\": [\"2026-12-25\"], \"days\": {\"2026-12-25\": [\"09:00-12:00\"]}}", 2, 39, "days.2026-12-25", "calendar.date.conflict")]
    [InlineData("{\"name\": \"x\", \"timeZone\": \"UTC\", \"week\": {\"monday\": [\"09:00-17:00\"]}, \"holiday\": []}", 1, 71, "holiday", "calendar.json.unknown-property")]
    [InlineData("{\"name\": \"x\", \"timeZone\": \"UTC\", \"week\": {\"monday\": [9]}}", 1, 54, "week.monday[0]", "calendar.json.shape")]
    [InlineData("{\"name\": \"x\", \"timeZone\": \"UTC\", \"week\": {}}", 1, 42, "week", "calendar.no-working-time")]
    [InlineData("{\"name\": \"x\", \"week\": {\"monday\": [\"09:00-17:00\"]}}", 1, 50, "timeZone", "calendar.json.missing")]
    [InlineData("{\"name\": \"x\",\n\n   \"timeZone\" 1}", 3, 15, "", "calendar.json.syntax")]
    public void TryRead_BadDocument_ReportsLineColumnPathAndCode(string json, int line, int column, string path, string code)
    {
        Assert.False(CalendarJson.TryRead(json, out var definition, out var errors));
        Assert.Null(definition);
        var error = errors[0];
        Assert.Equal((line, column, path, code), (error.Line, error.Column, error.Path, error.ErrorCode));
    }

    [Fact]
    public void Read_BadDocument_IsInvalidWithPositionInMessage()
    {
        var result = CalendarJson.Read("{\"name\": \"x\", \"timeZone\": \"UTC\", \"week\": {\"monday\": [\"17:00-09:00\"]}}");
        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.StartsWith("line 1, column 54:", result.ValidationErrors.First().ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocumentPastTheLengthLimit_IsRefusedBeforeParsing_AndAtTheLimitIsRead()
    {
        // Padding with spaces keeps the document valid, so only the limit can refuse it.
        var atLimit = Issue + new string(' ', CalendarJson.MaxDocumentLength - Issue.Length);

        Assert.True(CalendarJson.Read(atLimit).IsSuccess);
        var refused = CalendarJson.Read(atLimit + " ");
        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Equal("calendar.json.too-large", refused.ErrorCode);
        Assert.Contains($"{CalendarJson.MaxDocumentLength + 1} characters", refused.ValidationErrors.Single().ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShippedSample_IsValid()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "uk-office-hours.json");
        var definition = CalendarJson.Read(File.ReadAllText(path)).Value;
        var calendar = BusinessCalendar.FromDefinition(definition);
        Assert.False(calendar.IsWorkingTime(Instant.FromUtc(2026, 12, 25, 10, 0)));
    }
}
