using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Calendars;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using Itsm.Core.Tests.Incidents;
using Itsm.Core.Tests.Suppliers;
using NodaTime;
using Xunit;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Suppliers
{
    /// <summary>Waits on a supplier over a week of office hours, some still running, at priorities the contract covers and one it does not.</summary>
    public sealed record PerformanceCase(ImmutableArray<SupplierWait> Waits, int SplitMinutes, int ExtraMinutes)
    {
        public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);
        public static readonly Instant End = Start + Duration.FromDays(7);
        public static readonly Instant At = End + Duration.FromDays(1);

        public override string ToString() => $"split +{SplitMinutes}m, extra {ExtraMinutes}m: {string.Join("; ", Waits)}";
    }

    /// <summary>Supplier performance and service credits: counts that add up, disjoint periods that add up, longer targets never worse, credits bounded and monotone.</summary>
    public sealed class SupplierPerformanceTests
    {
        private static readonly BusinessCalendar Office = IncidentFixture.OfficeHours;
        private static readonly Interval Week = new(PerformanceCase.Start, PerformanceCase.End);

        [Fact]
        public void Waits_AreTheAwaitingSupplierHoldsOfTheHistory()
        {
            var incident = IncidentFixture.Open(at: IncidentFixture.Monday0900);
            var t = IncidentFixture.Monday0900;
            Assert.True(incident.Assign(IncidentFixture.Agent, IncidentFixture.Agent, t + Duration.FromMinutes(5)).IsSuccess);
            Assert.True(incident.StartWork(IncidentFixture.Agent, t + Duration.FromMinutes(10)).IsSuccess);
            Assert.True(incident.PutOnHold(HoldReason.AwaitingCustomer, IncidentFixture.Agent, t + Duration.FromMinutes(20)).IsSuccess);
            Assert.True(incident.Resume(IncidentFixture.Agent, t + Duration.FromMinutes(30)).IsSuccess);
            Assert.True(incident.PutOnHold(HoldReason.AwaitingSupplier, IncidentFixture.Agent, t + Duration.FromHours(1)).IsSuccess);
            Assert.True(incident.Resume(IncidentFixture.Agent, t + Duration.FromHours(9)).IsSuccess);
            Assert.True(incident.PutOnHold(HoldReason.AwaitingSupplier, IncidentFixture.Agent, t + Duration.FromHours(10)).IsSuccess);

            var waits = SupplierWait.Of(incident);

            Assert.Equal(
                [new SupplierWait(incident.Id, incident.Priority, t + Duration.FromHours(1), t + Duration.FromHours(9)), new SupplierWait(incident.Id, incident.Priority, t + Duration.FromHours(10), null)],
                waits.ToArray());
            var report = SupplierPerformance.Measure(Contract(1), Office, waits, Week, t + Duration.FromDays(1));
            var first = report.Waits[0];
            Assert.Equal(Office.BusinessTimeBetween(t + Duration.FromHours(1), t + Duration.FromHours(9)), first.Waited);
            Assert.Equal(first.Waited <= first.Target ? (1, 0, 1) : (0, 1, 1), (report.Met, report.Breached, report.Pending));
        }

        [Property]
        public Property Counts_AddUp_AndAttainmentIsAFraction(PerformanceCase c)
        {
            var report = SupplierPerformance.Measure(Contract(1), Office, c.Waits, Week, PerformanceCase.At);
            var inPeriod = c.Waits.Count(w => Week.Contains(w.From));
            return (report.Met + report.Breached + report.Pending == report.Waits.Length
                    && report.Waits.Length + report.NotCovered == inPeriod
                    && report.Attainment is null or (>= 0 and <= 1)
                    && report.Waits.All(w => (w.Outcome == WaitOutcome.Breached) == (w.Waited > w.Target)))
                .Label(report.ToString());
        }

        [Property]
        public Property DisjointPeriods_AddUp(PerformanceCase c)
        {
            var split = PerformanceCase.Start + Duration.FromMinutes(c.SplitMinutes);
            var whole = SupplierPerformance.Measure(Contract(1), Office, c.Waits, Week, PerformanceCase.At);
            var first = SupplierPerformance.Measure(Contract(1), Office, c.Waits, new Interval(PerformanceCase.Start, split), PerformanceCase.At);
            var second = SupplierPerformance.Measure(Contract(1), Office, c.Waits, new Interval(split, PerformanceCase.End), PerformanceCase.At);
            return (whole.Met == first.Met + second.Met && whole.Breached == first.Breached + second.Breached
                    && whole.Pending == first.Pending + second.Pending && whole.TotalBreach == first.TotalBreach + second.TotalBreach)
                .Label($"{whole}\n{first}\n{second}");
        }

        [Property]
        public Property LongerTargets_AreNeverWorse(PerformanceCase c)
        {
            var tight = SupplierPerformance.Measure(Contract(1), Office, c.Waits, Week, PerformanceCase.At);
            var loose = SupplierPerformance.Measure(Contract(2), Office, c.Waits, Week, PerformanceCase.At);
            return (loose.Breached <= tight.Breached && loose.TotalBreach <= tight.TotalBreach && loose.Met >= tight.Met)
                .Label($"tight {tight}\nloose {loose}");
        }

        /// <summary>Credits are never negative, never above the cap, and never fall when every wait lasts longer.</summary>
        [Property]
        public Property Credits_AreBoundedAndGrowWithTheWaits(PerformanceCase c)
        {
            var contract = Contract(1);
            var fee = contract.Details.Fee;
            var longer = c.Waits.Select(w => w with { Until = w.Until + Duration.FromMinutes(c.ExtraMinutes) }).ToList();
            var before = SupplierPerformance.Measure(contract, Office, c.Waits, Week, PerformanceCase.At);
            var after = SupplierPerformance.Measure(contract, Office, longer, Week, PerformanceCase.At);
            var (credit, more) = (before.CreditUnder(contract.Details.CreditPolicy, fee), after.CreditUnder(contract.Details.CreditPolicy, fee));
            var cap = fee.Amount * contract.Details.CreditPolicy.CapPercent / 100m;
            return (credit.Amount >= 0 && credit.Amount <= cap && more.Amount >= credit.Amount && after.TotalBreach >= before.TotalBreach && credit.Currency == fee.Currency)
                .Label($"{credit} then {more} (cap {cap})\n{before}\n{after}");
        }

        /// <summary>An OLA-less contract with targets at P1 to P3 (resolution 2, 4 and 8 hours, times <paramref name="scale"/>); P4 is not covered.</summary>
        private static Contract Contract(int scale)
        {
            var supplier = Supplier.Register(SupplierId.From("vendor"), SupplierKind.External, "Vendor", [], [], [], IncidentFixture.Agent, Instant.FromUtc(2026, 1, 1, 0, 0)).Value;
            var details = new ContractDetails(
                "Support",
                ContractTerm.Create(new LocalDate(2026, 1, 1), null, RenewalKind.None).Value,
                Periodicity.FromMonths(1),
                Money.Of(1000m, "EUR"),
                ServiceCreditPolicy.Standard,
                CalendarId.From("office"),
                DateTimeZoneProviders.Tzdb["Europe/London"],
                ImmutableSortedDictionary.CreateRange(Enumerable.Range(1, 3).Select(p => KeyValuePair.Create(p, new SlaTargets(Duration.FromHours(1), Duration.FromHours(scale * (1 << p)))))),
                [],
                []);
            return Itsm.Core.Suppliers.Contract.Draft(ContractId.From("uc"), supplier, details, IncidentFixture.Agent, Instant.FromUtc(2026, 1, 1, 0, 0)).Value;
        }
    }
}

namespace Itsm.Core.Tests
{
    /// <summary>Waits that start before, in and after the week, end within minutes or days or not at all, at P1 to P4.</summary>
    internal static partial class Arbitraries
    {
        public static Arbitrary<PerformanceCase> PerformanceCases() =>
            (from waits in Gen.ListOf(
                 from start in Gen.Choose(-600, 8 * 1440)
                 from length in Gen.Frequency((3, Gen.Choose(0, 600)), (2, Gen.Choose(0, 4 * 1440)), (1, Gen.Constant(-1)))
                 from priority in Gen.Choose(1, 4)
                 from incident in Gen.Choose(1, 6)
                 select new SupplierWait(
                     IncidentId.From(new Guid(incident, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
                     Priority.FromRank(priority),
                     PerformanceCase.Start + Duration.FromMinutes(start),
                     length < 0 ? null : PerformanceCase.Start + Duration.FromMinutes(start + length)))
             from split in Gen.Choose(0, 7 * 1440)
             from extra in Gen.Choose(0, 2000)
             select new PerformanceCase([.. waits], split, extra)).ToArbitrary();
    }
}
