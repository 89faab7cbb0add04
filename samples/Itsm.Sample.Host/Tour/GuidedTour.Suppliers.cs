using System.Collections.Immutable;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// The supplier step: the storage vendor's underpinning contract is checked against payroll's P2 resolution target over March and
/// April 2027. The vendor works in Madrid and is closed on Maundy Thursday, when UK office hours are open, so a start on the
/// Wednesday before Easter is due on Thursday for payroll but only on Monday for the vendor; the checker names the first second
/// that fails. A revised contract whose calendar covers Maundy Thursday underpins the target, and replaces the first.
/// </summary>
internal sealed partial class GuidedTour
{
    private static readonly SupplierId StorageVendor = SupplierId.From("storage-vendor");
    private static readonly CalendarId VendorHours = CalendarId.From("storage-vendor");
    private static readonly CalendarId VendorHoursRevised = CalendarId.From("storage-vendor-revised");
    private static readonly SlaDefinitionId PayrollSla = SlaDefinitionId.From("sla-payroll");
    private static readonly DateTimeZone Madrid = DateTimeZoneProviders.Tzdb["Europe/Madrid"];

    /// <summary>The storage vendor's days off in 2027 (Spain and Madrid), Maundy Thursday and Good Friday among them.</summary>
    private static readonly LocalDate[] VendorHolidays2027 =
    [
        new(2027, 1, 1), new(2027, 1, 6), new(2027, 3, 25), new(2027, 3, 26), new(2027, 5, 1), new(2027, 8, 16),
        new(2027, 10, 12), new(2027, 11, 1), new(2027, 12, 6), new(2027, 12, 8), new(2027, 12, 25),
    ];

    private static readonly ZonedDateTimePattern SecondPattern = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM HH:mm:ss x", null);

    private async Task RunSuppliersAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Supplier management: is payroll's SLA underpinned?",
            "Demonstrates an underpinning contract checked exactly against the SLA target it backs, every start second over two calendars in two countries, and a revised contract that passes; why it matters: a supplier's holiday the customer does not have breaks the chain only for starts in a narrow window, which sampling can miss and the checker names to the second.");
        var manager = As("sue.suppliers");
        var maundyThursday = new LocalDate(2027, 3, 25);
        await SendAsync(new DefineCalendar(manager, VendorHours, VendorCalendar("Storage vendor support", [], VendorHolidays2027)), cancellationToken).ConfigureAwait(false);
        await SendAsync(new DefineCalendar(manager, VendorHoursRevised, VendorCalendar("Storage vendor support, revised", [maundyThursday], [.. VendorHolidays2027.Where(d => d != maundyThursday)])), cancellationToken).ConfigureAwait(false);
        await SendAsync(new RegisterSupplier(manager, StorageVendor, SupplierKind.External, "Storage vendor", [new SupplierContact("Ana Ruiz", "ana@vendor.example", null)], [Payroll, OnlineBanking], [StorageArray]), cancellationToken).ConfigureAwait(false);
        Note("storage-vendor registered: it supports san-01 for payroll and online banking, Mon-Fri 09:00-18:00 in Madrid, closed on Maundy Thursday and Good Friday");

        var link = new UnderpinningLink(PayrollSla, 2, Duration.FromMinutes(30), null, Duration.Zero);
        var spring = new Interval(Local(3, 1, 0, 0), Local(5, 1, 0, 0));
        var first = await ContractAndCheckAsync(manager, ContractId.From("uc-storage-2027"), "Storage support 2027", VendorHours, link, spring, cancellationToken).ConfigureAwait(false);
        Note($"uc-storage-2027 (P2: 6h on {VendorHours}) against {PayrollSla} P2 (8h on {OfficeHours}, handed to the vendor after 30m), every start second of March and April:");
        if (first.FirstFailure is { } failure && first.WorstShortfall is { } worst)
        {
            Note($"does NOT underpin: {first.FailingIntervals.Length} run(s) of failing starts; the first failing start is {ShowSecond(failure.Start)}");
            Note($"  payroll is due {ShowSecond(failure.SlaDue)}, the vendor {ShowSecond(failure.UcDue)} ({ShowSecond(failure.UcDue, Madrid)} in Madrid): {Show(failure.Shortfall)} late");
            Note($"  one second earlier, {ShowSecond(failure.Start - Duration.FromSeconds(1))}, passes; worst shortfall {Show(worst.Shortfall)} for a start at {ShowSecond(worst.Start)}");
            foreach (var run in first.FailingIntervals)
            {
                Note($"  fails from {ShowSecond(run.First)} to {ShowSecond(run.Last)}");
            }
        }
        else
        {
            Note($"underpins ({first.Breakpoints} breakpoints examined)");
        }

        AdvanceTo(clock.GetCurrentInstant() + Duration.FromDays(1), "the vendor agrees to cover Maundy Thursday");
        var revisedId = ContractId.From("uc-storage-2027b");
        var revised = await ContractAndCheckAsync(manager, revisedId, "Storage support 2027, revised", VendorHoursRevised, link, spring, cancellationToken).ConfigureAwait(false);
        Note(revised.Underpins
            ? $"{revisedId} (P2: 6h on {VendorHoursRevised}) underpins {PayrollSla} P2 at every start of March and April ({revised.Breakpoints} breakpoints of the two timelines compared, nothing sampled)"
            : $"{revisedId} still does NOT underpin: first failing start {ShowSecond(revised.FirstFailure!.Start)}");
        var ended = await SendAsync(new TerminateContract(manager, ContractId.From("uc-storage-2027"), $"replaced by {revisedId}"), cancellationToken).ConfigureAwait(false);
        Note($"uc-storage-2027 is {ended.Record.State.ToString().ToLowerInvariant()}: replaced by {revisedId}");
        outcome = outcome with
        {
            StorageContractUnderpins = first.Underpins,
            StorageContractFirstFailure = first.FirstFailure?.Start,
            StorageContractFailingRuns = first.FailingIntervals.Length,
            RevisedStorageContractUnderpins = revised.Underpins,
        };
    }

    /// <summary>Drafts, activates and links one contract of the storage vendor, then checks the link over <paramref name="period"/>.</summary>
    private async Task<UnderpinningReport> ContractAndCheckAsync(RequestContext manager, ContractId id, string title, CalendarId calendar, UnderpinningLink link, Interval period, CancellationToken cancellationToken)
    {
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(1), RenewalKind.Automatic, Periodicity.FromYears(1), Periodicity.FromMonths(3));
        var details = new ContractDetails(
            title,
            term.IsSuccess ? term.Value : throw Failed("contract term", term),
            Periodicity.FromMonths(1),
            Money.Of(1200m, "EUR"),
            ServiceCreditPolicy.Standard,
            calendar,
            Madrid,
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromMinutes(30), Duration.FromHours(4))), KeyValuePair.Create(2, new SlaTargets(Duration.FromHours(1), Duration.FromHours(6)))]),
            [Payroll, OnlineBanking],
            [StorageArray]);
        await SendAsync(new DraftContract(manager, id, StorageVendor, details), cancellationToken).ConfigureAwait(false);
        await SendAsync(new ActivateContract(manager, id), cancellationToken).ConfigureAwait(false);
        await SendAsync(new LinkUnderpinning(manager, id, link), cancellationToken).ConfigureAwait(false);
        return await QueryAsync(new CheckUnderpinning(manager, id, link.Sla, link.Priority, period), cancellationToken).ConfigureAwait(false);
    }

    private static BusinessCalendarDefinition VendorCalendar(string name, LocalDate[] extraDays, LocalDate[] holidays)
    {
        IReadOnlyList<WorkingRange> day = [WorkingRange.Between(new LocalTime(9, 0), new LocalTime(18, 0))];
        var week = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }.ToDictionary(d => d, _ => day);
        var created = BusinessCalendarDefinition.Create(name, Madrid.Id, week, holidays, extraDays.ToDictionary(d => d, _ => day));
        return created.IsSuccess ? created.Value : throw Failed("calendar definition", created);
    }

    private static string ShowSecond(Instant instant, DateTimeZone? zone = null) => SecondPattern.Format(instant.InZone(zone ?? London));
}
