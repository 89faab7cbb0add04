namespace Itsm.Core.Common;

/// <summary>Identifies a person acting in the service management system (a requester, an approver, an agent): the vendor's own user key.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct UserId : ITextIdentifier<UserId>, IComparable<UserId>
{
    private UserId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static UserId From(string value) => new(Identifier.ValidText(value, nameof(UserId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<UserId> Parse(string? text, string field = nameof(UserId)) => Identifier.ParseText<UserId>(text, field);

    /// <inheritdoc />
    public int CompareTo(UserId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
