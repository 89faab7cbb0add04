using Itsm.Core.Common;

namespace Itsm.Core.Configuration;

/// <summary>
/// The class of a configuration item: what kind of thing it is (a business service, an
/// application, a server, ...). The well-known classes are static properties; a vendor defines
/// its own classes with <see cref="From"/>.
/// </summary>
/// <remarks>
/// A class is identified by its name, compared ordinally and case-insensitively (<c>Server</c> and
/// <c>server</c> are the same class); <see cref="Name"/> keeps the spelling it was created with.
/// Immutable and thread-safe. <c>default</c> has a null <see cref="Name"/> and is accepted nowhere.
/// </remarks>
public readonly struct ConfigurationItemClass : IEquatable<ConfigurationItemClass>
{
    private ConfigurationItemClass(string name) => Name = name;

    /// <summary>The class name, for example <c>business-service</c>.</summary>
    public string Name { get; }

    /// <summary>A business service: what customers consume and what criticality is stated for.</summary>
    public static ConfigurationItemClass BusinessService { get; } = new("business-service");

    /// <summary>An application or application component.</summary>
    public static ConfigurationItemClass Application { get; } = new("application");

    /// <summary>A database or database instance.</summary>
    public static ConfigurationItemClass Database { get; } = new("database");

    /// <summary>A physical server (host).</summary>
    public static ConfigurationItemClass Server { get; } = new("server");

    /// <summary>A virtual machine.</summary>
    public static ConfigurationItemClass VirtualMachine { get; } = new("virtual-machine");

    /// <summary>A cluster or other redundancy group.</summary>
    public static ConfigurationItemClass Cluster { get; } = new("cluster");

    /// <summary>A network device: switch, router, firewall, load balancer.</summary>
    public static ConfigurationItemClass NetworkDevice { get; } = new("network-device");

    /// <summary>Storage: an array, a volume, a file share.</summary>
    public static ConfigurationItemClass Storage { get; } = new("storage");

    /// <summary>True when this is <see cref="BusinessService"/>.</summary>
    public bool IsBusinessService => Equals(BusinessService);

    /// <summary>
    /// The class named <paramref name="name"/>: a well-known class when the name matches one
    /// (ignoring case, and accepting <c>_</c> or a space for <c>-</c>), otherwise a vendor-defined class.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid identifier text.</exception>
    public static ConfigurationItemClass From(string name)
    {
        var parsed = Parse(name);
        Preconditions.CheckArgument(parsed.IsSuccess, nameof(name), parsed.Message);
        return parsed.Value;
    }

    /// <summary>Parses untrusted text as a class; invalid text gives <see cref="ResultStatus.Invalid"/>.</summary>
    public static Result<ConfigurationItemClass> Parse(string? text, string field = "class")
    {
        var problem = Identifier.CheckText(text);
        if (problem is not null)
        {
            return Result<ConfigurationItemClass>.Invalid(Failure.Field(field, $"A configuration item class {problem}", "cmdb.class.invalid"));
        }

        var normalised = text!.Replace('_', '-').Replace(' ', '-');
        foreach (var known in WellKnown)
        {
            if (string.Equals(known.Name, normalised, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return new ConfigurationItemClass(text);
    }

    /// <summary>The well-known classes, in a stable order.</summary>
    public static IReadOnlyList<ConfigurationItemClass> WellKnown { get; } =
        [BusinessService, Application, Database, Server, VirtualMachine, Cluster, NetworkDevice, Storage];

    /// <inheritdoc />
    public bool Equals(ConfigurationItemClass other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConfigurationItemClass other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>Returns the class name.</summary>
    public override string ToString() => Name ?? string.Empty;

    /// <summary>Compares two classes by name, ignoring case.</summary>
    public static bool operator ==(ConfigurationItemClass left, ConfigurationItemClass right) => left.Equals(right);

    /// <summary>Compares two classes by name, ignoring case.</summary>
    public static bool operator !=(ConfigurationItemClass left, ConfigurationItemClass right) => !left.Equals(right);
}
