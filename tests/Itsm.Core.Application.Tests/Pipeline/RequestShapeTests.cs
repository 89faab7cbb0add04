using FsCheck;
using FsCheck.Xunit;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Pipeline;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Pipeline;

/// <summary>The one shape rule every request meets before its validators (regressions of the random-request test).</summary>
public sealed class RequestShapeTests : IDisposable
{
    private static readonly RequestContext Context = new(TenantId.From("acme"), UserId.From("alice"));
    private readonly ServiceProvider provider;

    public RequestShapeTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(o => o.Clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 9, 0)));
        provider = services.BuildServiceProvider();
    }

    public void Dispose() => provider.Dispose();

    private static ConfigurationItemId Id(string text) => ConfigurationItemId.From(text);

    [Theory]
    [InlineData("nul\0inside", "U+0000")]
    [InlineData("\u001b[2Jcleared", "U+001B")]
    [InlineData("carriage\rreturn", "U+000D")]
    public async Task ControlCharactersAndLoneSurrogates_AreRefused_NamingTheField(string title, string expected)
    {
        var result = await Send(new OpenIncident(Context, title, Id("svc"), 2, 2, UserId.From("carol")));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("request.text", error.ErrorCode);
        Assert.Equal("Title", error.Identifier);
        Assert.Contains(expected, error.ErrorMessage);
    }

    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0xDBFF)]
    public async Task LoneSurrogates_AreRefused(int surrogate)
    {
        var result = await Send(new CaptureBaseline(Context, "before " + (char)surrogate + " after"));

        Assert.Equal(("Name", "request.text"), (Assert.Single(result.ValidationErrors).Identifier, result.ErrorCode));
        Assert.Contains("lone UTF-16 surrogate", result.Message);
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line one\nline two")]
    [InlineData("windows\r\nline")]
    [InlineData("pair 😀 ok")]
    public void TabNewlineAndSurrogatePairs_AreAccepted(string text) => Assert.Null(RequestShape.TextProblem(text));

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(64)]
    public async Task UndefinedFlagsValue_NegativeIncluded_IsRefused(int bits)
    {
        // Random-request seed 20261, request 536: (ChangeAuthority)(-1) overflowed the flags check.
        var result = await Send(new Itsm.Core.Application.Changes.GrantChangeAuthority(Context, UserId.From("bob"), (Itsm.Core.Changes.ChangeAuthority)bits));

        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("request.enum", error.ErrorCode);
        Assert.Equal("Authorities", error.Identifier);
    }

    [Fact]
    public async Task UndefinedEnum_IsRefused_NamingTheNestedField()
    {
        var result = await Send(new ImportConfiguration(Context, [new ImportedItem(Id("a"), ConfigurationItemClass.Server, "A", (BusinessCriticality)99)], []));

        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("request.enum", error.ErrorCode);
        Assert.Equal("Items[0].Criticality", error.Identifier);
    }

    [Fact]
    public async Task DefaultIdentifierInsideAList_IsRefused_AsOneError()
    {
        var result = await Send(new ImportConfiguration(Context, [new ImportedItem(default, ConfigurationItemClass.Server, "A")], []));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal("request.required", error.ErrorCode);
        Assert.Equal("Items[0].Id", error.Identifier);
    }

    [Fact]
    public async Task DefaultIdentifierInsideAnArray_IsRefused()
    {
        ImportedItem[] items = [new(Id("a"), ConfigurationItemClass.Server, "A"), new(default, ConfigurationItemClass.Server, "B")];

        var result = await Send(new ImportConfiguration(Context, items, []));

        Assert.Equal(("Items[1].Id", "request.required"), (Assert.Single(result.ValidationErrors).Identifier, result.ErrorCode));
    }

    [Fact]
    public async Task DefaultClassAndDefaultRelationship_AreRefused()
    {
        var result = await Send(new ImportConfiguration(Context, [new ImportedItem(Id("a"), default, "A")], [default]));

        Assert.Equal(["Items[0].Class", "Relationships[0]"], result.ValidationErrors.Select(e => e.Identifier));
        Assert.All(result.ValidationErrors, e => Assert.Equal("request.required", e.ErrorCode));
    }

    [Fact]
    public async Task DefaultIdentifier_InUnrelate_IsRefused()
    {
        var result = await Send(new Unrelate(Context, Id("a"), default, RelationshipType.DependsOn));

        Assert.Equal("Target", Assert.Single(result.ValidationErrors).Identifier);
    }

    [Fact]
    public async Task NullWhereNotNullable_IsRequired()
    {
        var result = await Send(new ImportConfiguration(Context, null!, []));

        Assert.Equal(("Items", "request.required"), (Assert.Single(result.ValidationErrors).Identifier, result.ErrorCode));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task InstantsOutsideTheSupportedRange_AreRefused(int side)
    {
        var instant = side < 0 ? Instant.MinValue : Instant.FromUtc(2150, 1, 1, 0, 0);
        var result = await provider.GetRequiredService<IItsmDispatcher>().QueryAsync(new ForecastBreaches(Context, instant));

        Assert.Equal(("Before", "request.instant"), (Assert.Single(result.ValidationErrors).Identifier, result.ErrorCode));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(int.MaxValue)]
    public async Task PriorityFilterOutsideTheMatrix_IsRefused(int priority)
    {
        var result = await provider.GetRequiredService<IItsmDispatcher>().QueryAsync(new ListIncidents(Context) { Priority = priority });

        Assert.Equal("incident.priority-filter", result.ErrorCode);
    }

    [Fact]
    public async Task NullElementOfAList_IsRefused_NamingItsPosition()
    {
        // Random-request seed 20263, request 605: RemoveAttributes = [null] reached ConfigurationItem.RemoveAttribute's null check.
        var result = await Send(new UpdateConfigurationItem(Context, Id("srv-1")) { RemoveAttributes = ["rack", null!] });

        Assert.Equal(("RemoveAttributes[1]", "request.required"), (Assert.Single(result.ValidationErrors).Identifier, result.ErrorCode));
    }

    [Theory]
    [InlineData(RequestLimits.DefaultMaxTextLength + 1)]
    [InlineData(100_000)]
    public async Task TextLongerThanTheLimit_IsRefused_NamingTheFieldAndTheLimit(int length)
    {
        var result = await Send(new CaptureBaseline(Context, new string('x', length)));

        var error = Assert.Single(result.ValidationErrors);
        Assert.Equal(("Name", "request.text-length"), (error.Identifier, error.ErrorCode));
        Assert.Contains($"{length} characters", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("10000", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAtTheLimit_PassesTheShapeRule() =>
        Assert.Empty(RequestShape.Check(new CaptureBaseline(Context, new string('x', RequestLimits.DefaultMaxTextLength))));

    [Fact]
    public async Task TextLengthLimit_AppliesToNestedTextsAndDictionaryValues()
    {
        var name = new string('n', RequestLimits.DefaultMaxTextLength + 1);
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["note"] = AttributeValue.FromText(new string('a', RequestLimits.DefaultMaxTextLength + 5)) };

        var result = await Send(new ImportConfiguration(Context, [new ImportedItem(Id("a"), ConfigurationItemClass.Server, name) { Attributes = attributes }], []));

        Assert.Equal(["Items[0].Name", "Items[0].Attributes[note]"], result.ValidationErrors.Select(e => e.Identifier));
        Assert.All(result.ValidationErrors, e => Assert.Equal("request.text-length", e.ErrorCode));
    }

    [Fact]
    public async Task AttributeText_IsHeldToTheTextRule()
    {
        // An attribute's text is a private field of AttributeValue: the walk over properties missed it.
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["note"] = AttributeValue.FromText("\u001b[2J") };

        var result = await Send(new ImportConfiguration(Context, [new ImportedItem(Id("a"), ConfigurationItemClass.Server, "A") { Attributes = attributes }], []));

        Assert.Equal(("Items[0].Attributes[note]", "request.text"), (Assert.Single(result.ValidationErrors).Identifier, result.ErrorCode));
    }

    [Theory]
    [InlineData(200, 200, true)]
    [InlineData(200, 201, false)]
    [InlineData(20_000, 20_000, true)]
    [InlineData(20_000, 20_001, false)]
    public async Task TextLengthLimit_IsConfigurable(int limit, int length, bool accepted)
    {
        var services = new ServiceCollection();
        services.AddItsmCore(o => o.MaxTextLength = limit);
        await using var configured = services.BuildServiceProvider();

        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["note"] = AttributeValue.FromText(new string('a', length)) };
        var result = await configured.GetRequiredService<IItsmDispatcher>().SendAsync(
            new ImportConfiguration(Context, [new ImportedItem(Id("a"), ConfigurationItemClass.Server, "A") { Attributes = attributes }], []));

        Assert.Equal(accepted, result.IsSuccess);
        Assert.Equal(accepted ? null : "request.text-length", result.ErrorCode);
    }

    [Theory]
    [InlineData(199)]
    [InlineData(0)]
    [InlineData(-1)]
    public void TextLengthLimit_BelowTheLongestIdentifier_IsRefusedWhenRegistering(int limit) =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddItsmCore(o => o.MaxTextLength = limit));

    [Property]
    public bool TextLength_IsRefusedExactlyPastTheLimit(PositiveInt limit, NonNegativeInt extra, bool over)
    {
        var max = Identifier.MaxTextLength + (limit.Get % 5_000);
        var length = over ? max + 1 + (extra.Get % 50) : Math.Min(extra.Get, max);
        var errors = RequestShape.Check(new CaptureBaseline(Context, new string('y', length)), new RequestLimits(max));
        return over == errors.Any(e => e.ErrorCode == "request.text-length" && e.Identifier == "Name");
    }

    private async Task<T> Send<T>(ICommand<T> command)
        where T : IResult => await provider.GetRequiredService<IItsmDispatcher>().SendAsync(command);
}

