namespace Itsm.Core.ServiceCatalogue;

/// <summary>The stable error codes of the service catalogue; every one is listed in <c>docs/errors.md</c>.</summary>
public static class ServiceCatalogueErrors
{
    /// <summary>An action the service's current status does not allow.</summary>
    public const string IllegalTransition = "service.illegal-transition";

    /// <summary>An action at an instant before the service's latest record.</summary>
    public const string TimeOrder = "service.time-order";

    /// <summary>An unassigned identifier or acting user.</summary>
    public const string Identifier = "service.identifier";

    /// <summary>A blank name, or one with control characters.</summary>
    public const string Name = "service.name";

    /// <summary>A description with control characters other than line breaks.</summary>
    public const string Description = "service.description";

    /// <summary>An offering without a valid name, targets, or with a negative price.</summary>
    public const string Offering = "service.offering";

    /// <summary>A second offering with a name the service has already.</summary>
    public const string OfferingExists = "service.offering.exists";

    /// <summary>A go-live the acceptance gate refuses; the message lists every unmet criterion.</summary>
    public const string AcceptanceRefused = "service.acceptance-refused";

    /// <summary>A retirement without a reason.</summary>
    public const string Reason = "service.reason";

    /// <summary>An acceptance policy without a valid name, or with an invalid or repeated criterion.</summary>
    public const string Policy = "service.policy";

    /// <summary>A stored service whose history or status the lifecycle does not allow (<see cref="CatalogueService.Restore"/>).</summary>
    public const string History = "service.history";
}
