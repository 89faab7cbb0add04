using Itsm.Core.Changes;
using Itsm.Core.Common;

namespace Itsm.Core.Tests.Changes;

/// <summary>A command a random sequence sends to a change request, legal or not at that point of its life.</summary>
public abstract record ChangeCommand
{
    public sealed record Submit : ChangeCommand;

    public sealed record Assess(RiskClass Risk) : ChangeCommand;

    public sealed record Decide(UserId Actor, ChangeAuthority Authority, bool Approve) : ChangeCommand;

    public sealed record Schedule : ChangeCommand;

    public sealed record Start : ChangeCommand;

    public sealed record Complete : ChangeCommand;

    public sealed record Fail(FailureRemediation Remediation) : ChangeCommand;

    public sealed record Review : ChangeCommand;

    public sealed record Close : ChangeCommand;
}

/// <summary>A change of <see cref="Type"/> raised and driven by <see cref="Commands"/> under CAB quorum <see cref="Quorum"/>.</summary>
public sealed record ChangeScenario(ChangeType Type, int Quorum, ChangeCommand[] Commands)
{
    public override string ToString() => $"{Type}, quorum {Quorum}: [{string.Join(", ", Commands.AsEnumerable())}]";
}

/// <summary>An emergency change driven by <see cref="Commands"/> under emergency quorum <see cref="Quorum"/>.</summary>
public sealed record EmergencyScenario(int Quorum, ChangeCommand[] Commands)
{
    public override string ToString() => $"quorum {Quorum}: [{string.Join(", ", Commands.AsEnumerable())}]";
}

/// <summary>A risk input and the same input with one more likelihood factor.</summary>
public sealed record WorsenedLikelihood(RiskInput Input, RiskInput Worse);

/// <summary>A risk input and the same input with more, or more severely, impacted services.</summary>
public sealed record RaisedImpact(RiskInput Input, RiskInput Worse);

/// <summary>Up to 25 planned changes over <see cref="Items"/> with windows in the first two days after T0.</summary>
public sealed record PlannedChangeSet(PlannedChange[] Changes)
{
    /// <summary>The items the changes touch: ci-0 .. ci-7.</summary>
    public static readonly ConfigurationItemId[] Items = [.. Enumerable.Range(0, 8).Select(i => ConfigurationItemId.From($"ci-{i}"))];

    public override string ToString() => $"[{string.Join(", ", Changes.AsEnumerable())}]";
}
