namespace Itsm.Core.Common;

/// <summary>Identifies a standard change template in a tenant's catalogue, such as <c>os-patch</c>: the name a standard change is raised from.</summary>
/// <remarks>
/// A text identifier: 1 to <see cref="Identifier.MaxTextLength"/> characters, compared ordinally (so
/// names are case-sensitive). Immutable and thread-safe. <c>default</c> is the unassigned identifier
/// (<see cref="Value"/> is null); nothing in the library accepts it.
/// </remarks>
public readonly record struct StandardChangeTemplateId : ITextIdentifier<StandardChangeTemplateId>, IComparable<StandardChangeTemplateId>
{
    private StandardChangeTemplateId(string value) => Value = value;

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static StandardChangeTemplateId From(string value) => new(Identifier.ValidText(value, nameof(StandardChangeTemplateId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<StandardChangeTemplateId> Parse(string? text, string field = nameof(StandardChangeTemplateId)) => Identifier.ParseText<StandardChangeTemplateId>(text, field);

    /// <inheritdoc />
    public int CompareTo(StandardChangeTemplateId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Returns the identifier's text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
