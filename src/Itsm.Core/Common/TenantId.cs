namespace Itsm.Core.Common;

/// <summary>Identifies a tenant: a customer organisation of the vendor whose records are isolated from every other tenant's.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally.
/// Immutable and thread-safe. <c>default</c> is the unassigned identifier (<see cref="Value"/> is
/// null); nothing in the library accepts it.
/// </remarks>
public readonly record struct TenantId : ITextIdentifier<TenantId>, IComparable<TenantId>
{
    private TenantId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static TenantId From(string value) => new(Identifier.ValidText(value, nameof(TenantId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<TenantId> Parse(string? text, string field = nameof(TenantId)) => Identifier.ParseText<TenantId>(text, field);

    /// <inheritdoc />
    public int CompareTo(TenantId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
