using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Releases;
using Itsm.Core.Common;
using Itsm.Core.Persistence.Tests.Serialization;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Direct edits of the releases table read back as typed data faults naming the table, and the store scan finds them.</summary>
public abstract partial class RelationalStoreContract
{
    [Theory]
    [InlineData("UPDATE releases SET document = '{'")]
    [InlineData("UPDATE releases SET state = 'Closed'")]
    [InlineData("UPDATE releases SET version_key = '0000000009.0000000000.0000000000'")]
    [InlineData("UPDATE releases SET document = REPLACE(document, '\"event\":\"built\"', '\"event\":\"closed\"')")]
    [InlineData("UPDATE releases SET document = REPLACE(document, '\"state\":\"Reviewed\"', '\"state\":\"Closed\"')")]
    public async Task Corruption_OfAReleaseRow_IsADataFaultNamingTheTable(string edit)
    {
        var release = SnapshotJsonTests.FixedRelease();
        Assert.True((await WithAsync<IReleaseRepository, Result>(r => r.AddAsync(Acme, release, CancellationToken.None))).IsSuccess);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"{edit} WHERE tenant = '{Acme.Value}'"));
        }

        var failed = await Itsm.QueryAsync(new GetRelease(new RequestContext(Acme, UserId.From("sam")), release.Id));
        var scan = await Itsm.QueryAsync(new VerifyStore(new RequestContext(Acme, UserId.From("sam"))));

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
        Assert.Contains("releases", failed.Text(), StringComparison.Ordinal);
        Assert.Contains(scan.Value.Problems, p => p.Table == "releases");
    }

    /// <summary>A tenant whose only record is a release (written straight through the port, so not even an audit record) is still scanned.</summary>
    [Fact]
    public async Task VerifyStore_AllTenants_FindsATenantWhoseOnlyRecordIsARelease_AndItsCorruptRow()
    {
        var initech = TenantId.From("initech");
        var release = SnapshotJsonTests.FixedRelease();
        Assert.True((await WithAsync<IReleaseRepository, Result>(r => r.AddAsync(initech, release, CancellationToken.None))).IsSuccess);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE releases SET state = 'Closed' WHERE tenant = '{initech.Value}'"));
        }

        var verified = (await Itsm.QueryAsync(new VerifyStore(new RequestContext(Acme, UserId.From("sam")), AllTenants: true))).Value;

        Assert.Contains(initech, verified.Tenants);
        Assert.Contains(verified.Problems, p => p.Tenant == initech && p.Table == "releases");
    }
}
