using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Suppliers;

/// <summary>Whether a <see cref="Supplier"/> is an outside company or a group of the provider's own organisation.</summary>
/// <remarks><c>default</c> is <see cref="External"/>.</remarks>
public enum SupplierKind
{
    /// <summary>An outside supplier, bound by underpinning contracts.</summary>
    External = 0,

    /// <summary>An internal support group, bound by operational level agreements.</summary>
    InternalGroup = 1,
}

/// <summary>A person to reach at a supplier.</summary>
/// <remarks>Immutable and thread-safe; constructed only validated (the constructor throws on blank text), and <see cref="Supplier.Register"/> answers Invalid instead.</remarks>
public sealed record SupplierContact
{
    /// <summary>Creates a contact.</summary>
    /// <param name="name">Who, never blank.</param>
    /// <param name="email">An e-mail address, or null.</param>
    /// <param name="phone">A telephone number, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or not trimmed, or <paramref name="email"/> or <paramref name="phone"/> is blank.</exception>
    public SupplierContact(string name, string? email, string? phone)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckArgument(Supplier.IsText(name), nameof(name), "A supplier contact needs a trimmed name without control characters.");
        Preconditions.CheckArgument(email is null || Supplier.IsText(email), nameof(email), "A contact's e-mail address, when given, must be trimmed text.");
        Preconditions.CheckArgument(phone is null || Supplier.IsText(phone), nameof(phone), "A contact's telephone number, when given, must be trimmed text.");
        Name = name;
        Email = email;
        Phone = phone;
    }

    /// <summary>Who.</summary>
    public string Name { get; }

    /// <summary>An e-mail address, or null.</summary>
    public string? Email { get; }

    /// <summary>A telephone number, or null.</summary>
    public string? Phone { get; }
}

/// <summary>What a supplier is and whom and what it supports: the part <see cref="Supplier.Register"/> and <see cref="Supplier.Revise"/> take.</summary>
/// <param name="Name">Its name, trimmed, never blank.</param>
/// <param name="Contacts">The people to reach there.</param>
/// <param name="Services">The business services it supports, distinct and ordered.</param>
/// <param name="Items">The configuration items it supports, distinct and ordered.</param>
public sealed record SupplierProfile(string Name, ImmutableArray<SupplierContact> Contacts, ImmutableArray<ConfigurationItemId> Services, ImmutableArray<ConfigurationItemId> Items)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Something that happened to a supplier record.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who did it.</param>
public abstract record SupplierEvent(Instant At, UserId By);

/// <summary>The supplier was registered with its profile.</summary>
public sealed record SupplierRegistered(Instant At, UserId By, SupplierProfile Profile) : SupplierEvent(At, By);

/// <summary>The supplier's profile (name, contacts, services, items) was revised.</summary>
public sealed record SupplierRevised(Instant At, UserId By, SupplierProfile Profile) : SupplierEvent(At, By);

/// <summary>
/// A supplier (an outside company) or an internal support group: its name, its contacts, the services and
/// configuration items it supports, and the history of its record. Contracts name it (<see cref="Contract.Supplier"/>).
/// </summary>
/// <remarks>
/// <para>
/// Every member but the identity and the kind is derived from <see cref="History"/>: registered once, then revised
/// any number of times, each revision a whole new profile, never back in time (<c>supplier.time-order</c>).
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed class Supplier
{
    /// <summary>Error code of a stored supplier whose history does not fit (<see cref="Restore"/>).</summary>
    public const string HistoryCode = "supplier.history";

    /// <summary>Error code of a revision at an instant before the supplier's latest record.</summary>
    public const string TimeOrderCode = "supplier.time-order";

    private Supplier(SupplierId id, SupplierKind kind, SupplierRegistered registered)
    {
        Id = id;
        Kind = kind;
        Profile = registered.Profile;
        RegisteredAt = registered.At;
        History = [registered];
    }

    /// <summary>The supplier's identifier.</summary>
    public SupplierId Id { get; }

    /// <summary>An outside supplier or an internal group.</summary>
    public SupplierKind Kind { get; }

    /// <summary>Its current profile.</summary>
    public SupplierProfile Profile { get; private set; }

    /// <summary>Its name.</summary>
    public string Name => Profile.Name;

    /// <summary>When it was registered.</summary>
    public Instant RegisteredAt { get; }

    /// <summary>Everything that happened, oldest first, from <see cref="SupplierRegistered"/> on.</summary>
    public ImmutableList<SupplierEvent> History { get; private set; }

    /// <summary>The kind of contract it is bound by: underpinning contracts for outside suppliers, OLAs for internal groups.</summary>
    public ContractKind ContractKind => Kind == SupplierKind.InternalGroup ? ContractKind.OperationalLevelAgreement : ContractKind.UnderpinningContract;

    /// <summary>
    /// Registers a supplier. Invalid (<c>supplier.name</c>) for a blank name, (<c>supplier.kind</c>) for an undefined kind,
    /// (<c>supplier.identifier</c>) for an unassigned identifier, service or item.
    /// </summary>
    /// <param name="id">Its identifier.</param>
    /// <param name="kind">Outside supplier or internal group.</param>
    /// <param name="name">Its name.</param>
    /// <param name="contacts">Its contacts (may be empty).</param>
    /// <param name="services">The services it supports.</param>
    /// <param name="items">The configuration items it supports.</param>
    /// <param name="by">Who registers it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    public static Result<Supplier> Register(SupplierId id, SupplierKind kind, string? name, IEnumerable<SupplierContact> contacts, IEnumerable<ConfigurationItemId> services, IEnumerable<ConfigurationItemId> items, UserId by, Instant at)
    {
        var profile = ProfileOf(name, contacts, services, items, id.Value is not null && by.Value is not null, out var errors);
        if (!Enum.IsDefined(kind))
        {
            errors.Add(Failure.Field("Kind", $"'{kind}' is not a supplier kind; use external or internal-group.", "supplier.kind"));
        }

        return errors.Count > 0 ? Result<Supplier>.Invalid(errors) : new Supplier(id, kind, new SupplierRegistered(at, by, profile!));
    }

    /// <summary>Replaces the profile; Invalid as for <see cref="Register"/>; Conflict (<c>supplier.time-order</c>) before the latest record.</summary>
    /// <param name="name">The new name.</param>
    /// <param name="contacts">The new contacts.</param>
    /// <param name="services">The services it now supports.</param>
    /// <param name="items">The items it now supports.</param>
    /// <param name="by">Who revises it.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentNullException">A collection is null.</exception>
    public Result Revise(string? name, IEnumerable<SupplierContact> contacts, IEnumerable<ConfigurationItemId> services, IEnumerable<ConfigurationItemId> items, UserId by, Instant at)
    {
        var profile = ProfileOf(name, contacts, services, items, by.Value is not null, out var errors);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        if (at < History[^1].At)
        {
            return Failure.Conflict($"Cannot revise supplier {Id} at {at}: its last change was at {History[^1].At}, and history does not run backwards.", TimeOrderCode);
        }

        Apply(new SupplierRevised(at, by, profile!));
        return Result.Success();
    }

    /// <summary>The stored form.</summary>
    public SupplierSnapshot ToSnapshot() => new(Id, Kind, RegisteredAt, History);

    /// <summary>
    /// Restores a supplier from its stored form, replaying the history: Invalid (<c>supplier.history</c>) when the history
    /// is empty, does not start with the registration at <see cref="SupplierSnapshot.RegisteredAt"/>, runs backwards, or holds a
    /// profile <see cref="Register"/> would refuse.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<Supplier> Restore(SupplierSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var name = $"Stored supplier {snapshot.Id}";
        string? wrong = snapshot.Id.Value is null || !Enum.IsDefined(snapshot.Kind) ? $"{name} has no identifier or an unknown kind {snapshot.Kind}."
            : snapshot.History is null || snapshot.History.IsEmpty ? $"{name} has no history; every stored supplier starts with its registration."
            : snapshot.History[0] is not SupplierRegistered r || r.At != snapshot.RegisteredAt ? $"{name}: history record 0 must be its registration at {snapshot.RegisteredAt}."
            : null;
        for (var i = 0; wrong is null && i < snapshot.History!.Count; i++)
        {
            var e = snapshot.History[i];
            wrong = e is null ? $"{name}: history record {i} is missing."
                : i > 0 && e is not SupplierRevised ? $"{name}: history record {i} ({e.GetType().Name}) is a second registration."
                : i > 0 && e.At < snapshot.History[i - 1].At ? $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} at {e.At} is earlier than the one before; history does not run backwards."
                : !IsValid(e) ? $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} holds a profile that registration would refuse."
                : null;
        }

        if (wrong is not null)
        {
            return Result<Supplier>.Invalid(Failure.Field(nameof(SupplierSnapshot.History), wrong, HistoryCode));
        }

        var supplier = new Supplier(snapshot.Id, snapshot.Kind, (SupplierRegistered)snapshot.History![0]);
        foreach (var e in snapshot.History.Skip(1))
        {
            supplier.Apply(e);
        }

        return supplier;
    }

    /// <summary>Returns the identifier, kind and name, for diagnostics.</summary>
    public override string ToString() => $"{Id} ({Kind}): {Name}";

    /// <summary>True for trimmed, non-blank text without control characters.</summary>
    internal static bool IsText(string text) => !string.IsNullOrWhiteSpace(text) && text == text.Trim() && !text.Any(char.IsControl);

    private static bool IsValid(SupplierEvent e)
    {
        var profile = e switch
        {
            SupplierRegistered r => r.Profile,
            SupplierRevised v => v.Profile,
            _ => null,
        };
        return profile is not null && e.By.Value is not null
            && ProfileOf(profile.Name, profile.Contacts.IsDefault ? null! : profile.Contacts, profile.Services.IsDefault ? null! : profile.Services, profile.Items.IsDefault ? null! : profile.Items, true, out _) is { } again
            && again.Name == profile.Name && again.Contacts.SequenceEqual(profile.Contacts)
            && again.Services.SequenceEqual(profile.Services) && again.Items.SequenceEqual(profile.Items);
    }

    private static SupplierProfile? ProfileOf(string? name, IEnumerable<SupplierContact>? contacts, IEnumerable<ConfigurationItemId>? services, IEnumerable<ConfigurationItemId>? items, bool identified, out List<ValidationError> errors)
    {
        errors = [];
        if (contacts is null || services is null || items is null)
        {
            errors.Add(Failure.Field(string.Empty, "A supplier's contacts, services and items must be given (empty lists are fine).", "supplier.identifier"));
            return null;
        }

        var people = contacts.ToImmutableArray();
        var supported = services.ToImmutableArray();
        var covered = items.ToImmutableArray();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Any(char.IsControl))
        {
            errors.Add(Failure.Field("Name", "A supplier needs a name without control characters.", "supplier.name"));
        }

        if (!identified || people.Any(c => c is null) || supported.Any(s => s.Value is null) || covered.Any(i => i.Value is null))
        {
            errors.Add(Failure.Field(string.Empty, "The supplier id, its contacts, services and items and the acting user must be assigned.", "supplier.identifier"));
        }

        return errors.Count > 0
            ? null
            : new SupplierProfile(name!.Trim(), people, [.. supported.Distinct().Order()], [.. covered.Distinct().Order()]);
    }

    private void Apply(SupplierEvent e)
    {
        if (e is SupplierRevised revised)
        {
            Profile = revised.Profile;
            History = History.Add(e);
        }
    }
}

/// <summary>A supplier's stored form: its identity and its history; every other member is its history replayed.</summary>
/// <param name="Id">The supplier's identifier.</param>
/// <param name="Kind">Outside supplier or internal group.</param>
/// <param name="RegisteredAt">When it was registered.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record SupplierSnapshot(SupplierId Id, SupplierKind Kind, Instant RegisteredAt, ImmutableList<SupplierEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
