using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;

namespace Itsm.Sample.Host.Io;

/// <summary>A calendar JSON file (see docs/calendars-and-slas.md), read the one way every subcommand that takes one reads it.</summary>
internal static class CalendarFile
{
    /// <summary>Reads a calendar file's definition.</summary>
    /// <exception cref="InputException">The file cannot be read or is not a calendar; each problem names file, line and column.</exception>
    public static BusinessCalendarDefinition ReadDefinition(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var json = InputFile.ReadText(file.FullName);
        if (!CalendarJson.TryRead(json, out var definition, out var errors))
        {
            throw new InputException([.. errors.Select(e => ($"{file.FullName}:{e.Line}:{e.Column}: {(e.Path.Length > 0 ? e.Path + ": " : string.Empty)}{e.Message}", e.ErrorCode))]);
        }

        return definition!;
    }

    /// <summary>Reads and compiles a calendar file.</summary>
    /// <exception cref="InputException">As for <see cref="ReadDefinition"/>.</exception>
    public static BusinessCalendar Load(FileInfo file) => BusinessCalendar.FromDefinition(ReadDefinition(file));
}
