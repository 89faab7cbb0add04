namespace Itsm.Core.Common;

/// <summary>Identifies a supplier contract (an underpinning contract or an operational level agreement): the vendor's own key, such as <c>uc-storage-2027</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct ContractId : ITextIdentifier<ContractId>, IComparable<ContractId>, IComparable
{
    private ContractId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static ContractId From(string value) => new(Identifier.ValidText(value, nameof(ContractId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<ContractId> Parse(string? text, string field = nameof(ContractId)) => Identifier.ParseText<ContractId>(text, field);

    /// <inheritdoc />
    public int CompareTo(ContractId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Compares with another boxed <see cref="ContractId"/> as <see cref="CompareTo(ContractId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="ContractId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        ContractId other => CompareTo(other),
        _ => throw new ArgumentException($"A ContractId can only be compared with another ContractId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
