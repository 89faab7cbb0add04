using Itsm.Core.Application.Capacity;
using Itsm.Core.Calendars;
using Itsm.Core.Capacity;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Capacity readings at instants the relational stores cannot hold (they count nanoseconds in 64 bits: 1678 to 2262) or the library
/// does not support (before 1900, from 2150) are refused with a typed error on every store, through the dispatcher and through the
/// port itself, and nothing is stored: a reading is never clamped to another instant.
/// </summary>
public abstract partial class StoreContract
{
    public static TheoryData<string> UnsupportedReadingInstants() =>
    [
        "1600-01-01T00:00:00Z",
        "1677-09-21T00:12:43Z",
        "1899-12-31T23:59:59Z",
        "2150-01-01T00:00:00Z",
        "2262-04-11T23:47:17Z",
        "2300-01-01T00:00:00Z",
    ];

    [Theory]
    [MemberData(nameof(UnsupportedReadingInstants))]
    public async Task RecordMeasurements_AtAnInstantOutsideTheSupportedRange_IsInvalid_AndStoresNothing(string text)
    {
        await SeedPayrollAsync(Acme);
        var at = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;
        var good = new CapacityReading(PayrollDb, StorageUsed, Instant.FromUtc(2027, 1, 1, 0, 0), 50);
        var bad = good with { At = at };

        var sent = await Itsm.SendAsync(new RecordMeasurements(As(Acme), [good, bad]));
        var appended = await WithAsync<ICapacityMeasurementStore, Result>(store => store.AppendAsync(Acme, [good, bad], CancellationToken.None));
        var series = await WithAsync<ICapacityMeasurementStore, IReadOnlyList<Measurement>>(store => store.SeriesAsync(Acme, PayrollDb, StorageUsed, CancellationToken.None));

        Assert.Equal(ResultStatus.Invalid, sent.Status);
        Assert.Contains(sent.ValidationErrors, e => e.ErrorCode is "request.instant" or CapacityReading.InstantCode);
        Assert.Equal((ResultStatus.Invalid, CapacityReading.InstantCode), (appended.Status, appended.ValidationErrors.Single().ErrorCode));
        Assert.Equal("Readings[1]", appended.ValidationErrors.Single().Identifier);
        Assert.Empty(series);
    }

    [Fact]
    public async Task AppendAsync_AtTheEdgesOfTheSupportedRange_StoresTheExactInstants()
    {
        await SeedPayrollAsync(Acme);
        CapacityReading[] edges =
        [
            new(PayrollDb, StorageUsed, BusinessCalendar.MinSupportedInstant, 1),
            new(PayrollDb, StorageUsed, BusinessCalendar.MaxSupportedInstant - Duration.Epsilon, 2),
        ];

        var appended = await WithAsync<ICapacityMeasurementStore, Result>(store => store.AppendAsync(Acme, edges, CancellationToken.None));
        var series = await WithAsync<ICapacityMeasurementStore, IReadOnlyList<Measurement>>(store => store.SeriesAsync(Acme, PayrollDb, StorageUsed, CancellationToken.None));

        Assert.True(appended.IsSuccess, appended.Message);
        Assert.Equal(edges.Select(e => e.Measurement), series);
    }
}
