using Itsm.Core.Common;
using Itsm.Core.Incidents;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// A condition of a record that pauses an SLA's clocks, as a typed value: an incident state
/// (<see cref="OnHold"/> pauses on any hold), a hold reason (<see cref="AwaitingCustomer"/>,
/// <see cref="AwaitingSupplier"/>: pauses on that reason only), or a state of another record, by name
/// (<see cref="Named"/>), for processes whose lifecycle this library does not model.
/// </summary>
/// <remarks>
/// <para>
/// The stored form is <see cref="Name"/>, the same ordinal string the stores always held
/// (<c>"OnHold"</c>, <c>"AwaitingCustomer"</c>, <c>"AwaitingSupplier"</c>), so stored definitions read
/// unchanged. Equality and order are ordinal on <see cref="Name"/>.
/// </para>
/// <para>
/// <c>default</c> has no name and pauses nothing; <see cref="SlaDefinition.Create"/> refuses it. Immutable
/// and thread-safe.
/// </para>
/// </remarks>
public readonly struct SlaPause : IEquatable<SlaPause>, IComparable<SlaPause>
{
    private SlaPause(string name) => Name = name;

    /// <summary>An incident on hold, for either reason.</summary>
    public static SlaPause OnHold { get; } = Of(IncidentState.OnHold);

    /// <summary>An incident on hold waiting for the customer.</summary>
    public static SlaPause AwaitingCustomer { get; } = Of(HoldReason.AwaitingCustomer);

    /// <summary>An incident on hold waiting for a supplier.</summary>
    public static SlaPause AwaitingSupplier { get; } = Of(HoldReason.AwaitingSupplier);

    /// <summary>The stored name, compared ordinally; null for <c>default</c>.</summary>
    public string Name { get; }

    /// <summary>The pause of an incident in <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a defined state.</exception>
    public static SlaPause Of(IncidentState state) =>
        Enum.IsDefined(state) ? new(state.ToString()) : throw new ArgumentOutOfRangeException(nameof(state), state, "Not an incident state.");

    /// <summary>The pause of an incident on hold for <paramref name="reason"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is not a defined reason.</exception>
    public static SlaPause Of(HoldReason reason) =>
        Enum.IsDefined(reason) ? new(reason.ToString()) : throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a hold reason.");

    /// <summary>The pause named <paramref name="name"/>: a known incident state or hold reason, or a state of another record (ordinal, as given).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static SlaPause Named(string name)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(name), nameof(name), "A pausing state needs a name.");
        return new(name);
    }

    /// <summary>True when an incident put on hold for <paramref name="reason"/> is paused by this condition: it is <see cref="OnHold"/> or that reason.</summary>
    public bool PausesOn(HoldReason reason) => Name == OnHold.Name || Name == reason.ToString();

    /// <inheritdoc />
    public bool Equals(SlaPause other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SlaPause other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public int CompareTo(SlaPause other) => string.CompareOrdinal(Name, other.Name);

    /// <summary>Returns <see cref="Name"/> (empty for <c>default</c>).</summary>
    public override string ToString() => Name ?? string.Empty;

    /// <summary>True when both have the same name.</summary>
    public static bool operator ==(SlaPause left, SlaPause right) => left.Equals(right);

    /// <summary>True when the names differ.</summary>
    public static bool operator !=(SlaPause left, SlaPause right) => !left.Equals(right);

    /// <summary>Ordinal order of the names.</summary>
    public static bool operator <(SlaPause left, SlaPause right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal order of the names.</summary>
    public static bool operator <=(SlaPause left, SlaPause right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal order of the names.</summary>
    public static bool operator >(SlaPause left, SlaPause right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal order of the names.</summary>
    public static bool operator >=(SlaPause left, SlaPause right) => left.CompareTo(right) >= 0;
}
