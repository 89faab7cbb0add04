using System.Globalization;
using System.Text.Json;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Audit records are structured evidence, the same on every store, and chained.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task OpenIncident_AuditRecordNamesTheOpenedIncidentAndTheVersionsItMoved()
    {
        var id = await OpenAsync(Acme);
        Assert.True((await Itsm.SendAsync(new AssignIncident(As(Acme), id, UserId.From("bob")))).IsSuccess);

        var audit = await AuditAsync(Acme);

        Assert.Equal(["OpenIncident", "AssignIncident"], audit.Select(r => r.Command));
        Assert.Equal([id.ToString()], audit[0].Created.AsEnumerable());
        Assert.Equal([new AuditedWrite("Incident", id.ToString(), 0, 1)], audit[0].Writes.AsEnumerable());
        Assert.Empty(audit[1].Created);
        Assert.Equal([new AuditedWrite("Incident", id.ToString(), 1, 2)], audit[1].Writes.AsEnumerable());
    }

    [Fact]
    public async Task AuditDetails_AreCanonicalJsonOfTheCommandsFields()
    {
        await DefineSlaAsync(Acme);
        await DefineSlaAsync(Globex);
        var id = await OpenAsync(Acme);

        var acme = await AuditAsync(Acme);
        var globex = await AuditAsync(Globex);

        Assert.Equal(globex.Select(r => r.Details), acme.Take(globex.Count).Select(r => r.Details));
        foreach (var record in acme)
        {
            Assert.DoesNotContain("System.", record.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("Immutable", record.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(Acme.Value, record.Details, StringComparison.Ordinal); // the context is recorded beside, not inside
            using var json = JsonDocument.Parse(record.Details);
            AssertOrdinalKeys(json.RootElement);
        }

        var sla = JsonDocument.Parse(acme.First(r => r.Command == nameof(DefineSla)).Details).RootElement.GetProperty("Definition");
        Assert.Equal("svc-email", sla.GetProperty("Service").GetString());
        Assert.Equal(JsonValueKind.Object, sla.GetProperty("Targets").ValueKind);
        Assert.Equal(Duration.FromHours(4).ToString(null, CultureInfo.InvariantCulture), sla.GetProperty("Targets").GetProperty("1").GetProperty("Resolution").GetString());
        var opened = JsonDocument.Parse(acme[^1].Details).RootElement;
        Assert.Equal("Mail is not delivered", opened.GetProperty("Title").GetString());
        Assert.Equal("carol", opened.GetProperty("Caller").GetString());
        Assert.Equal(id.ToString(), Assert.Single(acme[^1].Created));
    }

    [Fact]
    public async Task AuditRecord_KeepsWhenTheCommandHappenedAndWhenItWasRecorded()
    {
        var happened = Clock.GetCurrentInstant();
        await OpenAsync(Acme);
        RecordingClock.Reset(RecordingClock.GetCurrentInstant() - Duration.FromDays(1)); // a recording clock stepped back
        Clock.AdvanceMinutes(5);
        await OpenAsync(Acme);

        var audit = await AuditAsync(Acme);

        Assert.Equal([happened, happened + Duration.FromMinutes(5)], audit.Select(r => r.OccurredAt));
        Assert.Equal(Instant.FromUtc(2030, 1, 1, 12, 0), audit[0].RecordedAt);
        Assert.True(audit[1].RecordedAt >= audit[0].RecordedAt, "sequence order follows recording order even when the recording clock steps back");
    }

    [Fact]
    public async Task VerifyAuditLog_IntactLog_VerifiesAndAnswersItsHead()
    {
        Assert.True((await Itsm.QueryAsync(new VerifyAuditLog(As(Acme)))).Value.IsIntact);
        await DefineSlaAsync(Acme);
        var id = await OpenAsync(Acme);
        Assert.True((await Itsm.SendAsync(new AssignIncident(As(Acme), id, UserId.From("bob")))).IsSuccess);

        var verified = await Itsm.QueryAsync(new VerifyAuditLog(As(Acme)));

        Assert.True(verified.IsSuccess, verified.Message);
        Assert.True(verified.Value.IsIntact, verified.Value.ToString());
        var audit = await AuditAsync(Acme);
        Assert.Equal(audit.Count, verified.Value.RecordsChecked);
        Assert.Equal(new AuditCheckpoint(audit[^1].Sequence, audit[^1].Hash), verified.Value.Head);
        Assert.Equal(AuditChain.Genesis, audit[0].PreviousHash);
        Assert.All(audit.Skip(1).Zip(audit), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        var again = await Itsm.QueryAsync(new VerifyAuditLog(As(Acme), verified.Value.Head));
        Assert.True(again.Value.IsIntact, again.Value.ToString());
    }

    [Fact]
    public async Task VerifyAuditLog_CheckpointBeyondTheLog_IsReported()
    {
        await OpenAsync(Acme);
        var head = (await Itsm.QueryAsync(new VerifyAuditLog(As(Acme)))).Value.Head;

        var verified = await Itsm.QueryAsync(new VerifyAuditLog(As(Acme), new AuditCheckpoint(head.Sequence + 1, head.Hash)));
        var rewritten = await Itsm.QueryAsync(new VerifyAuditLog(As(Acme), new AuditCheckpoint(head.Sequence, AuditChain.Genesis)));

        Assert.Equal(AuditProblemKind.CheckpointMismatch, verified.Value.FirstProblem?.Kind);
        Assert.Equal(AuditProblemKind.CheckpointMismatch, rewritten.Value.FirstProblem?.Kind);
    }

    private static void AssertOrdinalKeys(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = element.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(names.Order(StringComparer.Ordinal), names);
                foreach (var property in element.EnumerateObject())
                {
                    AssertOrdinalKeys(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AssertOrdinalKeys(item);
                }

                break;
        }
    }
}
