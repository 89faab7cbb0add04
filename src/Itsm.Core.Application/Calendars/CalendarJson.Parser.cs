using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Application.Calendars;

// The reader of calendar documents, which keeps the line and column of every value for its errors.
public static partial class CalendarJson
{
    /// <summary>A single-pass reader over the document that remembers where each value came from.</summary>
    private ref struct Parser
    {
        private readonly byte[] utf8;
        private readonly List<CalendarJsonError> errors = [];
        private readonly Dictionary<string, (int Line, int Column)> positions = new(StringComparer.Ordinal);
        private Utf8JsonReader reader;

        public Parser(byte[] utf8)
        {
            this.utf8 = utf8;
            reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }

        public readonly IReadOnlyList<CalendarJsonError> Errors => errors;

        public BusinessCalendarDefinition? Parse(IDateTimeZoneProvider? zoneProvider)
        {
            string? name = null, zone = null;
            Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>? week = null;
            var holidays = new List<LocalDate>();
            var days = new Dictionary<LocalDate, IReadOnlyList<WorkingRange>>();
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    Error(string.Empty, "A calendar document must be a JSON object.", "calendar.json.shape");
                    return null;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (Next() != JsonTokenType.EndObject)
                {
                    var property = reader.GetString()!;
                    var at = Position();
                    if (!seen.Add(property))
                    {
                        Error(property, $"The property '{property}' appears more than once.", "calendar.json.duplicate", at);
                    }

                    Next();
                    switch (property)
                    {
                        case "name":
                            positions["Name"] = Position();
                            name = ReadString("name");
                            break;
                        case "timeZone":
                            positions["TimeZone"] = Position();
                            zone = ReadString("timeZone");
                            break;
                        case "week":
                            positions["Week"] = Position();
                            week = ReadWeek();
                            break;
                        case "holidays":
                            ReadHolidays(holidays);
                            break;
                        case "days":
                            ReadDays(days);
                            break;
                        default:
                            Error(property, $"Unknown property '{property}'; expected name, timeZone, week, holidays or days.", "calendar.json.unknown-property", at);
                            reader.Skip();
                            break;
                    }
                }

                if (reader.Read())
                {
                    Error(string.Empty, "Unexpected content after the calendar object.", "calendar.json.syntax");
                }
            }
            catch (JsonException exception)
            {
                var line = (int)(exception.LineNumber ?? 0) + 1;
                var column = (int)(exception.BytePositionInLine ?? 0) + 1;
                errors.Add(new CalendarJsonError(line, column, string.Empty, $"Malformed JSON: {FirstSentence(exception.Message)}", "calendar.json.syntax"));
                return null;
            }
            catch (InvalidOperationException)
            {
                // Utf8JsonReader.GetString throws this (not JsonException) for an escaped lone surrogate such as "\ud800".
                var (line, column) = Position();
                errors.Add(new CalendarJsonError(line, column, string.Empty, "Malformed JSON: a string holds a lone UTF-16 surrogate escape (such as \\ud800 without its pair).", "calendar.json.syntax"));
                return null;
            }

            var end = Position();
            if (name is null)
            {
                Error("name", "The calendar needs a \"name\".", "calendar.json.missing", end);
            }

            if (zone is null)
            {
                Error("timeZone", "The calendar needs a \"timeZone\", an IANA id such as Europe/London.", "calendar.json.missing", end);
            }

            if (week is null)
            {
                Error("week", "The calendar needs a \"week\" with the working ranges of each weekday.", "calendar.json.missing", end);
            }

            if (errors.Count > 0)
            {
                return null;
            }

            var result = BusinessCalendarDefinition.Create(name!, zone!, week!, holidays, days, zoneProvider);
            if (result.IsSuccess)
            {
                return result.Value;
            }

            foreach (var error in result.ValidationErrors)
            {
                var at = Locate(error.Identifier);
                errors.Add(new CalendarJsonError(at.Line, at.Column, ToJsonPath(error.Identifier), error.ErrorMessage, error.ErrorCode));
            }

            errors.Sort((x, y) => x.Line != y.Line ? x.Line.CompareTo(y.Line) : x.Column.CompareTo(y.Column));
            return null;
        }

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return cut > 0 ? message[..cut] : message;
        }

        private static string ToJsonPath(string identifier) => identifier switch
        {
            "Name" => "name",
            "TimeZone" => "timeZone",
            _ when identifier.StartsWith("Week.", StringComparison.Ordinal) => "week." + identifier[5..].ToLowerInvariant(),
            _ when identifier.StartsWith("Holidays", StringComparison.Ordinal) => "holidays" + identifier[8..],
            _ when identifier.StartsWith("Days.", StringComparison.Ordinal) => "days." + identifier[5..],
            "Week" => "week",
            _ => identifier,
        };

        private readonly (int Line, int Column) Locate(string identifier)
        {
            // Fall back from "Week.Monday[1]" to "Week.Monday" to "Week" to the document start.
            var key = identifier;
            while (key.Length > 0)
            {
                if (positions.TryGetValue(key, out var at))
                {
                    return at;
                }

                var cut = Math.Max(key.LastIndexOf('['), key.LastIndexOf('.'));
                key = cut > 0 ? key[..cut] : string.Empty;
            }

            return (1, 1);
        }

        private Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>? ReadWeek()
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Error("week", "\"week\" must be an object such as {\"monday\": [\"09:00-17:00\"]}.", "calendar.json.shape");
                reader.Skip();
                return null;
            }

            var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingRange>>();
            while (Next() != JsonTokenType.EndObject)
            {
                var dayName = reader.GetString()!;
                var at = Position();
                Next();
                var index = Array.IndexOf(DayNames, dayName);
                if (index < 0)
                {
                    Error($"week.{dayName}", $"'{dayName}' is not a weekday; use monday to sunday in lower case.", "calendar.json.weekday", at);
                    reader.Skip();
                    continue;
                }

                var day = (IsoDayOfWeek)(index + 1);
                if (week.ContainsKey(day))
                {
                    Error($"week.{dayName}", $"'{dayName}' appears more than once.", "calendar.json.duplicate", at);
                }

                var field = $"Week.{day}";
                positions[field] = at;
                week[day] = ReadRanges($"week.{dayName}", field);
            }

            return week;
        }

        private void ReadHolidays(List<LocalDate> holidays)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Error("holidays", "\"holidays\" must be an array of dates such as [\"2026-12-25\"].", "calendar.json.shape");
                reader.Skip();
                return;
            }

            while (Next() != JsonTokenType.EndArray)
            {
                var path = $"holidays[{holidays.Count}]";
                var at = Position();
                var date = ReadDate(path);
                if (date is { } value)
                {
                    positions[$"Holidays[{holidays.Count}]"] = at;
                    holidays.Add(value);
                }
            }
        }

        private void ReadDays(Dictionary<LocalDate, IReadOnlyList<WorkingRange>> days)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Error("days", "\"days\" must be an object from dates to ranges, such as {\"2026-12-24\": [\"09:00-12:00\"]}.", "calendar.json.shape");
                reader.Skip();
                return;
            }

            while (Next() != JsonTokenType.EndObject)
            {
                var text = reader.GetString()!;
                var at = Position();
                Next();
                var parsed = LocalDatePattern.Iso.Parse(text);
                if (!parsed.Success)
                {
                    Error($"days.{text}", $"'{text}' is not a date; use yyyy-MM-dd.", "calendar.json.date", at);
                    reader.Skip();
                    continue;
                }

                var field = $"Days.{text}";
                if (days.ContainsKey(parsed.Value))
                {
                    Error($"days.{text}", $"{text} appears more than once.", "calendar.json.duplicate", at);
                }

                positions[field] = at;
                days[parsed.Value] = ReadRanges($"days.{text}", field);
            }
        }

        private WorkingRange[] ReadRanges(string path, string field)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Error(path, "Working ranges must be an array of strings such as [\"09:00-12:00\", \"13:00-17:30\"].", "calendar.json.shape");
                reader.Skip();
                return [];
            }

            var ranges = new List<WorkingRange>();
            var index = 0;
            while (Next() != JsonTokenType.EndArray)
            {
                var at = Position();
                positions[$"{field}[{index}]"] = at;
                var text = ReadString($"{path}[{index}]");
                if (text is not null)
                {
                    var range = WorkingRange.Parse(text, $"{path}[{index}]");
                    if (range.IsSuccess)
                    {
                        ranges.Add(range.Value);
                    }
                    else
                    {
                        var error = range.ValidationErrors.First();
                        Error(error.Identifier, error.ErrorMessage, error.ErrorCode, at);
                    }
                }

                index++;
            }

            return [.. ranges];
        }

        private LocalDate? ReadDate(string path)
        {
            var text = ReadString(path);
            if (text is null)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                Error(path, $"'{text}' is not a date; use yyyy-MM-dd.", "calendar.json.date");
                return null;
            }

            return parsed.Value;
        }

        private string? ReadString(string path)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Error(path, $"Expected a string but found {Describe(reader.TokenType)}.", "calendar.json.shape");
                reader.Skip();
                return null;
            }

            return reader.GetString();
        }

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };

        private JsonTokenType Next()
        {
            if (!reader.Read())
            {
                throw new JsonException("The document ended too early.", null, LineColumn(utf8.Length).Line - 1, 0);
            }

            return reader.TokenType;
        }

        private void Error(string path, string message, string errorCode, (int Line, int Column)? at = null)
        {
            var (line, column) = at ?? Position();
            errors.Add(new CalendarJsonError(line, column, path, message, errorCode));
        }

        private readonly (int Line, int Column) Position() => LineColumn((int)reader.TokenStartIndex);

        /// <summary>The 1-based line and character column of byte <paramref name="offset"/>.</summary>
        private readonly (int Line, int Column) LineColumn(int offset)
        {
            offset = Math.Min(offset, utf8.Length);
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < offset; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, Encoding.UTF8.GetCharCount(utf8, lineStart, offset - lineStart) + 1);
        }
    }
}
