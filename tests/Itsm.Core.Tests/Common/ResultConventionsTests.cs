using Itsm.Core.Common;

namespace Itsm.Core.Tests.Common;

/// <summary>The error-code convention of <see cref="Failure"/> and its read side, <see cref="ResultConventions"/>, on Ardalis.Result's types.</summary>
public class ResultConventionsTests
{
    /// <summary>Every status <see cref="Failure"/> creates.</summary>
    public static TheoryData<ResultStatus> FailingStatuses() =>
        [ResultStatus.NotFound, ResultStatus.Conflict, ResultStatus.Forbidden, ResultStatus.Error, ResultStatus.Invalid];

    [Fact]
    public void Success_HasNoCodeAndReadsOk()
    {
        var result = Result.Success();

        Assert.True(result.IsSuccess);
        Assert.Null(result.ErrorCode);
        Assert.Empty(result.ErrorCodes);
        Assert.Equal("OK", result.Message);
    }

    [Fact]
    public void Invalid_CarriesOneCodePerFieldError_AndJoinsThemInMessage()
    {
        var result = Result.Invalid(
            Failure.Field("Start", "Start must be before end.", "calendar.range.inverted"),
            Failure.Field("Zone", "Unknown time zone 'Mars/Base'.", "calendar.zone"));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("calendar.range.inverted", result.ErrorCode);
        Assert.Equal(["calendar.range.inverted", "calendar.zone"], result.ErrorCodes);
        Assert.Equal("Start: Start must be before end.; Zone: Unknown time zone 'Mars/Base'.", result.Message);
        Assert.All(result.ValidationErrors, e => Assert.Equal(ValidationSeverity.Error, e.Severity));
    }

    [Theory]
    [InlineData(ResultStatus.NotFound)]
    [InlineData(ResultStatus.Conflict)]
    [InlineData(ResultStatus.Forbidden)]
    [InlineData(ResultStatus.Error)]
    public void EveryFailingStatus_CarriesItsCode_AndAMessageWithoutIt(ResultStatus status)
    {
        var result = Make(status, "Incident 42 does not exist.", "incident.not-found");

        Assert.Equal(status, result.Status);
        Assert.False(result.IsSuccess);
        Assert.Equal("incident.not-found", result.ErrorCode);
        Assert.Equal("Incident 42 does not exist.", result.Message);
        Assert.Equal(["incident.not-found: Incident 42 does not exist."], result.Errors);
        Assert.Equal(["Incident 42 does not exist."], result.ErrorMessages);
    }

    [Theory]
    [MemberData(nameof(FailingStatuses))]
    public void TheCode_SurvivesArdalisMap(ResultStatus status)
    {
        Result<int> failed = Make(status, "Nope.", "change.self-approval");

        var mapped = failed.Map(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(status, mapped.Status);
        Assert.Equal("change.self-approval", mapped.ErrorCode);
        Assert.Equal("Nope.", mapped.Message);
    }

    [Theory]
    [MemberData(nameof(FailingStatuses))]
    public void AsFailure_WithAndWithoutAValue_KeepsStatusCodeAndMessage(ResultStatus status)
    {
        Result<int> failed = Make(status, "Nope.", "change.self-approval");

        IResult[] retyped = [failed.AsFailure<string>(), failed.AsFailure()];

        Assert.All(retyped, r =>
        {
            Assert.NotNull(r);
            Assert.Equal(status, r.Status);
            Assert.Equal("change.self-approval", r.ErrorCode);
            Assert.Equal("Nope.", r.Message);
        });
    }

    [Fact]
    public void AsFailure_OfASuccess_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Result.Success(1).AsFailure<string>());

    [Fact]
    public void ValueOrThrow_ReturnsTheValueOfASuccess() =>
        Assert.Equal(42, Result.Success(42).ValueOrThrow());

    [Fact]
    public void ValueOrThrow_OfAFailure_ThrowsNamingStatusCodeAndMessage()
    {
        var result = Failure.NotFound<int>("There is no business calendar 'uk'.", "calendar.not-found");

        var exception = Assert.Throws<ResultFailureException>(() => result.ValueOrThrow());

        Assert.Equal(ResultStatus.NotFound, exception.Status);
        Assert.Equal("calendar.not-found", exception.ErrorCode);
        Assert.Equal("NotFound (calendar.not-found): There is no business calendar 'uk'.", exception.Message);
    }

    [Fact]
    public void ThrowIfFailed_PassesASuccess_AndThrowsForAFailure()
    {
        Result.Success().ThrowIfFailed();

        var exception = Assert.Throws<ResultFailureException>(() => Failure.Invalid("Title", "A title is required.", "incident.title").ThrowIfFailed());
        Assert.Equal("incident.title", exception.ErrorCode);
    }

    [Fact]
    public void AResultFromElsewhere_HasNoCode_AndItsMessageIsKeptWhole()
    {
        var foreign = Result.Conflict("Version: 3 is stale.");

        Assert.Null(foreign.ErrorCode);
        Assert.Equal("Version: 3 is stale.", foreign.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Incident.not-found")]
    [InlineData("incident..not-found")]
    [InlineData("incident.not-found.")]
    [InlineData("incident not found")]
    [InlineData(".incident")]
    public void AMalformedCode_IsAProgrammingError(string code)
    {
        Assert.False(Failure.IsErrorCode(code));
        Assert.Throws<ArgumentException>(() => Failure.Conflict("A message.", code));
        Assert.Throws<ArgumentException>(() => Failure.Field("Title", "A message.", code));
    }

    [Fact]
    public void AnEmptyMessage_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => Failure.NotFound(string.Empty, "incident.not-found"));
        Assert.Throws<ArgumentException>(() => Failure.Field("Title", string.Empty, "incident.title"));
    }

    private static Result Make(ResultStatus status, string message, string code) => status switch
    {
        ResultStatus.NotFound => Failure.NotFound(message, code),
        ResultStatus.Conflict => Failure.Conflict(message, code),
        ResultStatus.Forbidden => Failure.Forbidden(message, code),
        ResultStatus.Error => Failure.Error(message, code),
        ResultStatus.Invalid => Failure.Invalid(string.Empty, message, code),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
