using Itsm.Core.Common;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// What happens to an SLA clock's elapsed time and past breaches when its target changes (usually
/// because the incident's priority changed). A policy is a named value; the three standard ones
/// are <see cref="KeepElapsed"/> (the default), <see cref="Restart"/> and <see cref="Retroactive"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="KeepElapsed"/>: business time already elapsed counts against the new target from the
/// re-target instant on. A breach that already happened stands; if elapsed time already exceeds the
/// new target, the clock breaches at the re-target instant (or, when paused, when it resumes).</item>
/// <item><see cref="Restart"/>: elapsed time starts again from zero at the re-target instant; a breach that
/// already happened stands.</item>
/// <item><see cref="Retroactive"/>: the clock is evaluated as if the new target had applied from the start:
/// earlier targets are forgotten, including breaches that only happened under them, and a breach the
/// new target implies in the past is dated when it would have happened.</item>
/// </list>
/// Immutable and thread-safe; compare by reference or <see cref="Name"/>.
/// </remarks>
public sealed class SlaRetargetPolicy
{
    private SlaRetargetPolicy(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>Keep elapsed time against the new target (the default).</summary>
    public static SlaRetargetPolicy KeepElapsed { get; } = new("keep-elapsed", "elapsed business time is kept and measured against the new target");

    /// <summary>Start counting again from zero at the re-target instant.</summary>
    public static SlaRetargetPolicy Restart { get; } = new("restart", "elapsed business time restarts from zero");

    /// <summary>Evaluate as if the new target had applied from the start.</summary>
    public static SlaRetargetPolicy Retroactive { get; } = new("retroactive", "the new target applies as if from the start");

    /// <summary>The policy's stable name: <c>keep-elapsed</c>, <c>restart</c> or <c>retroactive</c>.</summary>
    public string Name { get; }

    /// <summary>A sentence describing the policy, for explanations.</summary>
    public string Description { get; }

    /// <summary>The standard policies.</summary>
    public static IReadOnlyList<SlaRetargetPolicy> All { get; } = [KeepElapsed, Restart, Retroactive];

    /// <summary>Finds a standard policy by its <see cref="Name"/>; Invalid naming <paramref name="field"/> when unknown.</summary>
    public static Result<SlaRetargetPolicy> FromName(string? name, string field = "RetargetPolicy")
    {
        foreach (var policy in All)
        {
            if (string.Equals(policy.Name, name, StringComparison.Ordinal))
            {
                return policy;
            }
        }

        return Result<SlaRetargetPolicy>.Invalid(Failure.Field(field, $"Unknown re-target policy '{name}'; use one of {string.Join(", ", All.Select(p => p.Name))}.", "sla.retarget-policy.unknown"));
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
