using Itsm.Core.Common;

namespace Itsm.Core.Tests.Common;

public class ResultTests
{
    [Fact]
    public void Success_IsOkWithNoErrors()
    {
        var result = Result.Success();

        Assert.True(result.IsSuccess);
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Empty(result.Errors);
        Assert.Empty(result.ValidationErrors);
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public void SuccessOfT_CarriesValue()
    {
        Result<int> result = 42;

        Assert.True(result.IsSuccess);
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void Invalid_CarriesFieldErrorsAndJoinsThemInMessage()
    {
        var result = Result.Invalid(
            new ValidationError("Start", "Start must be before end.", "range.inverted"),
            new ValidationError("Zone", "Unknown time zone 'Mars/Base'."));

        Assert.False(result.IsSuccess);
        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal(2, result.ValidationErrors.Length);
        Assert.Equal("range.inverted", result.ValidationErrors[0].ErrorCode);
        Assert.Equal("Start: Start must be before end.; Zone: Unknown time zone 'Mars/Base'.", result.Message);
    }

    [Fact]
    public void Invalid_WithoutErrors_Throws() =>
        Assert.Throws<ArgumentException>(() => Result.Invalid(Array.Empty<ValidationError>()));

    [Theory]
    [InlineData(ResultStatus.NotFound)]
    [InlineData(ResultStatus.Conflict)]
    [InlineData(ResultStatus.Forbidden)]
    [InlineData(ResultStatus.Error)]
    public void Failure_HasStatusMessageAndCode(ResultStatus status)
    {
        Result result = status switch
        {
            ResultStatus.NotFound => Result.NotFound("Incident 42 does not exist.", "incident.not-found"),
            ResultStatus.Conflict => Result.Conflict("Incident 42 does not exist.", "incident.not-found"),
            ResultStatus.Forbidden => Result.Forbidden("Incident 42 does not exist.", "incident.not-found"),
            _ => Result.Error("Incident 42 does not exist.", "incident.not-found"),
        };

        Assert.Equal(status, result.Status);
        Assert.False(result.IsSuccess);
        Assert.Equal("Incident 42 does not exist.", result.Message);
        Assert.Equal("incident.not-found", result.ErrorCode);
    }

    [Fact]
    public void Failure_WithEmptyMessage_Throws() =>
        Assert.Throws<ArgumentException>(() => Result.Conflict(string.Empty));

    [Fact]
    public void Value_OfFailure_ThrowsWithTheFailureMessage()
    {
        var result = Result<int>.NotFound("No such calendar.");

        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("No such calendar.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsFailure_KeepsStatusCodeAndErrors()
    {
        var failure = Result.Invalid(new ValidationError("Take", "Too large.", "page.take"));

        var typed = failure.AsFailure<string>();

        Assert.Equal(ResultStatus.Invalid, typed.Status);
        Assert.Equal(failure.ValidationErrors, typed.ValidationErrors);
        Assert.Equal(failure.ErrorCode, typed.ErrorCode);
    }

    [Fact]
    public void AsFailure_OfSuccess_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Result.Success().AsFailure<int>());

    [Fact]
    public void Map_TransformsSuccessAndPassesFailureThrough()
    {
        Assert.Equal("42", Result.Success(42).Map(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).Value);

        var mapped = Result<int>.Forbidden("Not yours.").Map(v => v * 2);
        Assert.Equal(ResultStatus.Forbidden, mapped.Status);
        Assert.Equal("Not yours.", mapped.Message);
    }

    [Fact]
    public void ValidationError_RejectsEmptyMessage() =>
        Assert.Throws<ArgumentException>(() => new ValidationError("Field", string.Empty));
}
