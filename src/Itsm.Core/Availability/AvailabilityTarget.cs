using System.Globalization;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Availability;

/// <summary>
/// An agreed availability target for a service, such as 99.5 % of agreed service time, and how a
/// measured period attains it (<see cref="Assess"/>).
/// </summary>
/// <remarks>
/// Valid by construction: the target lies in (0, 1]. Immutable and thread-safe; a class, so there is no <c>default</c>.
/// </remarks>
public sealed class AvailabilityTarget
{
    private AvailabilityTarget(ConfigurationItemId service, double target)
    {
        Service = service;
        Target = target;
    }

    /// <summary>The service the target is agreed for.</summary>
    public ConfigurationItemId Service { get; }

    /// <summary>The target availability, in (0, 1].</summary>
    public double Target { get; }

    /// <summary>
    /// A target of <paramref name="target"/> for <paramref name="service"/>; a target outside (0, 1] (or not a
    /// number) gives <see cref="ResultStatus.Invalid"/> with <c>availability.target.invalid</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="service"/> is <c>default</c>.</exception>
    public static Result<AvailabilityTarget> Create(ConfigurationItemId service, double target)
    {
        Preconditions.CheckArgument(service.Value is not null, nameof(service), "The service must be assigned.");
        return target is > 0 and <= 1
            ? new AvailabilityTarget(service, target)
            : Result<AvailabilityTarget>.Invalid(Failure.Field("target", $"The availability target {target.ToString(CultureInfo.InvariantCulture)} of '{service}' is not in (0, 1]; 99.5 % is 0.995.", "availability.target.invalid"));
    }

    /// <summary>
    /// How <paramref name="figures"/> attain the target when it was in force throughout their period: an attainment of one part
    /// (<see cref="AvailabilityAttainment.Compose"/> explains the figures). A period without agreed time meets any target. A figure of
    /// another service gives <c>availability.target.service</c> (Invalid).
    /// </summary>
    public Result<AvailabilityAttainment> Assess(ServiceAvailability figures)
    {
        if (figures.Service != Service)
        {
            return Result<AvailabilityAttainment>.Invalid(Failure.Field("figures", $"The figures are of '{figures.Service}', the target of '{Service}'.", "availability.target.service"));
        }

        return AvailabilityAttainment.Compose(Service, figures.Period, [new AvailabilityAttainmentPart(Target, figures)]);
    }

    /// <summary>Returns, for example, <c>shop: 0.995</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Service}: {Target}");
}
