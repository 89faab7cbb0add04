using Itsm.Core.Application.Capacity;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Continuity;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>Direct edits of the continuity and capacity tables read back as typed data faults naming the table and row.</summary>
public abstract partial class RelationalStoreContract
{
    [Theory]
    [InlineData("UPDATE continuity_plans SET document = '{'", "continuity_plans")]
    [InlineData("UPDATE capacity_thresholds SET warning = 99", "capacity_thresholds")]
    [InlineData("UPDATE capacity_thresholds SET metric = 'Not A Metric'", "capacity_thresholds")]
    public async Task Corruption_OfAContinuityOrCapacityRow_IsADataFaultNamingTheTable(string edit, string table)
    {
        var sam = new RequestContext(Acme, UserId.From("sam"));
        var service = ConfigurationItemId.From("payroll");
        var metric = CapacityMetric.From("storage_used_pct");
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(sam, service, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new DefineBusinessImpact(sam, service, Duration.FromHours(24), Duration.FromHours(4), Duration.FromHours(1)))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SetCapacityThreshold(sam, service, metric, 80, 90))).IsSuccess);
        var at = Instant.FromUtc(2027, 1, 1, 0, 0);
        Assert.True((await Itsm.SendAsync(new RecordMeasurements(sam, [.. Enumerable.Range(0, 5).Select(i => new CapacityReading(service, metric, at + Duration.FromDays(i), 50 + i))]))).IsSuccess);
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"{edit} WHERE tenant = '{Acme.Value}'"));
        }

        IResult failed = table switch
        {
            "continuity_plans" => await Itsm.QueryAsync(new GetContinuityPlan(sam, service)),
            _ => await Itsm.QueryAsync(new GetCapacityRisk(sam, service, Duration.FromDays(180))),
        };

        Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
        Assert.Contains(table, failed.Text(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A measurement row edited behind the library's back: a value that is not a finite number (SQLite keeps text in a REAL column,
    /// which <c>GetDouble</c> would read as 0; PostgreSQL keeps NaN and infinity) or an instant at the end of the nanosecond range
    /// reads back as a typed data fault naming the table and row, for the forecast and the risk alike, and no reading is made up.
    /// </summary>
    [Theory]
    [InlineData("text-or-nan")]
    [InlineData("infinite")]
    [InlineData("instant")]
    public async Task Corruption_OfAMeasurementValueOrInstant_IsADataFaultNamingTheTable(string edit)
    {
        var sam = new RequestContext(Acme, UserId.From("sam"));
        var service = ConfigurationItemId.From("payroll");
        var metric = CapacityMetric.From("storage_used_pct");
        Assert.True((await Itsm.SendAsync(new RegisterConfigurationItem(sam, service, ConfigurationItemClass.BusinessService, "Payroll"))).IsSuccess);
        Assert.True((await Itsm.SendAsync(new SetCapacityThreshold(sam, service, metric, 80, 90))).IsSuccess);
        var at = Instant.FromUtc(2027, 1, 1, 0, 0);
        Assert.True((await Itsm.SendAsync(new RecordMeasurements(sam, [.. Enumerable.Range(0, 5).Select(i => new CapacityReading(service, metric, at + Duration.FromDays(i), 50 + i))]))).IsSuccess);
        var sqlite = Store.Name == "SQLite";
        var set = edit switch
        {
            "text-or-nan" => sqlite ? "value = 'lots'" : "value = 'NaN'",
            "infinite" => sqlite ? "value = 9e999" : "value = 'Infinity'",
            _ => $"measured_at = {long.MaxValue}",
        };
        await using (var connection = Store.OpenRaw())
        {
            Assert.Null(await TryExecuteAsync(connection, $"UPDATE capacity_measurements SET {set} WHERE tenant = '{Acme.Value}' AND measured_at = {Relational.Sql.FromInstant(at + Duration.FromDays(2))}"));
        }

        var forecast = await Itsm.QueryAsync(new ForecastCapacity(sam, service, metric));
        var risk = await Itsm.QueryAsync(new GetCapacityRisk(sam, service, Duration.FromDays(180)));

        foreach (var failed in new IResult[] { forecast, risk })
        {
            Assert.Equal((ResultStatus.Error, StoredRecordException.ErrorCode), (failed.Status, failed.ErrorCode));
            Assert.Contains("capacity_measurements", failed.Text(), StringComparison.Ordinal);
        }
    }
}
