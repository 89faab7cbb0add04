using System.Collections.Immutable;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>One stretch of an incident waiting on a supplier: from an "awaiting supplier" hold to the next record that ends it.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Priority">Its priority when the wait began.</param>
/// <param name="From">When the hold began.</param>
/// <param name="Until">When it ended (resumed, resolved, cancelled, closed or put on another hold); null while still waiting.</param>
public sealed record SupplierWait(IncidentId Incident, Priority Priority, Instant From, Instant? Until)
{
    /// <summary>
    /// The waits on a supplier in <paramref name="incident"/>'s history, oldest first: each <see cref="IncidentPutOnHold"/> with
    /// <see cref="HoldReason.AwaitingSupplier"/>, ended by the next record that leaves that hold.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public static ImmutableArray<SupplierWait> Of(Incident incident)
    {
        Preconditions.CheckNotNull(incident);
        var waits = ImmutableArray.CreateBuilder<SupplierWait>();
        var priority = incident.History.Count > 0 && incident.History[0] is IncidentOpened opened ? opened.Decision.Priority : incident.Priority;
        (Instant From, Priority Priority)? open = null;
        foreach (var e in incident.History)
        {
            if (open is { } waiting && e is IncidentResumed or IncidentResolved or IncidentCancelled or IncidentClosed or IncidentPutOnHold)
            {
                waits.Add(new SupplierWait(incident.Id, waiting.Priority, waiting.From, e.At));
                open = null;
            }

            if (e is IncidentPriorityChanged changed)
            {
                priority = changed.Decision.Priority;
            }

            if (e is IncidentPutOnHold { Reason: HoldReason.AwaitingSupplier })
            {
                open = (e.At, priority);
            }
        }

        if (open is { } still)
        {
            waits.Add(new SupplierWait(incident.Id, still.Priority, still.From, null));
        }

        return waits.ToImmutable();
    }
}

/// <summary>How one wait on a supplier measured against the contract's resolution target at its priority.</summary>
/// <param name="Wait">The wait.</param>
/// <param name="Target">The contract's resolution target at the wait's priority.</param>
/// <param name="Waited">Business time waited on the contract's calendar, up to the end of the wait or the instant measured at.</param>
/// <param name="Outcome">Met, breached, or still pending.</param>
public sealed record WaitMeasure(SupplierWait Wait, Duration Target, Duration Waited, WaitOutcome Outcome)
{
    /// <summary>How far beyond the target the wait went (zero unless breached).</summary>
    public Duration Breach => Waited > Target ? Waited - Target : Duration.Zero;
}

/// <summary>How a wait on a supplier came out against its target.</summary>
/// <remarks><c>default</c> is <see cref="Met"/>.</remarks>
public enum WaitOutcome
{
    /// <summary>Ended within the target.</summary>
    Met = 0,

    /// <summary>Went beyond the target (ended or not).</summary>
    Breached = 1,

    /// <summary>Still waiting, within the target so far.</summary>
    Pending = 2,
}

/// <summary>
/// A contract's performance over a period: the waits on its supplier that began in the period, each measured against the
/// contract's resolution target at its priority on the contract's own calendar, and their attainment.
/// </summary>
/// <param name="Contract">The contract.</param>
/// <param name="Period">The period; a wait belongs to the period it began in.</param>
/// <param name="At">The instant ongoing waits are measured to.</param>
/// <param name="Waits">Every wait measured, by start then incident.</param>
/// <param name="NotCovered">Waits at priorities the contract has no targets for, which it is not measured on.</param>
public sealed record SupplierPerformanceReport(ContractId Contract, Interval Period, Instant At, ImmutableArray<WaitMeasure> Waits, int NotCovered)
{
    /// <summary>Waits that ended within their target.</summary>
    public int Met => Waits.Count(w => w.Outcome == WaitOutcome.Met);

    /// <summary>Waits that went beyond their target.</summary>
    public int Breached => Waits.Count(w => w.Outcome == WaitOutcome.Breached);

    /// <summary>Waits still running within their target.</summary>
    public int Pending => Waits.Count(w => w.Outcome == WaitOutcome.Pending);

    /// <summary>Met / (met + breached), from 0 to 1; null when nothing was decided yet.</summary>
    public double? Attainment => Met + Breached == 0 ? null : (double)Met / (Met + Breached);

    /// <summary>The breaches added up: what service credits are computed from.</summary>
    public Duration TotalBreach => Waits.Aggregate(Duration.Zero, (sum, w) => sum + w.Breach);

    /// <summary>The service credit the contract owes for the period (<see cref="ServiceCreditPolicy.Credit"/> of one billing period's fee and <see cref="TotalBreach"/>).</summary>
    /// <param name="policy">The contract's credit policy.</param>
    /// <param name="periodFee">The fee of the billing period.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public Money CreditUnder(ServiceCreditPolicy policy, Money periodFee) => Preconditions.CheckNotNull(policy).Credit(periodFee, TotalBreach);

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Measures a contract's supplier against its targets: the query behind supplier performance and service credits.</summary>
/// <remarks>
/// A wait counts in the period it began in (so disjoint periods add up), is measured in business time on the contract's
/// calendar from its start to its end (or to <c>at</c> while it runs), and is met when that time is within the contract's
/// resolution target at the wait's priority. Stateless and thread-safe.
/// </remarks>
public static class SupplierPerformance
{
    /// <summary>Measures <paramref name="waits"/> that began in <paramref name="period"/> against <paramref name="contract"/>'s targets.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="calendar">Its compiled calendar.</param>
    /// <param name="waits">The waits on its supplier (of incidents on what it covers).</param>
    /// <param name="period">The period; must have a start and an end.</param>
    /// <param name="at">The instant ongoing waits are measured to (now); waits are cut there.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="period"/> is unbounded.</exception>
    public static SupplierPerformanceReport Measure(Contract contract, BusinessCalendar calendar, IEnumerable<SupplierWait> waits, Interval period, Instant at)
    {
        Preconditions.CheckNotNull(contract);
        Preconditions.CheckNotNull(calendar);
        Preconditions.CheckNotNull(waits);
        Preconditions.CheckArgument(period.HasStart && period.HasEnd, nameof(period), "Supplier performance is measured over a bounded period.");
        var measured = ImmutableArray.CreateBuilder<WaitMeasure>();
        var notCovered = 0;
        foreach (var wait in waits.Where(w => period.Contains(w.From) && w.From <= at).OrderBy(w => w.From).ThenBy(w => w.Incident))
        {
            if (!contract.Details.Targets.TryGetValue(wait.Priority.Rank, out var targets))
            {
                notCovered++;
                continue;
            }

            var end = wait.Until is { } until && until <= at ? until : at;
            var waited = calendar.BusinessTimeBetween(wait.From, end);
            var outcome = waited > targets.Resolution ? WaitOutcome.Breached : wait.Until is { } u && u <= at ? WaitOutcome.Met : WaitOutcome.Pending;
            measured.Add(new WaitMeasure(wait, targets.Resolution, waited, outcome));
        }

        return new SupplierPerformanceReport(contract.Id, period, at, measured.ToImmutable(), notCovered);
    }
}
