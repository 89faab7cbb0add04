namespace Itsm.Core.Common;

/// <summary>Identifies a supplier or an internal support group: the vendor's own key, such as <c>storage-vendor</c> or <c>db-team</c>.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct SupplierId : ITextIdentifier<SupplierId>, IComparable<SupplierId>, IComparable
{
    private SupplierId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static SupplierId From(string value) => new(Identifier.ValidText(value, nameof(SupplierId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<SupplierId> Parse(string? text, string field = nameof(SupplierId)) => Identifier.ParseText<SupplierId>(text, field);

    /// <inheritdoc />
    public int CompareTo(SupplierId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Compares with another boxed <see cref="SupplierId"/> as <see cref="CompareTo(SupplierId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="SupplierId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        SupplierId other => CompareTo(other),
        _ => throw new ArgumentException($"A SupplierId can only be compared with another SupplierId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
