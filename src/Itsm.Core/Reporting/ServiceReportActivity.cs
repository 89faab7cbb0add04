using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Problems;
using NodaTime;

namespace Itsm.Core.Reporting;

/// <summary>
/// What problem and change management did for a service in a report's period: problems logged, resolved and
/// closed, known errors published and withdrawn (fixed or retired), and changes implemented and failed.
/// </summary>
/// <remarks>
/// <para>
/// Each count is of events inside the half-open period: a problem logged on the last day of the month and closed
/// the next counts as opened in the one and closed in the other. Problems count when they are on the service;
/// known errors when the service is among their <see cref="KnownError.Services"/>; changes when they touch the
/// service or an item it depends on and their implementation ended in the period. A change that ended with a
/// remediation (backed out or fixed forward) is failed; one that ended without is implemented.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="ProblemsOpened">Problems on the service logged in the period.</param>
/// <param name="ProblemsResolved">Problems on the service resolved in the period (the last resolution, for one reopened and resolved again).</param>
/// <param name="ProblemsClosed">Problems on the service closed in the period.</param>
/// <param name="KnownErrorsPublished">Known errors of the service published in the period.</param>
/// <param name="KnownErrorsWithdrawn">Known errors of the service marked fixed or retired in the period.</param>
/// <param name="ChangesImplemented">Changes on the service's items whose implementation ended successfully in the period.</param>
/// <param name="ChangesFailed">Changes on the service's items whose implementation failed in the period.</param>
public sealed record ServiceReportActivity(
    int ProblemsOpened, int ProblemsResolved, int ProblemsClosed, int KnownErrorsPublished, int KnownErrorsWithdrawn, int ChangesImplemented, int ChangesFailed)
{
    /// <summary>No activity at all.</summary>
    public static ServiceReportActivity None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Counts the activity of <paramref name="service"/> in <paramref name="period"/>.</summary>
    /// <param name="service">The business service reported on.</param>
    /// <param name="period">The half-open period.</param>
    /// <param name="problems">Problems to consider; those on other services are ignored.</param>
    /// <param name="knownErrors">Known errors to consider; those not naming the service are ignored.</param>
    /// <param name="changes">Changes already selected as touching the service or an item it depends on; those that did not end in the period are ignored.</param>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    public static ServiceReportActivity Of(
        ConfigurationItemId service, Interval period, IEnumerable<Problem> problems, IEnumerable<KnownError> knownErrors, IEnumerable<ChangeRequestSnapshot> changes)
    {
        Preconditions.CheckNotNull(problems);
        Preconditions.CheckNotNull(knownErrors);
        Preconditions.CheckNotNull(changes);
        var onService = problems.Where(p => p.Service == service).ToList();
        var errors = knownErrors.Where(k => k.Services.Contains(service)).ToList();
        var ended = changes.Where(c => c.ImplementationEndedAt is { } at && period.Contains(at)).ToList();
        return new ServiceReportActivity(
            ProblemsOpened: onService.Count(p => period.Contains(p.LoggedAt)),
            ProblemsResolved: onService.Count(p => p.ResolvedAt is { } at && period.Contains(at)),
            ProblemsClosed: onService.Count(p => p.History.OfType<ProblemClosed>().Any(e => period.Contains(e.At))),
            KnownErrorsPublished: errors.Count(k => k.History.OfType<KnownErrorPublished>().Any(e => period.Contains(e.At))),
            KnownErrorsWithdrawn: errors.Count(k => k.History.Any(e => e is KnownErrorFixed or KnownErrorRetired && period.Contains(e.At))),
            ChangesImplemented: ended.Count(c => c.Remediation is null),
            ChangesFailed: ended.Count(c => c.Remediation is not null));
    }
}
