using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Configuration;

/// <summary>
/// A named, immutable snapshot of the whole configuration (all items and the whole relationship
/// graph) captured at an instant, to compare later states against.
/// </summary>
/// <remarks>Immutable and thread-safe; there is no way to change a baseline once captured.</remarks>
public sealed class ConfigurationBaseline
{
    private ConfigurationBaseline(BaselineId id, string name, Instant capturedAt, UserId capturedBy, ConfigurationState state)
    {
        Id = id;
        Name = name;
        CapturedAt = capturedAt;
        CapturedBy = capturedBy;
        State = state;
    }

    /// <summary>The baseline's identifier.</summary>
    public BaselineId Id { get; }

    /// <summary>Its name, for example <c>2026-Q4 release</c>.</summary>
    public string Name { get; }

    /// <summary>When it was captured.</summary>
    public Instant CapturedAt { get; }

    /// <summary>Who captured it.</summary>
    public UserId CapturedBy { get; }

    /// <summary>The configuration it records, with its content hash.</summary>
    public ConfigurationState State { get; }

    /// <summary>The content hash of <see cref="State"/>.</summary>
    public string ContentHash => State.ContentHash;

    /// <summary>Captures <paramref name="state"/> under <paramref name="name"/>; a bad name gives <see cref="ResultStatus.Invalid"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="capturedBy"/> is <c>default</c>.</exception>
    public static Result<ConfigurationBaseline> Capture(BaselineId id, string name, Instant capturedAt, UserId capturedBy, ConfigurationState state)
    {
        Preconditions.CheckNotNull(state);
        Preconditions.CheckArgument(id.Value != Guid.Empty, nameof(id), "The baseline id must be assigned.");
        Preconditions.CheckArgument(capturedBy.Value is not null, nameof(capturedBy), "The capturing user must be assigned.");
        if (Identifier.CheckText(name) is { } problem)
        {
            return Result<ConfigurationBaseline>.Invalid(Failure.Field("name", $"A baseline name {problem}", "cmdb.baseline.name"));
        }

        return new ConfigurationBaseline(id, name, capturedAt, capturedBy, state);
    }

    /// <summary>What changed from this baseline to <paramref name="current"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="current"/> is null.</exception>
    public ConfigurationDiff CompareWith(ConfigurationState current) => ConfigurationDiff.Between(State, current);
}
