using Itsm.Core.Common;

namespace Itsm.Core.Changes;

/// <summary>
/// The change authorities one user holds in a tenant (change manager, CAB member, emergency
/// authority): the tenant's reference data that <c>ApproveChange</c> and <c>RejectChange</c> read.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equal when user and authorities are equal. Valid by construction:
/// <see cref="Create"/> refuses an unassigned user, <see cref="ChangeAuthority.None"/> and flags
/// <see cref="ChangeAuthority"/> does not define, so a stored grant read back through it is checked
/// like input.
/// </remarks>
public sealed class ChangeAuthorityGrant : IEquatable<ChangeAuthorityGrant>
{
    /// <summary>Every authority a grant can hold.</summary>
    public const ChangeAuthority All = ChangeAuthority.ChangeManager | ChangeAuthority.ChangeAdvisoryBoard | ChangeAuthority.EmergencyAuthority;

    /// <summary>The code of an unassigned user.</summary>
    public const string UserCode = "change.authority.user";

    /// <summary>The code of an empty or undefined set of authorities.</summary>
    public const string AuthoritiesCode = "change.authority.invalid";

    private ChangeAuthorityGrant(UserId user, ChangeAuthority authorities)
    {
        User = user;
        Authorities = authorities;
    }

    /// <summary>Who holds the authorities.</summary>
    public UserId User { get; }

    /// <summary>What they hold: one or more of <see cref="All"/>, never <see cref="ChangeAuthority.None"/>.</summary>
    public ChangeAuthority Authorities { get; }

    /// <summary>The single authorities of <see cref="Authorities"/>, in flag order.</summary>
    public IReadOnlyList<ChangeAuthority> Each => Split(Authorities);

    /// <summary>
    /// A grant of <paramref name="authorities"/> to <paramref name="user"/>; Invalid (<see cref="UserCode"/>) for the
    /// unassigned user, Invalid (<see cref="AuthoritiesCode"/>) for <see cref="ChangeAuthority.None"/> or an undefined flag.
    /// </summary>
    public static Result<ChangeAuthorityGrant> Create(UserId user, ChangeAuthority authorities)
    {
        var errors = new List<ValidationError>();
        if (user.Value is null)
        {
            errors.Add(Failure.Field("User", "Say who holds the authority: the user is unassigned.", UserCode));
        }

        if (authorities == ChangeAuthority.None || (authorities & ~All) != 0)
        {
            errors.Add(Failure.Field(
                "Authorities",
                $"A grant holds one or more of ChangeManager, ChangeAdvisoryBoard and EmergencyAuthority, but was {(int)authorities} ({authorities}).",
                AuthoritiesCode));
        }

        return errors.Count == 0 ? new ChangeAuthorityGrant(user, authorities) : Result<ChangeAuthorityGrant>.Invalid(errors);
    }

    /// <summary>The single authorities of <paramref name="authorities"/> that <see cref="All"/> defines, in flag order.</summary>
    public static IReadOnlyList<ChangeAuthority> Split(ChangeAuthority authorities) =>
        [.. new[] { ChangeAuthority.ChangeManager, ChangeAuthority.ChangeAdvisoryBoard, ChangeAuthority.EmergencyAuthority }.Where(a => authorities.HasFlag(a))];

    /// <summary>True when the grant includes every flag of <paramref name="authority"/>.</summary>
    public bool Holds(ChangeAuthority authority) => authority != ChangeAuthority.None && Authorities.HasFlag(authority);

    /// <inheritdoc />
    public bool Equals(ChangeAuthorityGrant? other) => other is not null && User == other.User && Authorities == other.Authorities;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ChangeAuthorityGrant);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(User, Authorities);

    /// <summary>Reads as <c>bob holds ChangeManager, ChangeAdvisoryBoard</c>.</summary>
    public override string ToString() => $"{User} holds {string.Join(", ", Each)}";
}
