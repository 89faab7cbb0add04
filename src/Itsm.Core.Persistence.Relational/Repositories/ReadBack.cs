using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Calendars;
using Itsm.Core.Configuration;
using Itsm.Core.Persistence.Relational.Serialization;

namespace Itsm.Core.Persistence.Relational.Repositories;

/// <summary>
/// The read-back steps the repositories share: a restored record held to its input's rules
/// (<see cref="StoredRecordRules"/>), and the readers of records whose restore is more than one call.
/// Each throws for a record that fails; <see cref="DocumentTable.Restore"/> turns that into a
/// <see cref="StoredRecordException"/> naming the table and key.
/// </summary>
internal static class ReadBack
{
    /// <summary><paramref name="record"/> when <paramref name="problems"/> is empty.</summary>
    /// <exception cref="InvalidDataException">There are problems; the message lists the first few.</exception>
    public static T Valid<T>(T record, IReadOnlyList<ValidationError> problems) =>
        StoredRecordRules.Describe(problems) is { } text ? throw new InvalidDataException(text) : record;

    /// <summary>Reads a stored configuration item, holds it to its input's rules and passes it through the domain's restore.</summary>
    /// <exception cref="InvalidDataException">It breaks a rule.</exception>
    public static ConfigurationItemSnapshot Item(string document, StoredRecordRules rules)
    {
        var snapshot = SnapshotJson.Deserialize<ConfigurationItemSnapshot>(document);
        _ = ConfigurationItem.FromSnapshot(Valid(snapshot, rules.Check(snapshot)));
        return snapshot;
    }

    /// <summary>
    /// Reads the calendar stored under <paramref name="key"/>: the document within the calendar JSON limit
    /// (<see cref="CalendarJson.MaxDocumentLength"/>), its key a calendar id, its values meeting its input's
    /// rules, then the domain's validation of zone and ranges (<see cref="BusinessCalendarDefinition.FromSnapshot"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">It breaks a rule.</exception>
    public static BusinessCalendarDefinition Calendar(string key, string document, StoredRecordRules rules)
    {
        if (document.Length > CalendarJson.MaxDocumentLength)
        {
            throw new InvalidDataException($"Its document has {document.Length} characters, more than the limit of {CalendarJson.MaxDocumentLength} (CalendarJson.MaxDocumentLength).");
        }

        var snapshot = SnapshotJson.Deserialize<BusinessCalendarSnapshot>(document);
        return BusinessCalendarDefinition.FromSnapshot(Valid(snapshot, rules.Check(key, snapshot)));
    }
}
