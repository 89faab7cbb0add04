using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using MediatR;
using NodaTime;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>The names and codes every agreement command answers with.</summary>
internal static class AgreementKinds
{
    /// <summary>Error code of an unknown agreement id.</summary>
    public const string NotFoundCode = "agreement.not-found";

    /// <summary>Error code of a stale expected version.</summary>
    public const string VersionConflictCode = "agreement.version-conflict";

    /// <summary>Error code of a covered service without the offering named.</summary>
    public const string OfferingUnknownCode = "agreement.offering.unknown";

    public static readonly AggregateKind Agreement = new AggregateKind("Agreement").NotFoundAs(NotFoundCode).StaleAs(VersionConflictCode);
}

/// <summary>Checks every covered service is in the catalogue with its offering, then drafts the agreement or its new version.</summary>
internal sealed class DraftAgreementHandler(IAgreementRepository agreements, ICatalogueServiceRepository services, IClock clock) : IRequestHandler<DraftAgreement, Result<Versioned<ServiceLevelAgreement>>>
{
    public async Task<Result<Versioned<ServiceLevelAgreement>>> Handle(DraftAgreement request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        foreach (var covered in request.Coverage.Distinct().Order())
        {
            if (await services.GetAsync(tenant, covered.Service, cancellationToken).ConfigureAwait(false) is not { } service)
            {
                return ServiceKinds.Service.NotFound<Versioned<ServiceLevelAgreement>>(covered.Service);
            }

            if (service.Record.OfferingNamed(covered.Offering) is null)
            {
                return Result<Versioned<ServiceLevelAgreement>>.Invalid(Failure.Field(
                    "Coverage",
                    $"Service {covered.Service} has no offering '{covered.Offering}'; its offerings are: {(service.Record.Offerings.IsEmpty ? "none yet" : string.Join(", ", service.Record.Offerings.Select(o => o.Name)))}.",
                    AgreementKinds.OfferingUnknownCode));
            }
        }

        var terms = new AgreementTerms(request.Title, [.. request.Coverage], request.EffectiveFrom, request.ReviewIntervalMonths);
        var now = clock.GetCurrentInstant();
        if (request.Agreement is { } existing)
        {
            return await AggregateCommands.ApplyAsync(
                agreements, AgreementKinds.Agreement, tenant, existing, request.ExpectedVersion, agreement => agreement.DraftVersion(terms, request.Context.Actor, now), cancellationToken).ConfigureAwait(false);
        }

        var policy = AgreementRetargetPolicy.FromName(request.RetargetPolicy);
        if (!policy.IsSuccess)
        {
            return policy.AsFailure<Versioned<ServiceLevelAgreement>>();
        }

        var drafted = ServiceLevelAgreement.Draft(AgreementId.New(), request.Customer, DateTimeZoneProviders.Tzdb[request.Zone], policy.Value, terms, request.Context.Actor, now);
        return await AggregateCommands.AddAsync(agreements, tenant, drafted, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The shape of every command on an existing agreement: load, check the version, one domain call, save, answer.</summary>
internal abstract class AgreementCommandHandler<TCommand>(IAgreementRepository agreements, IClock clock) : IRequestHandler<TCommand, Result<Versioned<ServiceLevelAgreement>>>
    where TCommand : AgreementCommand
{
    public Task<Result<Versioned<ServiceLevelAgreement>>> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return AggregateCommands.ApplyAsync(agreements, AgreementKinds.Agreement, request.Context.Tenant, request.Agreement, request.ExpectedVersion, agreement => Apply(agreement, request, now), cancellationToken);
    }

    protected abstract Result Apply(ServiceLevelAgreement agreement, TCommand command, Instant now);
}

internal sealed class SubmitAgreementForReviewHandler(IAgreementRepository agreements, IClock clock) : AgreementCommandHandler<SubmitAgreementForReview>(agreements, clock)
{
    protected override Result Apply(ServiceLevelAgreement agreement, SubmitAgreementForReview command, Instant now) => agreement.SubmitForReview(command.Context.Actor, now);
}

internal sealed class SignAgreementHandler(IAgreementRepository agreements, IClock clock) : AgreementCommandHandler<SignAgreement>(agreements, clock)
{
    protected override Result Apply(ServiceLevelAgreement agreement, SignAgreement command, Instant now) => agreement.Sign(command.Party, command.Context.Actor, now);
}

internal sealed class RecordAgreementReviewHandler(IAgreementRepository agreements, IClock clock) : AgreementCommandHandler<RecordAgreementReview>(agreements, clock)
{
    protected override Result Apply(ServiceLevelAgreement agreement, RecordAgreementReview command, Instant now) => agreement.RecordReview(command.Notes, command.Context.Actor, now);
}

internal sealed class TerminateAgreementHandler(IAgreementRepository agreements, IClock clock) : AgreementCommandHandler<TerminateAgreement>(agreements, clock)
{
    protected override Result Apply(ServiceLevelAgreement agreement, TerminateAgreement command, Instant now) => agreement.Terminate(command.Reason, command.Context.Actor, now);
}

internal sealed class GetAgreementHandler(IAgreementRepository agreements, IClock clock) : IRequestHandler<GetAgreement, Result<AgreementReading>>
{
    public async Task<Result<AgreementReading>> Handle(GetAgreement request, CancellationToken cancellationToken)
    {
        if (await agreements.GetAsync(request.Context.Tenant, request.Agreement, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return AgreementKinds.Agreement.NotFound<AgreementReading>(request.Agreement);
        }

        var at = request.At ?? clock.GetCurrentInstant();
        return new AgreementReading(found, at, found.Record.VersionInForceAt(at));
    }
}

internal sealed class ListAgreementsDueForReviewHandler(IAgreementRepository agreements, IClock clock) : IRequestHandler<ListAgreementsDueForReview, Result<IReadOnlyList<AgreementReviewDue>>>
{
    public async Task<Result<IReadOnlyList<AgreementReviewDue>>> Handle(ListAgreementsDueForReview request, CancellationToken cancellationToken)
    {
        var at = request.At ?? clock.GetCurrentInstant();
        var all = await agreements.ListAsync(request.Context.Tenant, null, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AgreementReviewDue> due =
        [
            .. all.Select(v => v.Record)
                .Where(a => a.IsReviewDueAt(at))
                .Select(a => new AgreementReviewDue(a.Id, a.Customer, a.Versions.Last(v => v.IsSigned).Terms.Title, a.NextReviewOn!.Value, a.IsReviewOverdueAt(at)))
                .OrderBy(d => d.NextReviewOn).ThenBy(d => d.Agreement),
        ];
        return Result.Success(due);
    }
}
