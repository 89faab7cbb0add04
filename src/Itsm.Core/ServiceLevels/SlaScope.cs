using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.ServiceLevels;

/// <summary>What an SLA definition covers: one service, for every customer of it or for one customer.</summary>
/// <param name="Service">The service (a business-service configuration item).</param>
/// <param name="Customer">The customer it is specific to, or null for every customer of the service.</param>
/// <remarks>Immutable value; thread-safe.</remarks>
public readonly record struct SlaScope(ConfigurationItemId Service, CustomerId? Customer = null);

/// <summary>
/// How an SLA definition's clocks behave: the warning thresholds, the conditions that pause them and what a
/// priority change does to a running clock. <see cref="Default"/> warns at 50, 75 and 90 %, pauses on nothing and
/// keeps the elapsed time (<see cref="SlaRetargetPolicy.KeepElapsed"/>).
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record SlaClockRules
{
    /// <summary>The rules of a definition that says nothing else.</summary>
    public static SlaClockRules Default { get; } = new();

    /// <summary>Warning thresholds as percentages of the target (1 to 100); 50, 75 and 90 unless set.</summary>
    public ImmutableArray<int> WarningThresholds { get; init; } = [50, 75, 90];

    /// <summary>The conditions that pause the clocks, such as <see cref="SlaPause.OnHold"/>; none unless set.</summary>
    public ImmutableArray<SlaPause> PausedBy { get; init; } = [];

    /// <summary>What a priority change does to running clocks; <see cref="SlaRetargetPolicy.KeepElapsed"/> unless set.</summary>
    public SlaRetargetPolicy RetargetPolicy { get; init; } = SlaRetargetPolicy.KeepElapsed;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
