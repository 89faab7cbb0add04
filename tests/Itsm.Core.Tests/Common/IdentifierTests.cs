using Itsm.Core.Common;

namespace Itsm.Core.Tests.Common;

public class IdentifierTests
{
    [Fact]
    public void TextIdentifier_EqualityIsOrdinalOnValue()
    {
        Assert.Equal(TenantId.From("acme"), TenantId.From("acme"));
        Assert.NotEqual(TenantId.From("acme"), TenantId.From("ACME"));
        Assert.Equal(TenantId.From("acme").GetHashCode(), TenantId.From("acme").GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" acme")]
    [InlineData("acme ")]
    [InlineData("ac\nme")]
    [InlineData(null)]
    public void Parse_RejectsBadTextWithInvalidNamingTheField(string? text)
    {
        var result = ConfigurationItemId.Parse(text, "ci");

        Assert.Equal(ResultStatus.Invalid, result.Status);
        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("ci", error.Identifier);
        Assert.StartsWith("ConfigurationItemId ", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsTooLongText()
    {
        var result = UserId.Parse(new string('u', Identifier.MaxTextLength + 1));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Contains("at most 200", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsValidText()
    {
        var result = UserId.Parse("alice@example.com");

        Assert.True(result.IsSuccess);
        Assert.Equal("alice@example.com", result.Value.Value);
        Assert.Equal("alice@example.com", result.Value.ToString());
    }

    [Fact]
    public void From_WithBadText_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => CalendarId.From(" padded "));

    [Fact]
    public void Default_TextIdentifier_HasNullValueAndEmptyText()
    {
        var unassigned = default(TenantId);

        Assert.Null(unassigned.Value);
        Assert.Equal(string.Empty, unassigned.ToString());
        Assert.NotEqual(TenantId.From("a"), unassigned);
    }

    [Fact]
    public void GuidIdentifier_NewIsUniqueAndRoundTripsThroughText()
    {
        var first = IncidentId.New();
        var second = IncidentId.New();

        Assert.NotEqual(first, second);
        Assert.Equal(first, IncidentId.Parse(first.ToString()).Value);
    }

    [Fact]
    public void GuidIdentifier_RejectsEmptyGuid()
    {
        Assert.Throws<ArgumentException>(() => ChangeId.From(Guid.Empty));
        Assert.Equal(ResultStatus.Invalid, ChangeId.Parse(Guid.Empty.ToString()).Status);
        Assert.Equal(ResultStatus.Invalid, ChangeId.Parse("not-a-guid").Status);
    }

    [Fact]
    public void GuidIdentifiers_OfDifferentTypes_AreDifferentTypes()
    {
        var guid = Guid.NewGuid();

        object incident = IncidentId.From(guid);
        object change = ChangeId.From(guid);

        Assert.False(incident.Equals(change));
    }
}
