using Itsm.Core.Common;

namespace Itsm.Core.ServiceCatalogue;

/// <content>Restoring a stored service by replaying its history.</content>
public sealed partial class CatalogueService
{
    private static readonly HistoryReplay<ServiceStatus, ServiceTransition, ServiceEvent> Replayer =
        new(ServiceLifecycle.Table, ServiceLifecycle.TransitionOf, e => e.At);

    /// <summary>
    /// Restores a service from its stored form, replaying its history through <see cref="ServiceLifecycle.Table"/> and the
    /// service's own rules (time order, profiles, offerings, reasons): Invalid (<c>service.history</c>) naming the first record
    /// that does not fit, or when the status differs from the history's. The gate is not re-run: it was met when recorded.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<CatalogueService> Restore(CatalogueServiceSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var problem = Replay(snapshot, out var restored);
        return problem is null
            ? restored!
            : Result<CatalogueService>.Invalid(Failure.Field(nameof(CatalogueServiceSnapshot.History), problem, ServiceCatalogueErrors.History));
    }

    private static string Describe(ServiceEvent? e) => e is null ? "missing" : $"{e.GetType().Name} by {e.By} at {e.At}";

    private static string? Replay(CatalogueServiceSnapshot s, out CatalogueService? restored)
    {
        restored = null;
        var name = $"Stored service {s.Id}";
        if (s.Id.Value is null || !Enum.IsDefined(s.Status))
        {
            return $"{name} has no identifier or an unknown status {s.Status}.";
        }

        if (s.History is null || s.History.IsEmpty || s.History[0] is not ServiceDefined defined || defined.By.Value is null || defined.Profile is null || defined.Policy is null)
        {
            return $"{name}: its history must start with its definition.";
        }

        if (ProfileErrors(defined.Profile).Count > 0 || !IsNormal(defined.Profile))
        {
            return $"{name}: history record 0 ({Describe(defined)}) holds a profile that definition would refuse.";
        }

        var service = new CatalogueService(s.Id, defined);
        var wrong = Replayer.Run(
            name,
            "service",
            s.History,
            () => service.Status,
            e => service.Rule(e) is { } broken ? string.Join(" ", broken.Errors.Concat(broken.ValidationErrors.Select(v => v.ErrorMessage)))
                : e is ServiceRevised r && !IsNormal(r.Profile) ? "holds a profile not in its normal form"
                : null,
            (e, _) => service.Apply(e),
            Describe);
        if (wrong is not null)
        {
            return wrong;
        }

        if (service.Status != s.Status)
        {
            return $"{name} is {s.Status}, but its history leaves it {service.Status}.";
        }

        restored = service;
        return null;
    }

    private static bool IsNormal(ServiceProfile p)
    {
        var n = Normalise(p);
        return !p.Customers.IsDefault && n.Name == p.Name && n.Description == p.Description && n.Customers.SequenceEqual(p.Customers);
    }
}
