using System.Collections.Immutable;
using Itsm.Core.Common;

namespace Itsm.Core.Incidents;

/// <summary>
/// What priority rules may look at besides impact and urgency: who called, whether this is a
/// major incident, its category and service, and free-form flags a vendor's own rules understand.
/// </summary>
/// <remarks>Immutable. <see cref="None"/> is the empty set of facts.</remarks>
public sealed record IncidentFacts
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);

    /// <summary>No facts: no rule that depends on facts fires.</summary>
    public static IncidentFacts None { get; } = new();

    /// <summary>The caller is a VIP (the default <see cref="PriorityRule.VipCaller"/> raises urgency one step).</summary>
    public bool IsVipCaller { get; init; }

    /// <summary>The incident is declared a major incident (the default <see cref="PriorityRule.MajorIncident"/> forces P1).</summary>
    public bool IsMajorIncident { get; init; }

    /// <summary>The incident's category, if any.</summary>
    public string? Category { get; init; }

    /// <summary>The affected service, if known.</summary>
    public ConfigurationItemId? Service { get; init; }

    /// <summary>Flags for the vendor's own rules, compared ordinally.</summary>
    public ImmutableHashSet<string> Flags { get; init; } = ImmutableHashSet<string>.Empty;
}
