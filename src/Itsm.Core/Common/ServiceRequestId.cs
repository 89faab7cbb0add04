namespace Itsm.Core.Common;

/// <summary>Identifies a service request (something a user asked for from the request catalogue).</summary>
/// <remarks>
/// A GUID identifier assigned by the library (<see cref="New"/>) or restored from storage
/// (<see cref="From"/>). Immutable and thread-safe. <c>default</c> wraps <see cref="Guid.Empty"/>,
/// the unassigned identifier, which nothing in the library accepts.
/// </remarks>
public readonly record struct ServiceRequestId : IGuidIdentifier<ServiceRequestId>, IComparable<ServiceRequestId>, IComparable
{
    private ServiceRequestId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <summary>A new, unique identifier (a version 7 GUID: time-ordered to the millisecond, which keeps database indexes compact).</summary>
    public static ServiceRequestId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public static ServiceRequestId From(Guid value) => new(Identifier.ValidGuid(value, nameof(ServiceRequestId)));

    /// <summary>Parses untrusted text; an invalid text gives <see cref="ResultStatus.Invalid"/> naming <paramref name="field"/>.</summary>
    public static Result<ServiceRequestId> Parse(string? text, string field = nameof(ServiceRequestId)) => Identifier.ParseGuid<ServiceRequestId>(text, field);

    /// <inheritdoc />
    public int CompareTo(ServiceRequestId other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another boxed <see cref="ServiceRequestId"/> as <see cref="CompareTo(ServiceRequestId)"/> does (null sorts first), so that untyped comparers such as <see cref="System.Collections.Comparer.Default"/> (and Ardalis's evaluator, which orders by boxed keys) order identifiers the same way.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="ServiceRequestId"/>.</exception>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        ServiceRequestId other => CompareTo(other),
        _ => throw new ArgumentException($"A ServiceRequestId can only be compared with another ServiceRequestId, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Returns the GUID in its 36-character form.</summary>
    public override string ToString() => Value.ToString("D");
}
