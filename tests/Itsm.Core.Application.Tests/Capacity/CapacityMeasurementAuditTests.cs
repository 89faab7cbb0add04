using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Capacity;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Calendars;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Application.Tests.Capacity;

/// <summary>
/// What one bulk <see cref="RecordMeasurements"/> leaves in the audit log (one record; the readings in full up to 1,000, else their
/// count and the SHA-256 of their canonical JSON), and readings at instants outside the supported range refused as typed errors.
/// </summary>
public sealed class CapacityMeasurementAuditTests : InMemoryDispatcherTests
{
    private static readonly TenantId Tenant = TenantId.From("acme");
    private static readonly RequestContext Acme = new(Tenant, UserId.From("sam"));
    private static readonly Instant T0 = Instant.FromUtc(2027, 1, 1, 0, 0);
    private static readonly ConfigurationItemId Array = ConfigurationItemId.From("storage-array");
    private static readonly CapacityMetric Used = CapacityMetric.From("storage_used_pct");

    public CapacityMeasurementAuditTests()
        : base(T0 + Duration.FromDays(400))
    {
    }

    [Fact]
    public async Task RecordMeasurements_OfTenThousandReadings_LeavesOneShortRecordWithTheirCountAndDigest()
    {
        await SeedAsync();
        var readings = Readings(10_000, 0);

        Assert.True((await itsm.SendAsync(new RecordMeasurements(Acme, readings))).IsSuccess);

        var record = Assert.Single(await AuditAsync(), r => r.Command == nameof(RecordMeasurements));
        Assert.True(record.Details.Length < 200, $"{record.Details.Length} characters of audit detail");
        var summary = JsonDocument.Parse(record.Details).RootElement.GetProperty("Readings");
        Assert.Equal(10_000, summary.GetProperty("count").GetInt32());
        Assert.Equal(Digest(readings), summary.GetProperty("sha256").GetString());
        Assert.NotEqual(Digest([.. readings[..^1], readings[^1] with { Value = readings[^1].Value + 1 }]), summary.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task RecordMeasurements_OfAThousandReadings_WritesEachOutInTheRecord()
    {
        await SeedAsync();
        var readings = Readings(1_000, 0);

        Assert.True((await itsm.SendAsync(new RecordMeasurements(Acme, readings))).IsSuccess);

        var record = Assert.Single(await AuditAsync(), r => r.Command == nameof(RecordMeasurements));
        var written = JsonDocument.Parse(record.Details).RootElement.GetProperty("Readings");
        Assert.Equal(1_000, written.GetArrayLength());
        Assert.Equal(CanonicalJson.Of(readings[999]), written[999].GetRawText());
    }

    public static TheoryData<long> UnsupportedTicks() =>
    [
        Instant.MinValue.ToUnixTimeTicks(),
        Instant.FromUtc(1600, 1, 1, 0, 0).ToUnixTimeTicks(),
        (BusinessCalendar.MinSupportedInstant - Duration.FromTicks(1)).ToUnixTimeTicks(),
        BusinessCalendar.MaxSupportedInstant.ToUnixTimeTicks(),
        Instant.FromUtc(2262, 4, 12, 0, 0).ToUnixTimeTicks(),
        Instant.MaxValue.ToUnixTimeTicks(),
    ];

    [Theory]
    [MemberData(nameof(UnsupportedTicks))]
    public async Task RecordMeasurements_AtAnUnsupportedInstant_IsInvalidWithoutThrowing_AndStoresNothing(long ticks)
    {
        await SeedAsync();
        var bad = new CapacityReading(Array, Used, Instant.FromUnixTimeTicks(ticks), 50);

        var sent = await itsm.SendAsync(new RecordMeasurements(Acme, [.. Readings(3, 0), bad]));
        var appended = await WithStoreAsync(store => store.AppendAsync(Tenant, [bad], CancellationToken.None));

        Assert.Equal(ResultStatus.Invalid, sent.Status);
        Assert.Contains(sent.ValidationErrors, e => e.ErrorCode is "request.instant" or CapacityReading.InstantCode);
        Assert.Equal(CapacityReading.InstantCode, bad.Check("reading")!.ErrorCode);
        Assert.Equal((ResultStatus.Invalid, CapacityReading.InstantCode), (appended.Status, appended.ValidationErrors.Single().ErrorCode));
        Assert.DoesNotContain(await AuditAsync(), r => r.Command == nameof(RecordMeasurements));
        Assert.Equal("capacity.threshold.not-found", (await itsm.QueryAsync(new ForecastCapacity(Acme, Array, Used))).ErrorCode);
    }

    [Fact]
    public void Check_AtTheEdgesOfTheSupportedRange_AcceptsTheFirstAndLastInstant()
    {
        Assert.Null(new CapacityReading(Array, Used, BusinessCalendar.MinSupportedInstant, 1).Check("reading"));
        Assert.Null(new CapacityReading(Array, Used, BusinessCalendar.MaxSupportedInstant - Duration.Epsilon, 1).Check("reading"));
    }

    private static CapacityReading[] Readings(int count, double offset) =>
        [.. Enumerable.Range(0, count).Select(i => new CapacityReading(Array, Used, T0 + Duration.FromMinutes(i), offset + (i % 97)))];

    /// <summary>The digest as the audit record's documentation states it, rebuilt from each reading's canonical JSON.</summary>
    private static string Digest(IEnumerable<CapacityReading> readings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("[" + string.Join(",", readings.Select(r => CanonicalJson.Of(r))) + "]")));

    private async Task SeedAsync() =>
        Assert.True((await itsm.SendAsync(new RegisterConfigurationItem(Acme, Array, ConfigurationItemClass.Storage, "Storage array"))).IsSuccess);

    private async Task<Result> WithStoreAsync(Func<ICapacityMeasurementStore, Task<Result>> use)
    {
        using var scope = provider.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<ICapacityMeasurementStore>());
    }

    private Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(Tenant, 0, 1000, CancellationToken.None);
    }
}
