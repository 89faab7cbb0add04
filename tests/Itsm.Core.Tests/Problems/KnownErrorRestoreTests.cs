using System.Collections.Immutable;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using static Itsm.Core.Tests.Problems.ProblemFixture;

namespace Itsm.Core.Tests.Problems;

/// <summary>Restoring a stored known error replays its history; whatever does not fit is <c>known-error.history</c>, naming the record.</summary>
public sealed class KnownErrorRestoreTests
{
    private static readonly Instant At = Monday0900;

    private static KnownError Published()
    {
        var knownError = KnownError.Record(KnownErrorId.New(), "Mail stalls", "Firmware", "Fail over", [Storage], [Email], "mail", "SAN-0042", null, Manager, At).Value;
        Assert.True(knownError.Revise(null, null, "Fail over to controller B", Manager, At + Duration.FromMinutes(1)).IsSuccess);
        Assert.True(knownError.Publish(At + Duration.FromDays(30), Manager, At + Duration.FromMinutes(2)).IsSuccess);
        return knownError;
    }

    [Fact]
    public void Restore_OfAStoredRecord_GivesItBack()
    {
        var stored = Published().ToSnapshot();

        var restored = KnownError.Restore(stored);

        Assert.True(restored.IsSuccess, string.Join("; ", restored.Errors));
        Assert.Equal((KnownErrorStatus.Published, "Fail over to controller B", At + Duration.FromMinutes(2)), (restored.Value.Status, restored.Value.Workaround, restored.Value.PublishedFrom));
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "backwards", "history record 2 (KnownErrorPublished) is earlier than record 1" },
        { "illegal", "history record 2 (KnownErrorFixed) is not allowed while the record is Draft" },
        { "missing", "history record 1 (null) is missing" },
        { "status", "is Fixed, but its history leaves it Published" },
        { "validity", "but its history gives" },
        { "revision", "disagrees with its last revision" },
        { "first", "must start its history with its recording" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Restore_OfATamperedRecord_IsInvalidNamingTheRecordThatDoesNotFit(string tampering, string expected)
    {
        var s = Published().ToSnapshot();
        var h = s.History;
        var tampered = tampering switch
        {
            "backwards" => s with { History = h.SetItem(2, new KnownErrorPublished(At - Duration.FromMinutes(1), Manager, null)) },
            "illegal" => s with { History = [h[0], h[1], new KnownErrorFixed(At + Duration.FromMinutes(2), Manager)] },
            "missing" => s with { History = h.SetItem(1, null!) },
            "status" => s with { Status = KnownErrorStatus.Fixed },
            "validity" => s with { ValidUntil = null },
            "revision" => s with { Workaround = "Reboot" },
            _ => s with { History = h.RemoveAt(0) },
        };

        var restored = KnownError.Restore(tampered);

        Assert.Equal(ResultStatus.Invalid, restored.Status);
        var error = Assert.Single(restored.ValidationErrors);
        Assert.Equal(KnownErrorLifecycle.HistoryCode, error.ErrorCode);
        Assert.Contains(expected, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(s.Id.ToString(), error.ErrorMessage, StringComparison.Ordinal);
    }
}
