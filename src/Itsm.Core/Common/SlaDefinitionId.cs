namespace Itsm.Core.Common;

/// <summary>Identifies a service level agreement definition, such as <c>email-gold</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct SlaDefinitionId : ITextIdentifier<SlaDefinitionId>, IComparable<SlaDefinitionId>, IComparable
{
    private SlaDefinitionId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static SlaDefinitionId From(string value) => new(Identifier.ValidText(value, nameof(SlaDefinitionId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<SlaDefinitionId> Parse(string? text, string field = nameof(SlaDefinitionId)) => Identifier.ParseText<SlaDefinitionId>(text, field);

    /// <inheritdoc />
    public int CompareTo(SlaDefinitionId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Compares with another boxed <see cref="SlaDefinitionId"/> as <see cref="CompareTo(SlaDefinitionId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="SlaDefinitionId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        SlaDefinitionId other => CompareTo(other),
        _ => throw new ArgumentException($"A SlaDefinitionId can only be compared with another SlaDefinitionId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
