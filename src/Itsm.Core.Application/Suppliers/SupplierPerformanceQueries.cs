using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Suppliers;

/// <summary>
/// A contract's supplier performance over <paramref name="Period"/> (<see cref="SupplierPerformance.Measure"/>): the waits on a
/// supplier ("awaiting supplier" holds) of the incidents on the services the contract covers, measured now against its
/// resolution targets on its own calendar. NotFound when the contract or its calendar does not exist.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Contract">The contract.</param>
/// <param name="Period">The period (a wait counts in the period it began in).</param>
public sealed record GetSupplierPerformance(RequestContext Context, ContractId Contract, Interval Period) : IQuery<Result<SupplierPerformanceReport>>;

/// <summary>
/// A supplier's (or internal group's) performance over <paramref name="Period"/>, contract by contract: one
/// <see cref="SupplierPerformanceReport"/> for each of its contracts that was ever put in force (a draft, or a draft withdrawn,
/// binds nobody), in contract id order, each measured as <see cref="GetSupplierPerformance"/> measures it. Empty when it has no
/// such contract; NotFound (<c>supplier.not-found</c>) for an unknown supplier, or when a contract's calendar does not exist.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Supplier">The supplier or internal group.</param>
/// <param name="Period">The period (a wait counts in the period it began in).</param>
public sealed record ListSupplierPerformance(RequestContext Context, SupplierId Supplier, Interval Period) : IQuery<Result<IReadOnlyList<SupplierPerformanceReport>>>;

/// <summary>The service credit a contract owes for <paramref name="Period"/> (one billing period): its performance, its fee and the credit under its policy.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Contract">The contract.</param>
/// <param name="Period">The billing period.</param>
public sealed record ComputeServiceCredits(RequestContext Context, ContractId Contract, Interval Period) : IQuery<Result<ServiceCreditStatement>>;

/// <summary>What a contract owes for one billing period.</summary>
/// <param name="Performance">The supplier's performance in the period.</param>
/// <param name="PeriodFee">The fee of the billing period.</param>
/// <param name="Credit">The credit owed (<see cref="SupplierPerformanceReport.CreditUnder"/>): never negative, never above the policy's cap.</param>
public sealed record ServiceCreditStatement(SupplierPerformanceReport Performance, Money PeriodFee, Money Credit);

/// <summary>Loads the contract, its calendar and the incidents on its services, and lets the domain measure them.</summary>
internal sealed class GetSupplierPerformanceHandler(IContractRepository contracts, IIncidentRepository incidents, IBusinessCalendarSource calendars, IClock clock)
    : IRequestHandler<GetSupplierPerformance, Result<SupplierPerformanceReport>>
{
    public Task<Result<SupplierPerformanceReport>> Handle(GetSupplierPerformance request, CancellationToken cancellationToken) =>
        MeasureAsync(contracts, incidents, calendars, request.Context.Tenant, request.Contract, request.Period, clock.GetCurrentInstant(), cancellationToken);

    internal static async Task<Result<SupplierPerformanceReport>> MeasureAsync(
        IContractRepository contracts, IIncidentRepository incidents, IBusinessCalendarSource calendars, TenantId tenant, ContractId id, Interval period, Instant now, CancellationToken cancellationToken)
    {
        var contract = await contracts.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (contract is null)
        {
            return ContractTransition.Kind.NotFound<SupplierPerformanceReport>(id);
        }

        var calendar = await calendars.GetAsync(tenant, contract.Record.Details.Calendar, cancellationToken).ConfigureAwait(false);
        if (!calendar.IsSuccess)
        {
            return calendar.AsFailure<SupplierPerformanceReport>();
        }

        var waits = new List<SupplierWait>();
        foreach (var service in contract.Record.Details.Services)
        {
            var onService = await incidents.ListAsync(tenant, new IncidentsByOpening(service: service), cancellationToken).ConfigureAwait(false);
            waits.AddRange(onService.Where(i => i.Record.OpenedAt < period.End).SelectMany(i => SupplierWait.Of(i.Record)));
        }

        return SupplierPerformance.Measure(contract.Record, calendar.Value, waits, period, now);
    }
}

/// <summary>Measures each contract of the supplier that was put in force as <see cref="GetSupplierPerformanceHandler"/> does.</summary>
internal sealed class ListSupplierPerformanceHandler(ISupplierRepository suppliers, IContractRepository contracts, IIncidentRepository incidents, IBusinessCalendarSource calendars, IClock clock)
    : IRequestHandler<ListSupplierPerformance, Result<IReadOnlyList<SupplierPerformanceReport>>>
{
    public async Task<Result<IReadOnlyList<SupplierPerformanceReport>>> Handle(ListSupplierPerformance request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        if (await suppliers.GetAsync(tenant, request.Supplier, cancellationToken).ConfigureAwait(false) is null)
        {
            return ContractTransition.SupplierKind.NotFound<IReadOnlyList<SupplierPerformanceReport>>(request.Supplier);
        }

        var now = clock.GetCurrentInstant();
        var reports = new List<SupplierPerformanceReport>();
        foreach (var contract in await contracts.ListAsync(tenant, new ContractsById(request.Supplier), cancellationToken).ConfigureAwait(false))
        {
            if (!contract.Record.History.Any(e => e is ContractActivated))
            {
                continue;
            }

            var measured = await GetSupplierPerformanceHandler.MeasureAsync(contracts, incidents, calendars, tenant, contract.Record.Id, request.Period, now, cancellationToken).ConfigureAwait(false);
            if (!measured.IsSuccess)
            {
                return measured.AsFailure<IReadOnlyList<SupplierPerformanceReport>>();
            }

            reports.Add(measured.Value);
        }

        return reports;
    }
}

/// <summary>Measures the period as <see cref="GetSupplierPerformanceHandler"/> does and applies the contract's credit policy to one billing period's fee.</summary>
internal sealed class ComputeServiceCreditsHandler(IContractRepository contracts, IIncidentRepository incidents, IBusinessCalendarSource calendars, IClock clock)
    : IRequestHandler<ComputeServiceCredits, Result<ServiceCreditStatement>>
{
    public async Task<Result<ServiceCreditStatement>> Handle(ComputeServiceCredits request, CancellationToken cancellationToken)
    {
        var measured = await GetSupplierPerformanceHandler.MeasureAsync(contracts, incidents, calendars, request.Context.Tenant, request.Contract, request.Period, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        if (!measured.IsSuccess)
        {
            return measured.AsFailure<ServiceCreditStatement>();
        }

        var contract = (await contracts.GetAsync(request.Context.Tenant, request.Contract, cancellationToken).ConfigureAwait(false))!.Record;
        var fee = contract.Details.Fee;
        return new ServiceCreditStatement(measured.Value, fee, measured.Value.CreditUnder(contract.Details.CreditPolicy, fee));
    }
}
