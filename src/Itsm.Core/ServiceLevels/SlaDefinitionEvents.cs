using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>Something that happened to an SLA definition: its history, one record per accepted change, each holding the terms it set.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="Terms">The definition's terms from then on (a snapshot without history).</param>
public abstract record SlaDefinitionEvent(Instant At, UserId By, SlaDefinitionSnapshot Terms);

/// <summary>The SLA was defined with <paramref name="Terms"/>.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who defined it.</param>
/// <param name="Terms">Its first terms.</param>
public sealed record SlaDefined(Instant At, UserId By, SlaDefinitionSnapshot Terms) : SlaDefinitionEvent(At, By, Terms);

/// <summary>The SLA's terms were revised to <paramref name="Terms"/>.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who revised it.</param>
/// <param name="Terms">Its new terms.</param>
public sealed record SlaRevised(Instant At, UserId By, SlaDefinitionSnapshot Terms) : SlaDefinitionEvent(At, By, Terms);
