namespace Itsm.Core.Common;

/// <summary>Identifies a configuration item (CI) in the CMDB: the vendor's own key, such as <c>srv-042</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct ConfigurationItemId : ITextIdentifier<ConfigurationItemId>, IComparable<ConfigurationItemId>
{
    private ConfigurationItemId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static ConfigurationItemId From(string value) => new(Identifier.ValidText(value, nameof(ConfigurationItemId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<ConfigurationItemId> Parse(string? text, string field = nameof(ConfigurationItemId)) => Identifier.ParseText<ConfigurationItemId>(text, field);

    /// <inheritdoc />
    public int CompareTo(ConfigurationItemId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
