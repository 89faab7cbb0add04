using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Application.Calendars;

/// <summary>One problem in a calendar JSON document, with where it is.</summary>
/// <param name="Line">The 1-based line of the offending token.</param>
/// <param name="Column">The 1-based column (in characters) of the offending token.</param>
/// <param name="Path">The JSON path of the offending value, such as <c>week.monday[1]</c>; empty for the document.</param>
/// <param name="Message">A sentence a person can act on.</param>
/// <param name="ErrorCode">A stable machine-readable code, such as <c>calendar.range.inverted</c>.</param>
public sealed record CalendarJsonError(int Line, int Column, string Path, string Message, string ErrorCode)
{
    /// <summary>Returns <c>line:column: message</c>; prefix it with a file name for a compiler-style error.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}: {Message}");
}

/// <summary>
/// Reads and writes business calendars in the JSON format vendors exchange:
/// <code>
/// {
///   "name": "UK office hours",
///   "timeZone": "Europe/London",
///   "week": { "monday": ["09:00-12:00", "13:00-17:30"], ..., "sunday": [] },
///   "holidays": ["2026-12-25"],
///   "days": { "2026-12-24": ["09:00-12:00"], "2026-10-10": ["09:00-17:00"] }
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// <c>name</c>, <c>timeZone</c> and <c>week</c> are required; <c>holidays</c> and <c>days</c> are
/// optional. Weekday names are lower-case English; a missing weekday has no working time. Ranges
/// are <c>HH:mm-HH:mm</c> (seconds optional) with <c>24:00</c> allowed as an end; dates are ISO
/// <c>yyyy-MM-dd</c>. A day in <c>days</c> replaces the weekly ranges on that date (an empty list
/// makes it a day off; a weekend entry is a make-up working day). Unknown or repeated properties
/// are errors, so a typo cannot silently drop working hours. Comments and trailing commas are allowed.
/// </para>
/// <para>
/// Every error carries the line and column of the offending token, including errors found by
/// the domain's validation (overlapping ranges, a date both holiday and override). Stateless and thread-safe.
/// </para>
/// </remarks>
public static partial class CalendarJson
{
    /// <summary>
    /// The longest document <see cref="TryRead"/> and <see cref="Read"/> accept: 1,048,576 characters
    /// (far more than a real calendar needs: one listing fifteen holidays a year for a century has about 25,000). A longer
    /// text is refused with <c>calendar.json.too-large</c> before it is parsed, so a caller handed a
    /// device or a runaway file cannot make the library hold a parse of it.
    /// </summary>
    public const int MaxDocumentLength = 1_048_576;

    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>
    /// Parses and validates a calendar document. On success <paramref name="definition"/> is set and
    /// <paramref name="errors"/> is empty; otherwise every problem found is listed, in document order.
    /// </summary>
    /// <param name="json">The document text.</param>
    /// <param name="definition">The validated definition, or null on failure.</param>
    /// <param name="errors">The problems, each with line and column.</param>
    /// <param name="zoneProvider">Where zones are looked up; tzdb when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static bool TryRead(string json, out BusinessCalendarDefinition? definition, out IReadOnlyList<CalendarJsonError> errors, IDateTimeZoneProvider? zoneProvider = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxDocumentLength)
        {
            definition = null;
            errors = [DocumentError(string.Create(CultureInfo.InvariantCulture, $"The document has {json.Length} characters, more than the limit of {MaxDocumentLength} (CalendarJson.MaxDocumentLength); a calendar is far smaller."), "calendar.json.too-large")];
            return false;
        }

        var parser = new Parser(Encoding.UTF8.GetBytes(json));
        definition = parser.Parse(zoneProvider);
        errors = parser.Errors;
        return definition is not null;
    }

    /// <summary>
    /// Parses and validates a calendar document as a <see cref="Result{T}"/>: Invalid with one
    /// <see cref="ValidationError"/> per problem, its identifier the JSON path and its message starting
    /// with <c>line L, column C:</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static Result<BusinessCalendarDefinition> Read(string json, IDateTimeZoneProvider? zoneProvider = null)
    {
        if (TryRead(json, out var definition, out var errors, zoneProvider))
        {
            return definition!;
        }

        return Result<BusinessCalendarDefinition>.Invalid(errors.Select(e =>
            Failure.Field(e.Path, string.Create(CultureInfo.InvariantCulture, $"line {e.Line}, column {e.Column}: {e.Message}"), e.ErrorCode)));
    }

    private static CalendarJsonError DocumentError(string message, string errorCode) => new(1, 1, string.Empty, message, errorCode);

    /// <summary>Writes <paramref name="definition"/> in the calendar JSON format, indented, every weekday listed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static string Write(BusinessCalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("name", definition.Name);
            writer.WriteString("timeZone", definition.Zone.Id);
            writer.WriteStartObject("week");
            for (var d = 0; d < 7; d++)
            {
                WriteRanges(writer, DayNames[d], definition.RangesOn((IsoDayOfWeek)(d + 1)));
            }

            writer.WriteEndObject();
            writer.WriteStartArray("holidays");
            foreach (var holiday in definition.Holidays)
            {
                writer.WriteStringValue(LocalDatePattern.Iso.Format(holiday));
            }

            writer.WriteEndArray();
            writer.WriteStartObject("days");
            foreach (var (date, ranges) in definition.Days)
            {
                WriteRanges(writer, LocalDatePattern.Iso.Format(date), ranges);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteRanges(Utf8JsonWriter writer, string name, ImmutableArray<WorkingRange> ranges)
    {
        writer.WriteStartArray(name);
        foreach (var range in ranges)
        {
            writer.WriteStringValue(range.ToString());
        }

        writer.WriteEndArray();
    }
}
