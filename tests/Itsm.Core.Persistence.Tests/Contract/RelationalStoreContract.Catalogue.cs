using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Tests.Serialization;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Direct edits of the catalogue and agreement tables read back as typed data faults naming the table, and the store scan finds them.</summary>
public abstract partial class RelationalStoreContract
{
    [Theory]
    [InlineData("UPDATE catalogue_services SET document = '{'")]
    [InlineData("UPDATE catalogue_services SET status = 'Live'")]
    [InlineData("UPDATE catalogue_services SET document = REPLACE(document, '\"event\":\"moved-to-transition\"', '\"event\":\"retired\"')")]
    [InlineData("UPDATE catalogue_services SET document = REPLACE(document, '\"status\":\"Retiring\"', '\"status\":\"Retired\"')")]
    [InlineData("UPDATE catalogue_services SET document = REPLACE(document, '\"name\":\"gold\"', '\"name\":\"silver\"')")]
    public async Task Corruption_OfAServiceRow_IsADataFaultNamingTheTable(string edit)
    {
        var service = SnapshotJsonTests.FixedService();
        Assert.True((await WithAsync<ICatalogueServiceRepository, Result>(r => r.AddAsync(Acme, service, CancellationToken.None))).IsSuccess);
        await CorruptAsync(edit);

        var failed = await Itsm.QueryAsync(new GetService(new RequestContext(Acme, UserId.From("sam")), service.Id));
        var scan = await Itsm.QueryAsync(new VerifyStore(new RequestContext(Acme, UserId.From("sam"))));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
        Assert.Contains("catalogue_services", failed.Text(), StringComparison.Ordinal);
        Assert.Contains(scan.Value.Problems, p => p.Table == "catalogue_services");
    }

    [Theory]
    [InlineData("UPDATE service_level_agreements SET document = '{'")]
    [InlineData("UPDATE service_level_agreements SET customer = 'globex-hr'")]
    [InlineData("UPDATE service_level_agreements SET document = REPLACE(document, '\"party\":\"Customer\"', '\"party\":\"Provider\"')")]
    [InlineData("UPDATE service_level_agreements SET document = REPLACE(document, '\"effectiveFrom\":\"2026-04-01\"', '\"effectiveFrom\":\"2026-02-01\"')")]
    [InlineData("UPDATE service_level_agreements SET document = REPLACE(document, '\"by\":\"acme-cio\"', '\"by\":\"service-manager\"')")]
    public async Task Corruption_OfAnAgreementRow_IsADataFaultNamingTheTable(string edit)
    {
        var agreement = SnapshotJsonTests.FixedAgreement();
        Assert.True((await WithAsync<IAgreementRepository, Result>(r => r.AddAsync(Acme, agreement, CancellationToken.None))).IsSuccess);
        await CorruptAsync(edit);

        var failed = await Itsm.QueryAsync(new GetAgreement(new RequestContext(Acme, UserId.From("sam")), agreement.Id));
        var scan = await Itsm.QueryAsync(new VerifyStore(new RequestContext(Acme, UserId.From("sam"))));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
        Assert.Contains("service_level_agreements", failed.Text(), StringComparison.Ordinal);
        Assert.Contains(scan.Value.Problems, p => p.Table == "service_level_agreements");
    }

    private async Task CorruptAsync(string edit)
    {
        await using var connection = Store.OpenRaw();
        Assert.Null(await TryExecuteAsync(connection, $"{edit} WHERE tenant = '{Acme.Value}'"));
    }
}
