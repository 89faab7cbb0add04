using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Availability;
using Itsm.Core.Application.Common;
using Itsm.Core.Availability;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Direct edits of the outage and target tables: each is read back as a typed error naming the table and key, the rest stays usable, the store scan lists it.</summary>
public abstract partial class RelationalStoreContract
{
    [Theory]
    [InlineData("UPDATE outages SET until_at = 1", "column until_at says 1")]
    [InlineData("UPDATE outages SET item = 'srv-other'", "column item says srv-other")]
    [InlineData("UPDATE outages SET version = 0", "version 0")]
    [InlineData("UPDATE outages SET document = '{'", "not a valid OutageSnapshot")]
    [InlineData("UPDATE outages SET document = replace(document, '\"recorded\"', '\"ended\"')", "not a valid OutageSnapshot")]
    public async Task Corruption_OfOneOutage_IsATypedErrorNamingIt_AndTheRestStaysUsable(string edit, string expected)
    {
        await RegisterHrAsync(Acme);
        var monday = Clock.GetCurrentInstant();
        var damaged = (await Itsm.SendAsync(new RecordOutage(As(Acme), HrServer, monday, null, OutageKind.Unplanned))).Value.Record.Id;
        var healthy = (await Itsm.SendAsync(new RecordOutage(As(Acme), HrServer, monday, null, OutageKind.Unplanned))).Value.Record.Id;
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"{edit} WHERE tenant = '{Acme.Value}' AND id = '{damaged}'"));
        }

        var read = await Itsm.QueryAsync(new GetOutage(As(Acme), damaged));
        var command = await Itsm.SendAsync(new EndOutage(As(Acme), damaged, monday + Duration.FromHours(1)));

        foreach (var failed in new IResult[] { read, command })
        {
            Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
            Assert.Contains("outages", failed.Text(), StringComparison.Ordinal);
            Assert.Contains(damaged.ToString(), failed.Text(), StringComparison.Ordinal);
            Assert.Contains(expected, failed.Text(), StringComparison.Ordinal);
        }

        Assert.True((await Itsm.SendAsync(new EndOutage(As(Acme), healthy, monday + Duration.FromHours(1)))).IsSuccess);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal(("outages", $"({Acme.Value}, {damaged})"), (problem.Table, problem.Key));
    }

    [Fact]
    public async Task Corruption_OfAServicesTargets_IsATypedErrorNamingIt()
    {
        await RegisterHrAsync(Acme);
        Assert.True((await Itsm.SendAsync(new SetAvailabilityTarget(As(Acme), HrService, 0.99))).IsSuccess);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE availability_targets SET document = replace(document, '0.99', '1.5') WHERE tenant = '{Acme.Value}' AND id = '{HrService.Value}'"));
        }

        var read = await Itsm.QueryAsync(new GetAvailabilityTargets(As(Acme), HrService));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (read.Status, read.ErrorCode));
        Assert.Contains("availability_targets", read.Text(), StringComparison.Ordinal);
        Assert.Contains(HrService.Value, read.Text(), StringComparison.Ordinal);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal("availability_targets", problem.Table);
    }
}
