using System.Collections.Immutable;
using FsCheck.Xunit;
using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Availability;

/// <summary>An outage record: recorded, ended and corrected with one history record per change, never backwards, restored by replay.</summary>
public sealed class OutageRecordTests
{
    private static readonly UserId Operator = UserId.From("operator");
    private static readonly Instant At = OutageScript.Origin;
    private static readonly ConfigurationItemId San = ConfigurationItemId.From("san-01");

    private static OutageDetails Details(int startMinute, int? endMinute, OutageKind kind = OutageKind.Unplanned, OutageCause? cause = null) =>
        new(San, At + Duration.FromMinutes(startMinute), endMinute is { } e ? At + Duration.FromMinutes(e) : null, kind, cause);

    private static OutageRecord Ongoing() => OutageRecord.Record(OutageId.New(), Details(0, null), Operator, At).Value;

    [Fact]
    public void Record_OfAnOngoingOutage_HoldsItsDetailsAndOneHistoryRecord()
    {
        var cause = OutageCause.OfIncident(IncidentId.New());
        var outage = OutageRecord.Record(OutageId.New(), Details(0, null, OutageKind.Planned, cause), Operator, At).Value;

        Assert.Equal((San, At, (Instant?)null, OutageKind.Planned, cause, true), (outage.Item, outage.Start, outage.End, outage.Kind, outage.Cause, outage.IsOngoing));
        Assert.Equal([new OutageRecorded(At, Operator, outage.Details)], outage.History);
        Assert.Equal(Outage.Create(San, At, null, OutageKind.Planned).Value, outage.ToOutage());
    }

    public static TheoryData<string, OutageDetails, string> RefusedDetails => new()
    {
        { "end at start", Details(5, 5), "availability.outage.interval" },
        { "end before start", Details(5, 1), "availability.outage.interval" },
        { "unknown kind", Details(0, 1, (OutageKind)7), "availability.outage.kind" },
        { "no item", Details(0, 1) with { Item = default }, "availability.outage.identifier" },
        { "before the range", Details(0, null) with { Start = BusinessCalendar.MinSupportedInstant - Duration.Epsilon }, "availability.outage.range" },
        { "after the range", Details(0, null) with { End = BusinessCalendar.MaxSupportedInstant + Duration.Epsilon }, "availability.outage.range" },
    };

    [Theory]
    [MemberData(nameof(RefusedDetails))]
    public void Record_OfDetailsThatDoNotFit_IsInvalidWithTheirCode(string why, OutageDetails details, string code)
    {
        var recorded = OutageRecord.Record(OutageId.New(), details, Operator, At);

        Assert.Equal(ResultStatus.Invalid, recorded.Status);
        Assert.True(recorded.ValidationErrors.Single().ErrorCode == code, why);
    }

    [Fact]
    public void RecordEnd_OfAnOngoingOutage_EndsIt_AndASecondEndIsAConflict()
    {
        var outage = Ongoing();

        Assert.True(outage.RecordEnd(At + Duration.FromMinutes(30), Operator, At + Duration.FromMinutes(31)).IsSuccess);
        var again = outage.RecordEnd(At + Duration.FromMinutes(40), Operator, At + Duration.FromMinutes(41));

        Assert.Equal((At + Duration.FromMinutes(30), false, 2), (outage.End, outage.IsOngoing, outage.History.Count));
        Assert.Equal((ResultStatus.Conflict, OutageRecord.EndedCode), (again.Status, again.Errors.Single().Split(':')[0]));
    }

    [Fact]
    public void RecordEnd_AtOrBeforeTheStart_IsInvalid_AndChangesNothing()
    {
        var outage = Ongoing();

        var ended = outage.RecordEnd(At, Operator, At + Duration.FromMinutes(1));

        Assert.Equal("availability.outage.interval", ended.ValidationErrors.Single().ErrorCode);
        Assert.True(outage.IsOngoing);
        Assert.Single(outage.History);
    }

    [Fact]
    public void Steps_DatedBeforeTheLatestRecord_AreConflicts()
    {
        var outage = Ongoing();
        Assert.True(outage.Correct(Details(1, null), "started later", Operator, At + Duration.FromMinutes(10)).IsSuccess);

        var end = outage.RecordEnd(At + Duration.FromMinutes(20), Operator, At + Duration.FromMinutes(9));
        var correct = outage.Correct(Details(2, null), "later still", Operator, At + Duration.FromMinutes(9));

        Assert.Equal([ResultStatus.Conflict, ResultStatus.Conflict], [end.Status, correct.Status]);
        Assert.All([end, correct], r => Assert.StartsWith(OutageRecord.TimeOrderCode, r.Errors.Single(), StringComparison.Ordinal));
        Assert.Equal(2, outage.History.Count);
    }

    [Fact]
    public void Correct_WithoutAReasonOrWithoutAChange_IsInvalid()
    {
        var outage = Ongoing();

        var blank = outage.Correct(Details(1, null), " ", Operator, At);
        var same = outage.Correct(Details(0, null), "no change", Operator, At);

        Assert.Equal(OutageRecord.ReasonCode, blank.ValidationErrors.Single().ErrorCode);
        Assert.Equal(OutageRecord.UnchangedCode, same.ValidationErrors.Single().ErrorCode);
        Assert.Single(outage.History);
    }

    [Fact]
    public void Correct_CanReopenAnEndedOutage_AndMoveItToAnotherItem()
    {
        var outage = Ongoing();
        Assert.True(outage.RecordEnd(At + Duration.FromMinutes(5), Operator, At + Duration.FromMinutes(5)).IsSuccess);
        var other = ConfigurationItemId.From("san-02");

        var corrected = outage.Correct(Details(0, null) with { Item = other }, "it was the other array, still down", Operator, At + Duration.FromMinutes(6));

        Assert.True(corrected.IsSuccess);
        Assert.Equal((other, true), (outage.Item, outage.IsOngoing));
        Assert.IsType<OutageCorrected>(outage.History[^1]);
    }

    [Fact]
    public void OutageCause_IsExactlyOneOfAnIncidentAndAChange()
    {
        Assert.Throws<ArgumentException>(() => new OutageCause(null, null));
        Assert.Throws<ArgumentException>(() => new OutageCause(IncidentId.New(), ChangeId.New()));
        Assert.Throws<ArgumentException>(() => OutageCause.OfIncident(default));
        Assert.StartsWith("change ", OutageCause.OfChange(ChangeId.New()).ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "empty", "has no history" },
        { "first", "record 0 must be the recording" },
        { "second recording", "history record 2 (OutageRecorded" },
        { "backwards", "history record 2 (OutageCorrected" },
        { "double end", "history record 2 (OutageEnded" },
        { "recorded at", "record 0 must be the recording" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Restore_OfATamperedHistory_IsInvalidNamingTheRecord(string tampering, string expected)
    {
        var outage = Ongoing();
        Assert.True(outage.RecordEnd(At + Duration.FromMinutes(5), Operator, At + Duration.FromMinutes(5)).IsSuccess);
        Assert.True(outage.Correct(Details(1, 5), "started a minute later", Operator, At + Duration.FromMinutes(6)).IsSuccess);
        var s = outage.ToSnapshot();
        var tampered = tampering switch
        {
            "empty" => s with { History = [] },
            "first" => s with { History = s.History.RemoveAt(0) },
            "second recording" => s with { History = s.History.SetItem(2, s.History[0]) },
            "backwards" => s with { History = s.History.SetItem(2, (OutageCorrected)s.History[2] with { At = At }) },
            "double end" => s with { History = s.History.SetItem(2, s.History[1]) },
            _ => s with { RecordedAt = At + Duration.FromMinutes(1) },
        };

        var restored = OutageRecord.Restore(tampered);

        Assert.Equal(ResultStatus.Invalid, restored.Status);
        var error = restored.ValidationErrors.Single();
        Assert.Equal(OutageRecord.HistoryCode, error.ErrorCode);
        Assert.Contains(expected, error.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>Each step is accepted exactly when the rules say so; an accepted one adds one record at its instant, a refused one changes nothing; the history never runs backwards and replays to the same record.</summary>
    [Property]
    public void Script_AcceptsByTheRules_RecordsEachChangeOnce_AndReplays(OutageScript script)
    {
        var at = OutageScript.Origin;
        var recorded = OutageRecord.Record(OutageId.New(), script.First.Details, Operator, at);
        Assert.Equal(script.First.Details.End is not { } e0 || e0 > script.First.Details.Start, recorded.IsSuccess);
        if (!recorded.IsSuccess)
        {
            return;
        }

        var outage = recorded.Value;
        foreach (var step in script.Steps)
        {
            at += Duration.FromMinutes(step.DelayMinutes);
            var before = (outage.Details, outage.History.Count);
            var details = step.Details;
            var end = details.End ?? details.Start;
            var expected = at >= outage.History[^1].At && (step.Kind == 1
                ? outage.IsOngoing && end > outage.Start
                : !string.IsNullOrWhiteSpace(step.Reason) && step.Reason == step.Reason.Trim() && details != outage.Details && (details.End is null || details.End > details.Start));
            var result = step.Kind == 1 ? outage.RecordEnd(end, Operator, at) : outage.Correct(details, step.Reason, Operator, at);
            Assert.Equal(expected, result.IsSuccess);
            Assert.Equal(result.IsSuccess ? before.Count + 1 : before.Count, outage.History.Count);
            if (result.IsSuccess)
            {
                Assert.Equal(at, outage.History[^1].At);
            }
            else
            {
                Assert.Equal(before.Details, outage.Details);
            }
        }

        Assert.True(outage.History.Zip(outage.History.Skip(1)).All(p => p.First.At <= p.Second.At));
        var restored = OutageRecord.Restore(outage.ToSnapshot());
        Assert.True(restored.IsSuccess, string.Join("; ", restored.ValidationErrors.Select(v => v.ErrorMessage)));
        Assert.Equal((outage.Details, outage.RecordedAt), (restored.Value.Details, restored.Value.RecordedAt));
        Assert.Equal<OutageEvent>(outage.History, restored.Value.History);
    }
}
