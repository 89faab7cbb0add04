using System.Collections.Immutable;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Direct edits of stored suppliers and contracts (issue 20): a key column that disagrees with the document, a version out of
/// range, a document that does not parse, a control character or over-long text in any field or history record
/// (<see cref="StoredRecordRules.Check(SupplierSnapshot)"/>, <see cref="StoredRecordRules.Check(ContractSnapshot)"/>), a history
/// that does not replay: each is read back as a typed error naming the table and key, a command on the record changes nothing,
/// the tenant's other records stay usable, and <see cref="VerifyStore"/> lists the one record.
/// </summary>
public abstract partial class RelationalStoreContract
{
    private static readonly SupplierId Vendor = SupplierId.From("vendor-damaged");
    private static readonly SupplierId OtherVendor = SupplierId.From("vendor-healthy");

    [Theory]
    [InlineData("UPDATE suppliers SET kind = 'InternalGroup'", "column kind says InternalGroup")]
    [InlineData("UPDATE suppliers SET version = 0", "version 0")]
    [InlineData("UPDATE suppliers SET document = '{'", "not a valid SupplierSnapshot")]
    [InlineData("UPDATE suppliers SET document = replace(document, '\"registered\"', '\"revised\"')", "not a valid SupplierSnapshot")]
    [InlineData("json:history[0].profile.name=escape", "Name has the control character U+001B")]
    [InlineData("json:history[0].profile.name=long", "Name has 10001 characters, more than the limit of 10000")]
    [InlineData("json:history[0].profile.contacts[0].email=escape", "not a valid SupplierSnapshot")]
    public async Task Corruption_OfOneSupplier_IsATypedErrorNamingIt_AndTheRestStaysUsable(string edit, string expected)
    {
        await RegisterVendorsAsync();
        await DamageAsync("suppliers", Vendor.Value, edit);

        var read = await Itsm.QueryAsync(new GetSupplier(As(Acme), Vendor));
        var command = await Itsm.SendAsync(new ReviseSupplier(As(Acme), Vendor, "Vendor", [], [], []));

        foreach (var failed in new IResult[] { read, command })
        {
            Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
            Assert.Contains($"({Acme.Value}, {Vendor.Value}) of suppliers", failed.Text(), StringComparison.Ordinal);
            Assert.Contains(expected, failed.Text(), StringComparison.Ordinal);
        }

        Assert.True((await Itsm.SendAsync(new ReviseSupplier(As(Acme), OtherVendor, "Healthy vendor", [], [], []))).IsSuccess);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal(("suppliers", $"({Acme.Value}, {Vendor.Value})"), (problem.Table, problem.Key));
    }

    [Theory]
    [InlineData("UPDATE contracts SET state = 'Terminated'", "column state says Terminated")]
    [InlineData("UPDATE contracts SET supplier = 'vendor-healthy'", "column supplier says vendor-healthy")]
    [InlineData("UPDATE contracts SET version = -3", "version -3")]
    [InlineData("UPDATE contracts SET document = '{'", "not a valid ContractSnapshot")]
    [InlineData("UPDATE contracts SET document = replace(document, '\"activated\"', '\"expired\"')", "history record 1")]
    [InlineData("json:details.title=escape", "Title has the control character U+001B")]
    [InlineData("json:history[2].reason=escape", "Reason has the control character U+001B")]
    [InlineData("json:history[2].reason=long", "Reason has 10001 characters, more than the limit of 10000")]
    [InlineData("json:history[2].reason=blank", "gives notice without a reason")]
    public async Task Corruption_OfOneContract_IsATypedErrorNamingIt_AndTheRestStaysUsable(string edit, string expected)
    {
        await RegisterVendorsAsync();
        var damaged = await DraftInNoticeAsync("uc-damaged", Vendor);
        var healthy = await DraftInNoticeAsync("uc-healthy", OtherVendor);
        await DamageAsync("contracts", damaged.Value, edit);

        var read = await Itsm.QueryAsync(new GetContract(As(Acme), damaged));
        var command = await Itsm.SendAsync(new TerminateContract(As(Acme), damaged, "cheaper elsewhere"));
        var listed = await Itsm.QueryAsync(new ListContracts(As(Acme)));

        foreach (var failed in new IResult[] { read, command, listed })
        {
            Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
            Assert.Contains($"({Acme.Value}, {damaged.Value}) of contracts", failed.Text(), StringComparison.Ordinal);
            Assert.Contains(expected, failed.Text(), StringComparison.Ordinal);
        }

        Assert.True((await Itsm.SendAsync(new TerminateContract(As(Acme), healthy, "cheaper elsewhere"))).IsSuccess);
        Assert.True((await Itsm.QueryAsync(new GetSupplier(As(Acme), Vendor))).IsSuccess);
        var problem = Assert.Single((await Itsm.QueryAsync(new VerifyStore(As(Acme)))).Value.Problems);
        Assert.Equal(("contracts", $"({Acme.Value}, {damaged.Value})"), (problem.Table, problem.Key));
    }

    private async Task RegisterVendorsAsync()
    {
        await DefineSlaAsync(Acme);
        foreach (var id in new[] { Vendor, OtherVendor })
        {
            var registered = await Itsm.SendAsync(new RegisterSupplier(As(Acme), id, SupplierKind.External, "Vendor", [new SupplierContact("Desk", "desk@vendor.example", null)], [ConfigurationItemId.From("svc-email")], []));
            Assert.True(registered.IsSuccess, registered.Message);
        }
    }

    /// <summary>A contract drafted (history[0]), activated (history[1]) and given notice with a reason (history[2]).</summary>
    private async Task<ContractId> DraftInNoticeAsync(string name, SupplierId supplier)
    {
        var id = ContractId.From(name);
        var term = ContractTerm.Create(Clock.GetCurrentInstant().InUtc().Date, Periodicity.FromYears(1), RenewalKind.Explicit, Periodicity.FromYears(1), Periodicity.FromMonths(3)).Value;
        var details = new ContractDetails(
            "Storage support", term, Periodicity.FromMonths(1), Money.Of(1200m, "EUR"), ServiceCreditPolicy.Standard, CalendarId.From("office"), DateTimeZoneProviders.Tzdb["Europe/Madrid"],
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromHours(1), Duration.FromHours(3)))]), [ConfigurationItemId.From("svc-email")], []);
        foreach (var command in new ICommand<Result<Versioned<Itsm.Core.Suppliers.Contract>>>[]
        {
            new DraftContract(As(Acme), id, supplier, details), new ActivateContract(As(Acme), id), new GiveNotice(As(Acme), id, "moving the mail store"),
        })
        {
            var result = await Itsm.SendAsync(command);
            Assert.True(result.IsSuccess, result.Message);
        }

        return id;
    }

    /// <summary>Runs <paramref name="edit"/> on one row: SQL, or <c>json:PATH=escape|long|blank</c> for a text set inside the document.</summary>
    private async Task DamageAsync(string table, string id, string edit)
    {
        if (edit.StartsWith("json:", StringComparison.Ordinal))
        {
            var (path, value) = (edit[5..edit.IndexOf('=', StringComparison.Ordinal)], edit[(edit.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var (sqlite, postgres) = value switch
            {
                "escape" => ("'x' || char(27) || '[2J'", "'x' || chr(27) || '[2J'"),
                "long" => ("printf('%.*c', 10001, 'x')", "repeat('x', 10001)"),
                _ => ("'   '", "'   '"),
            };
            await EditAsync(table, id, path, sqlite, postgres);
            return;
        }

        await using var connection = Store.OpenRaw();
        Assert.Null(await TryExecuteAsync(connection, $"{edit} WHERE tenant = '{Acme.Value}' AND id = '{id}'"));
    }
}
