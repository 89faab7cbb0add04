using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;
using Itsm.Core.Suppliers;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.Suppliers;

/// <summary>Load, one domain call, save, answer: the shape every contract transition handler shares.</summary>
internal static class ContractTransition
{
    internal static readonly AggregateKind Kind = new AggregateKind("Contract").NotFoundAs("supplier.contract.not-found").StaleAs("supplier.contract.version-conflict");

    internal static readonly AggregateKind SupplierKind = new AggregateKind("Supplier").NotFoundAs("supplier.not-found").StaleAs("supplier.version-conflict");

    internal static Task<Result<Versioned<Contract>>> ApplyAsync(IContractRepository contracts, ContractCommand command, Func<Contract, Task<Result>> action, CancellationToken cancellationToken) =>
        AggregateCommands.ApplyAsync(contracts, Kind, command.Context.Tenant, command.Contract, command.ExpectedVersion, action, cancellationToken);

    internal static Task<Result<Versioned<Contract>>> ApplyAsync(IContractRepository contracts, ContractCommand command, Func<Contract, Result> action, CancellationToken cancellationToken) =>
        AggregateCommands.ApplyAsync(contracts, Kind, command.Context.Tenant, command.Contract, command.ExpectedVersion, action, cancellationToken);
}

internal sealed class RegisterSupplierHandler(ISupplierRepository suppliers, IClock clock) : IRequestHandler<RegisterSupplier, Result<Versioned<Supplier>>>
{
    public Task<Result<Versioned<Supplier>>> Handle(RegisterSupplier request, CancellationToken cancellationToken) =>
        AggregateCommands.AddAsync(
            suppliers,
            request.Context.Tenant,
            Supplier.Register(request.Id, request.Kind, request.Name, request.Contacts, request.Services, request.Items, request.Context.Actor, clock.GetCurrentInstant()),
            cancellationToken);
}

internal sealed class ReviseSupplierHandler(ISupplierRepository suppliers, IClock clock) : IRequestHandler<ReviseSupplier, Result<Versioned<Supplier>>>
{
    public Task<Result<Versioned<Supplier>>> Handle(ReviseSupplier request, CancellationToken cancellationToken) =>
        AggregateCommands.ApplyAsync(
            suppliers,
            ContractTransition.SupplierKind,
            request.Context.Tenant,
            request.Supplier,
            request.ExpectedVersion,
            s => s.Revise(request.Name, request.Contacts, request.Services, request.Items, request.Context.Actor, clock.GetCurrentInstant()),
            cancellationToken);
}

internal sealed class DraftContractHandler(IContractRepository contracts, ISupplierRepository suppliers, ICalendarRepository calendars, IClock clock)
    : IRequestHandler<DraftContract, Result<Versioned<Contract>>>
{
    public async Task<Result<Versioned<Contract>>> Handle(DraftContract request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var supplier = await suppliers.GetAsync(tenant, request.Supplier, cancellationToken).ConfigureAwait(false);
        if (supplier is null)
        {
            return ContractTransition.SupplierKind.NotFound<Versioned<Contract>>(request.Supplier);
        }

        if (await calendars.GetAsync(tenant, request.Details.Calendar, cancellationToken).ConfigureAwait(false) is null)
        {
            return Failure.NotFound<Versioned<Contract>>($"Contract {request.Id} counts its targets on calendar '{request.Details.Calendar}', which does not exist; define the calendar first.", "calendar.not-found");
        }

        var drafted = Contract.Draft(request.Id, supplier.Record, request.Details, request.Context.Actor, clock.GetCurrentInstant());
        return await AggregateCommands.AddAsync(contracts, tenant, drafted, cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class ActivateContractHandler(IContractRepository contracts, IClock clock) : IRequestHandler<ActivateContract, Result<Versioned<Contract>>>
{
    public Task<Result<Versioned<Contract>>> Handle(ActivateContract request, CancellationToken cancellationToken) =>
        ContractTransition.ApplyAsync(contracts, request, c => c.Activate(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class GiveNoticeHandler(IContractRepository contracts, IClock clock) : IRequestHandler<GiveNotice, Result<Versioned<Contract>>>
{
    public Task<Result<Versioned<Contract>>> Handle(GiveNotice request, CancellationToken cancellationToken) =>
        ContractTransition.ApplyAsync(contracts, request, c => c.GiveNotice(request.Reason, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class RenewContractHandler(IContractRepository contracts, IClock clock) : IRequestHandler<RenewContract, Result<Versioned<Contract>>>
{
    public Task<Result<Versioned<Contract>>> Handle(RenewContract request, CancellationToken cancellationToken) =>
        ContractTransition.ApplyAsync(contracts, request, c => c.Renew(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class ExpireContractHandler(IContractRepository contracts, IClock clock) : IRequestHandler<ExpireContract, Result<Versioned<Contract>>>
{
    public Task<Result<Versioned<Contract>>> Handle(ExpireContract request, CancellationToken cancellationToken) =>
        ContractTransition.ApplyAsync(contracts, request, c => c.Expire(request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

internal sealed class TerminateContractHandler(IContractRepository contracts, IClock clock) : IRequestHandler<TerminateContract, Result<Versioned<Contract>>>
{
    public Task<Result<Versioned<Contract>>> Handle(TerminateContract request, CancellationToken cancellationToken) =>
        ContractTransition.ApplyAsync(contracts, request, c => c.Terminate(request.Reason, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken);
}

/// <summary>Checks that the SLA target and the OLA the link names exist, then lets the contract record the link.</summary>
internal sealed class LinkUnderpinningHandler(IContractRepository contracts, ISlaDefinitionRepository slas, IClock clock) : IRequestHandler<LinkUnderpinning, Result<Versioned<Contract>>>
{
    public async Task<Result<Versioned<Contract>>> Handle(LinkUnderpinning request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var sla = await slas.GetAsync(tenant, request.Link.Sla, cancellationToken).ConfigureAwait(false);
        if (sla is null)
        {
            return Failure.NotFound<Versioned<Contract>>($"There is no SLA definition '{request.Link.Sla}'.", "sla.not-found");
        }

        var covered = sla.Record.TargetsFor(request.Link.Priority);
        if (!covered.IsSuccess)
        {
            return covered.AsFailure<Versioned<Contract>>();
        }

        Contract? ola = null;
        if (request.Link.Ola is { } olaId)
        {
            var stored = await contracts.GetAsync(tenant, olaId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return ContractTransition.Kind.NotFound<Versioned<Contract>>(olaId);
            }

            ola = stored.Record;
        }

        return await ContractTransition.ApplyAsync(contracts, request, c => c.LinkUnderpinning(request.Link, ola, request.Context.Actor, clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class GetSupplierHandler(ISupplierRepository suppliers) : IRequestHandler<GetSupplier, Result<Versioned<Supplier>>>
{
    public async Task<Result<Versioned<Supplier>>> Handle(GetSupplier request, CancellationToken cancellationToken) =>
        await suppliers.GetAsync(request.Context.Tenant, request.Supplier, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : ContractTransition.SupplierKind.NotFound<Versioned<Supplier>>(request.Supplier);
}

internal sealed class GetContractHandler(IContractRepository contracts) : IRequestHandler<GetContract, Result<Versioned<Contract>>>
{
    public async Task<Result<Versioned<Contract>>> Handle(GetContract request, CancellationToken cancellationToken) =>
        await contracts.GetAsync(request.Context.Tenant, request.Contract, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : ContractTransition.Kind.NotFound<Versioned<Contract>>(request.Contract);
}

internal sealed class ListContractsHandler(IContractRepository contracts) : IRequestHandler<ListContracts, Result<IReadOnlyList<Versioned<Contract>>>>
{
    public async Task<Result<IReadOnlyList<Versioned<Contract>>>> Handle(ListContracts request, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(request.Skip, request.Take);
        return page.IsSuccess
            ? Result<IReadOnlyList<Versioned<Contract>>>.Success(await contracts.ListAsync(request.Context.Tenant, new ContractsById(request.Supplier, request.States, page.Value), cancellationToken).ConfigureAwait(false))
            : page.AsFailure<IReadOnlyList<Versioned<Contract>>>();
    }
}

/// <summary>The contracts in force without notice, kept when the domain says their deadline is near.</summary>
internal sealed class ListContractsInNoticeHandler(IContractRepository contracts, IClock clock) : IRequestHandler<ListContractsInNotice, Result<IReadOnlyList<ContractNoticeDue>>>
{
    private static readonly ContractState[] Running = [ContractState.Active, ContractState.Renewed];

    public async Task<Result<IReadOnlyList<ContractNoticeDue>>> Handle(ListContractsInNotice request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var running = await contracts.ListAsync(request.Context.Tenant, new ContractsById(states: Running), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ContractNoticeDue> due = [.. running
            .Select(v => (v, Today: now.InZone(v.Record.Details.Zone).Date))
            .Where(x => x.Today <= ContractTerm.MaxSupportedDate && x.v.Record.IsNoticeDeadlineWithin(x.Today, request.Days))
            .Select(x => new ContractNoticeDue(x.v.Record, x.v.Version, x.v.Record.NextNoticeDeadline(x.Today)!.Value))
            .OrderBy(d => d.Deadline)
            .ThenBy(d => d.Contract.Id)];
        return Result<IReadOnlyList<ContractNoticeDue>>.Success(due);
    }
}

/// <summary>Loads the link's parts (contract, SLA, calendars, OLA), lets the contract build the chain, and runs the checker.</summary>
internal sealed class CheckUnderpinningHandler(IContractRepository contracts, ISlaDefinitionRepository slas, IBusinessCalendarSource calendars)
    : IRequestHandler<CheckUnderpinning, Result<UnderpinningReport>>
{
    public async Task<Result<UnderpinningReport>> Handle(CheckUnderpinning request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var contract = await contracts.GetAsync(tenant, request.Contract, cancellationToken).ConfigureAwait(false);
        if (contract is null)
        {
            return ContractTransition.Kind.NotFound<UnderpinningReport>(request.Contract);
        }

        if (contract.Record.UnderpinningOf(request.Sla, request.Priority) is not { } link)
        {
            return Failure.NotFound<UnderpinningReport>($"Contract {request.Contract} is not linked to SLA '{request.Sla}' at P{request.Priority}; link it first (LinkUnderpinning).", "supplier.contract.not-linked");
        }

        var sla = await slas.GetAsync(tenant, request.Sla, cancellationToken).ConfigureAwait(false);
        if (sla is null)
        {
            return Failure.NotFound<UnderpinningReport>($"There is no SLA definition '{request.Sla}'.", "sla.not-found");
        }

        var slaTargets = sla.Record.TargetsFor(request.Priority);
        var slaCalendar = await calendars.GetAsync(tenant, sla.Record.Calendar, cancellationToken).ConfigureAwait(false);
        var calendar = await calendars.GetAsync(tenant, contract.Record.Details.Calendar, cancellationToken).ConfigureAwait(false);
        var failed = new IResult[] { slaTargets, slaCalendar, calendar }.FirstOrDefault(r => !r.IsSuccess);
        if (failed is not null)
        {
            return failed.AsFailure<UnderpinningReport>();
        }

        Itsm.Core.Calendars.BusinessCalendar? olaCalendar = null;
        if (link.Ola is { } olaId)
        {
            var ola = await contracts.GetAsync(tenant, olaId, cancellationToken).ConfigureAwait(false);
            if (ola is null)
            {
                return ContractTransition.Kind.NotFound<UnderpinningReport>(olaId);
            }

            var compiled = await calendars.GetAsync(tenant, ola.Record.Details.Calendar, cancellationToken).ConfigureAwait(false);
            if (!compiled.IsSuccess)
            {
                return compiled.AsFailure<UnderpinningReport>();
            }

            olaCalendar = compiled.Value;
        }

        var chain = contract.Record.ChainFor(link, slaTargets.Value.Resolution, slaCalendar.Value, calendar.Value, olaCalendar);
        return chain.IsSuccess ? UnderpinningChecker.Check(chain.Value, request.Period) : chain.AsFailure<UnderpinningReport>();
    }
}
