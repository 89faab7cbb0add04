namespace Itsm.Core.Common;

/// <summary>Identifies a fulfilment task within its request catalogue item, such as <c>ship-laptop</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct FulfilmentTaskId : ITextIdentifier<FulfilmentTaskId>, IComparable<FulfilmentTaskId>
{
    private FulfilmentTaskId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static FulfilmentTaskId From(string value) => new(Identifier.ValidText(value, nameof(FulfilmentTaskId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<FulfilmentTaskId> Parse(string? text, string field = nameof(FulfilmentTaskId)) => Identifier.ParseText<FulfilmentTaskId>(text, field);

    /// <inheritdoc />
    public int CompareTo(FulfilmentTaskId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
