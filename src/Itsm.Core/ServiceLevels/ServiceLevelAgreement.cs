using System.Collections.Immutable;
using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.ServiceLevels;

/// <summary>
/// A service level agreement with one customer over services and their offerings, kept in versions: each drafted, reviewed,
/// signed by both sides and in force from its effective date until the next version's, or the agreement's termination.
/// </summary>
/// <remarks>
/// <para>
/// <b>Versions.</b> Draft -> UnderReview -> Signed (both sides, by two different people) -> in force from the start of its
/// effective date in the agreement's <see cref="Zone"/> -> Superseded (a later version is signed) or Terminated. A signed
/// version is frozen: a change is a new version (<see cref="DraftVersion"/>), drafted only once the latest is signed. Each new
/// version takes effect strictly after the version before it, and no earlier than it is signed (the past is not rewritten),
/// so the validity intervals of one agreement's versions never overlap and <see cref="VersionInForceAt"/> is unique.
/// </para>
/// <para>
/// <b>Reviews.</b> Every version names its review interval; the next review is due that many months after the later of the
/// latest signed version's effective date and the last review held (<see cref="NextReviewOn"/>).
/// </para>
/// <para>
/// <b>One convention for every transition</b>: its own inputs first, then the acting user, then the instant. It checks the
/// state first (<c>agreement.illegal-transition</c>), then the time (<c>agreement.time-order</c>), then its input and rules; it
/// either appends exactly one <see cref="AgreementEvent"/> to <see cref="History"/> or returns a failure and changes nothing.
/// Every member but the identity is derived from the history.
/// </para>
/// <para>Not thread-safe: load, change and save it within one request.</para>
/// </remarks>
public sealed partial class ServiceLevelAgreement
{
    /// <summary>The longest title, notes or reason an agreement holds.</summary>
    public const int MaxTextLength = 4000;

    private readonly List<AgreementVersion> versions = [];

    private ServiceLevelAgreement(AgreementId id, AgreementDrafted drafted)
    {
        Id = id;
        Customer = drafted.Customer;
        Zone = drafted.Zone;
        RetargetPolicy = drafted.RetargetPolicy;
        DraftedAt = drafted.At;
        versions.Add(new AgreementVersion(1, drafted.Terms, AgreementVersionStatus.Draft, [], null, null));
        History = [drafted];
    }

    /// <summary>The agreement's identifier.</summary>
    public AgreementId Id { get; }

    /// <summary>The customer it is with.</summary>
    public CustomerId Customer { get; }

    /// <summary>The time zone its effective dates and review dates are read in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Which version a running clock is measured against when a new one comes into force (<see cref="VersionFor"/>).</summary>
    public AgreementRetargetPolicy RetargetPolicy { get; }

    /// <summary>When it was first drafted.</summary>
    public Instant DraftedAt { get; }

    /// <summary>Where it is, as its latest version says.</summary>
    public AgreementState State { get; private set; }

    /// <summary>Its versions, oldest (number 1) first.</summary>
    public IReadOnlyList<AgreementVersion> Versions => versions;

    /// <summary>The latest version.</summary>
    public AgreementVersion Latest => versions[^1];

    /// <summary>The local date of the last review held, or null before the first.</summary>
    public LocalDate? LastReviewedOn { get; private set; }

    /// <summary>Everything that happened, oldest first, from <see cref="AgreementDrafted"/> on.</summary>
    public ImmutableList<AgreementEvent> History { get; private set; }

    /// <summary>
    /// When the next review is due: the review interval of the latest signed version after the later of its effective date and
    /// the last review; null before a version is signed and after termination.
    /// </summary>
    public LocalDate? NextReviewOn =>
        State == AgreementState.Terminated || versions.LastOrDefault(v => v.IsSigned) is not { } signed
            ? null
            : (LastReviewedOn is { } last && last > signed.Terms.EffectiveFrom ? last : signed.Terms.EffectiveFrom).PlusMonths(signed.Terms.ReviewIntervalMonths);

    /// <summary>The version in force at <paramref name="instant"/>, or null when none is: at most one ever is.</summary>
    public AgreementVersion? VersionInForceAt(Instant instant) => versions.FirstOrDefault(v => v.IsInForceAt(instant));

    /// <summary>
    /// The version whose targets govern, at <paramref name="at"/>, a clock started at <paramref name="clockStarted"/>: under
    /// <see cref="AgreementRetargetPolicy.KeepStartingVersion"/> the version in force when it started, under
    /// <see cref="AgreementRetargetPolicy.Retarget"/> the one in force at <paramref name="at"/>; null when that is none.
    /// </summary>
    public AgreementVersion? VersionFor(Instant clockStarted, Instant at) =>
        VersionInForceAt(ReferenceEquals(RetargetPolicy, AgreementRetargetPolicy.Retarget) ? at : clockStarted);

    /// <summary>True when a review is due on or before the local date of <paramref name="at"/> in <see cref="Zone"/>.</summary>
    public bool IsReviewDueAt(Instant at) => NextReviewOn is { } next && next <= at.InZone(Zone).Date;

    /// <summary>True when the review due is already past: due before the local date of <paramref name="at"/>.</summary>
    public bool IsReviewOverdueAt(Instant at) => NextReviewOn is { } next && next < at.InZone(Zone).Date;

    /// <summary>
    /// Drafts an agreement with its first version. Invalid naming each bad part: unassigned identifiers, customer, zone, policy
    /// or acting user (<c>agreement.identifier</c>); terms without a title, without services, with a service twice, an
    /// offering that is not a valid name, or a review interval outside 1 to 120 months (<c>agreement.terms</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> is null.</exception>
    public static Result<ServiceLevelAgreement> Draft(AgreementId id, CustomerId customer, DateTimeZone zone, AgreementRetargetPolicy retargetPolicy, AgreementTerms terms, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(terms);
        var errors = TermsErrors(terms);
        if (id.Value == Guid.Empty || customer.Value is null || zone is null || retargetPolicy is null || by.Value is null)
        {
            errors.Insert(0, Failure.Field(string.Empty, "The agreement's id, customer, zone, re-target policy and the acting user must be assigned.", AgreementErrors.Identifier));
        }

        return errors.Count > 0 ? Result<ServiceLevelAgreement>.Invalid(errors) : new ServiceLevelAgreement(id, new AgreementDrafted(at, by, customer, zone!, retargetPolicy!, Normalise(terms)));
    }

    /// <summary>
    /// Drafts a new version (Signed -> Draft): Invalid as for <see cref="Draft"/>; Conflict (<c>agreement.effective-date</c>)
    /// unless it takes effect after the latest signed version and no earlier than <paramref name="at"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> is null.</exception>
    public Result DraftVersion(AgreementTerms terms, UserId by, Instant at)
    {
        Preconditions.CheckNotNull(terms);
        return Transit(new AgreementVersionDrafted(at, by, Normalise(terms)), "draft a new version of");
    }

    /// <summary>Submits the draft for review: Draft -> UnderReview.</summary>
    public Result SubmitForReview(UserId by, Instant at) => Transit(new AgreementSubmittedForReview(at, by), "submit for review");

    /// <summary>
    /// Signs the version under review for <paramref name="party"/>; the second side's signature signs it (UnderReview -> Signed),
    /// supersedes the version before it from its effective instant, and freezes it. Conflict when that side signed already
    /// (<c>agreement.signature.signed</c>), when the other side's signer signs (<c>agreement.signature.same-signer</c>), or when
    /// a later version would take effect before it is signed (<c>agreement.effective-date</c>).
    /// </summary>
    public Result Sign(AgreementParty party, UserId by, Instant at) => Transit(new AgreementSigned(at, by, party), "sign");

    /// <summary>Records a scheduled review (Draft, UnderReview, Signed; once a version is signed). Invalid (<c>agreement.review</c>) without notes.</summary>
    public Result RecordReview(string? notes, UserId by, Instant at) => Transit(new AgreementReviewed(at, by, notes?.Trim() ?? string.Empty), "review");

    /// <summary>
    /// Terminates the agreement at <paramref name="at"/> (-> Terminated, final): the version in force stops then, later signed
    /// versions never come into force, an unsigned version is abandoned. Invalid (<c>agreement.reason</c>) without a reason.
    /// </summary>
    public Result Terminate(string? reason, UserId by, Instant at) => Transit(new AgreementTerminated(at, by, reason?.Trim() ?? string.Empty), "terminate");

    /// <summary>The stored form.</summary>
    public AgreementSnapshot ToSnapshot() => new(Id, Customer, State, History);

    /// <summary>Returns the identifier, customer, state and latest version, for diagnostics.</summary>
    public override string ToString() => $"{Id} with {Customer} {State}: v{Latest.Number} {Latest.Terms.Title}";

    private static AgreementTerms Normalise(AgreementTerms t) => t with
    {
        Title = t.Title?.Trim() ?? string.Empty,
        Coverage = t.Coverage.IsDefault ? [] : [.. t.Coverage.Distinct().Order()],
    };

    private static List<ValidationError> TermsErrors(AgreementTerms t)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(t.Title) || t.Title.Length > MaxTextLength || t.Title.Any(char.IsControl))
        {
            errors.Add(Failure.Field("Title", $"An agreement version needs a title of at most {MaxTextLength} characters without control characters.", AgreementErrors.Terms));
        }

        if (t.Coverage.IsDefaultOrEmpty || t.Coverage.Any(c => c.Service.Value is null || Identifier.CheckText(c.Offering) is not null)
            || t.Coverage.Select(c => c.Service).Distinct().Count() != t.Coverage.Length)
        {
            errors.Add(Failure.Field("Coverage", "An agreement covers one or more services, each once, each at a named offering.", AgreementErrors.Terms));
        }

        if (t.ReviewIntervalMonths is < 1 or > AgreementTerms.MaxReviewIntervalMonths)
        {
            errors.Add(Failure.Field("ReviewIntervalMonths", $"An agreement is reviewed every 1 to {AgreementTerms.MaxReviewIntervalMonths} months, not every {t.ReviewIntervalMonths}.", AgreementErrors.Terms));
        }

        return errors;
    }

    private Instant EffectiveInstantOf(AgreementTerms terms) => Zone.AtStartOfDay(terms.EffectiveFrom).ToInstant();

    private Result Transit(AgreementEvent e, string action)
    {
        var allowed = Allowed(AgreementLifecycle.TransitionOf(e)!.Value, e.At, action);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        if (Rule(e) is { } broken)
        {
            return broken;
        }

        Apply(e);
        return Result.Success();
    }

    /// <summary>State first, then time.</summary>
    private Result Allowed(AgreementTransition via, Instant at, string action) =>
        AgreementLifecycle.Table.Require(State, via, action, $"agreement {Id}", History[^1].At, at, AgreementErrors.IllegalTransition, AgreementErrors.TimeOrder);

    /// <summary>What <paramref name="e"/> breaks of the agreement's own rules (the live commands and the replay share it), or null.</summary>
    private Result? Rule(AgreementEvent e)
    {
        if (e.By.Value is null)
        {
            return Failure.Invalid("By", "The acting user must be assigned.", AgreementErrors.Identifier);
        }

        switch (e)
        {
            case AgreementVersionDrafted d:
                if (d.Terms is null || TermsErrors(d.Terms) is { Count: > 0 } errors)
                {
                    return Result.Invalid(d.Terms is null ? [Failure.Field("Terms", "A version needs terms.", AgreementErrors.Terms)] : TermsErrors(d.Terms));
                }

                var previous = versions.Last(v => v.IsSigned);
                var effective = EffectiveInstantOf(d.Terms);
                return effective <= previous.EffectiveAt!.Value
                    ? Failure.Conflict($"Version {versions.Count + 1} of agreement {Id} must take effect after version {previous.Number} (effective {previous.Terms.EffectiveFrom}), not on {d.Terms.EffectiveFrom}.", AgreementErrors.EffectiveDate)
                    : effective < d.At
                        ? Failure.Conflict($"Version {versions.Count + 1} of agreement {Id} would take effect on {d.Terms.EffectiveFrom}, before it is drafted; the past is not rewritten: make it effective today or later.", AgreementErrors.EffectiveDate)
                        : null;
            case AgreementSigned s:
                var version = Latest;
                if (!Enum.IsDefined(s.Party))
                {
                    return Failure.Invalid("Party", "Sign for the provider or the customer.", AgreementErrors.Identifier);
                }

                if (version.Signatures.Any(g => g.Party == s.Party))
                {
                    return Failure.Conflict($"Version {version.Number} of agreement {Id} is signed for the {s.Party} already.", AgreementErrors.AlreadySigned);
                }

                if (version.Signatures.Any(g => g.By == s.By))
                {
                    return Failure.Conflict($"{s.By} signed version {version.Number} of agreement {Id} for the other side; each side signs by its own person.", AgreementErrors.SameSigner);
                }

                return version.Signatures.Length == 1 && version.Number > 1 && EffectiveInstantOf(version.Terms) < s.At
                    ? Failure.Conflict($"Version {version.Number} of agreement {Id} takes effect on {version.Terms.EffectiveFrom}, before this signature; draft a new version effective today or later.", AgreementErrors.EffectiveDate)
                    : null;
            case AgreementReviewed r:
                return !versions.Any(v => v.IsSigned)
                    ? Failure.Conflict($"Agreement {Id} has no signed version to review yet.", AgreementErrors.Review)
                    : r.Notes.Length is 0 or > MaxTextLength ? Failure.Invalid("Notes", $"Say what the review found, in at most {MaxTextLength} characters.", AgreementErrors.Review) : null;
            case AgreementTerminated t:
                return t.Reason.Length is 0 or > MaxTextLength ? Failure.Invalid("Reason", $"Say why the agreement is terminated, in at most {MaxTextLength} characters.", AgreementErrors.Reason) : null;
            default:
                return null;
        }
    }

    /// <summary>Makes the transition <paramref name="e"/> records; its checks were made before.</summary>
    private void Apply(AgreementEvent e)
    {
        switch (e)
        {
            case AgreementVersionDrafted d:
                versions.Add(new AgreementVersion(versions.Count + 1, d.Terms, AgreementVersionStatus.Draft, [], null, null));
                State = AgreementState.Draft;
                break;
            case AgreementSubmittedForReview:
                versions[^1] = Latest with { Status = AgreementVersionStatus.UnderReview };
                State = AgreementState.UnderReview;
                break;
            case AgreementSigned s:
                var signatures = Latest.Signatures.Add(new AgreementSignature(s.Party, s.By, s.At));
                if (signatures.Length < 2)
                {
                    versions[^1] = Latest with { Signatures = signatures };
                    break;
                }

                var effective = EffectiveInstantOf(Latest.Terms);
                for (var i = 0; i < versions.Count - 1; i++)
                {
                    if (versions[i].Status == AgreementVersionStatus.Signed)
                    {
                        versions[i] = versions[i] with { Status = AgreementVersionStatus.Superseded, EndsAt = effective };
                    }
                }

                versions[^1] = Latest with { Status = AgreementVersionStatus.Signed, Signatures = signatures, EffectiveAt = effective };
                State = AgreementState.Signed;
                break;
            case AgreementReviewed r:
                LastReviewedOn = r.At.InZone(Zone).Date;
                break;
            case AgreementTerminated t:
                for (var i = 0; i < versions.Count; i++)
                {
                    var v = versions[i];
                    if (!v.IsSigned)
                    {
                        versions[i] = v with { Status = AgreementVersionStatus.Terminated };
                    }
                    else if (v.EndsAt is not { } end || end > t.At)
                    {
                        versions[i] = v with { Status = AgreementVersionStatus.Terminated, EndsAt = v.EffectiveAt!.Value > t.At ? v.EffectiveAt : t.At };
                    }
                }

                State = AgreementState.Terminated;
                break;
        }

        History = History.Add(e);
    }
}

/// <summary>An agreement's stored form: its identity, customer, state and history; every other member is its history replayed.</summary>
/// <param name="Id">The agreement's identifier.</param>
/// <param name="Customer">The customer it is with (also in its first record).</param>
/// <param name="State">Where it is.</param>
/// <param name="History">Everything that happened, oldest first.</param>
public sealed record AgreementSnapshot(AgreementId Id, CustomerId Customer, AgreementState State, ImmutableList<AgreementEvent> History)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}
