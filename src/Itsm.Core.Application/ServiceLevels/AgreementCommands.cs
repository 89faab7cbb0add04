using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Application.ServiceLevels;

/// <summary>
/// Drafts an agreement with <paramref name="Customer"/> (<see cref="ServiceLevelAgreement.Draft"/>), or, when
/// <see cref="Agreement"/> is set, a new version of that signed agreement (<see cref="ServiceLevelAgreement.DraftVersion"/>).
/// Every service covered must be in the catalogue with the offering named: NotFound (<c>service.not-found</c>), Invalid
/// (<c>agreement.offering.unknown</c>). Answers the agreement with its version.
/// </summary>
/// <param name="Context">Who drafts it, for which tenant.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Title">The version's title.</param>
/// <param name="Coverage">The services and offerings agreed.</param>
/// <param name="EffectiveFrom">The local date from whose start the version is in force.</param>
public sealed record DraftAgreement(RequestContext Context, CustomerId Customer, string Title, IReadOnlyList<AgreementCoverage> Coverage, LocalDate EffectiveFrom)
    : ICommand<Result<Versioned<ServiceLevelAgreement>>>
{
    /// <summary>The agreement to draft a new version of; null drafts a new agreement.</summary>
    public AgreementId? Agreement { get; init; }

    /// <summary>When set with <see cref="Agreement"/>, Conflict (<c>agreement.version-conflict</c>) unless the stored agreement is at this version.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>The IANA zone the agreement's dates are read in (a new agreement only); <c>UTC</c> unless set.</summary>
    public string Zone { get; init; } = "UTC";

    /// <summary>The re-target policy's name (a new agreement only); <c>keep-starting-version</c> unless set.</summary>
    public string RetargetPolicy { get; init; } = AgreementRetargetPolicy.KeepStartingVersion.Name;

    /// <summary>How often the agreement is reviewed, in months; 12 unless set.</summary>
    public int ReviewIntervalMonths { get; init; } = 12;

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// A command on one existing agreement, with optional client-side optimistic concurrency. Answers the agreement as the command
/// left it, with its new version. NotFound (<c>agreement.not-found</c>) for an unknown agreement.
/// </summary>
/// <param name="Context">Who acts, for which tenant.</param>
/// <param name="Agreement">The agreement.</param>
public abstract record AgreementCommand(RequestContext Context, AgreementId Agreement) : ICommand<Result<Versioned<ServiceLevelAgreement>>>
{
    /// <summary>When set, the command fails with Conflict (<c>agreement.version-conflict</c>) unless the stored agreement is at this version.</summary>
    public long? ExpectedVersion { get; init; }
}

/// <summary>Submits the draft version for review (<see cref="ServiceLevelAgreement.SubmitForReview"/>).</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Agreement">The agreement.</param>
public sealed record SubmitAgreementForReview(RequestContext Context, AgreementId Agreement) : AgreementCommand(Context, Agreement);

/// <summary>Signs the version under review for one side, as the acting user (<see cref="ServiceLevelAgreement.Sign"/>); the second side's signature signs it.</summary>
/// <param name="Context">Who signs.</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Party">The side signed for.</param>
public sealed record SignAgreement(RequestContext Context, AgreementId Agreement, AgreementParty Party) : AgreementCommand(Context, Agreement);

/// <summary>Records a scheduled review of the agreement (<see cref="ServiceLevelAgreement.RecordReview"/>).</summary>
/// <param name="Context">Who reviewed it.</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Notes">What the review found.</param>
public sealed record RecordAgreementReview(RequestContext Context, AgreementId Agreement, string Notes) : AgreementCommand(Context, Agreement);

/// <summary>Terminates the agreement now (<see cref="ServiceLevelAgreement.Terminate"/>).</summary>
/// <param name="Context">Who acts.</param>
/// <param name="Agreement">The agreement.</param>
/// <param name="Reason">Why.</param>
public sealed record TerminateAgreement(RequestContext Context, AgreementId Agreement, string Reason) : AgreementCommand(Context, Agreement);

/// <summary>
/// One agreement with its version and the version in force at <see cref="At"/> (now when null); NotFound
/// (<c>agreement.not-found</c>) when the tenant has none with that id.
/// </summary>
/// <param name="Context">Who asks.</param>
/// <param name="Agreement">The agreement.</param>
public sealed record GetAgreement(RequestContext Context, AgreementId Agreement) : IQuery<Result<AgreementReading>>
{
    /// <summary>The instant to read the version in force at; now when null.</summary>
    public Instant? At { get; init; }
}

/// <summary>An agreement as stored, and the version in force at the instant asked about.</summary>
/// <param name="Agreement">The agreement with its stored version.</param>
/// <param name="At">The instant asked about.</param>
/// <param name="InForce">The version in force then, or null when none is.</param>
public sealed record AgreementReading(Versioned<ServiceLevelAgreement> Agreement, Instant At, AgreementVersion? InForce);

/// <summary>The tenant's agreements whose next review is due by the local date of <see cref="At"/> (now when null) in each agreement's zone, earliest first.</summary>
/// <param name="Context">Who asks.</param>
public sealed record ListAgreementsDueForReview(RequestContext Context) : IQuery<Result<IReadOnlyList<AgreementReviewDue>>>
{
    /// <summary>The instant to judge at; now when null.</summary>
    public Instant? At { get; init; }
}

/// <summary>One agreement due for review.</summary>
/// <param name="Agreement">The agreement.</param>
/// <param name="Customer">Its customer.</param>
/// <param name="Title">The title of its latest signed version.</param>
/// <param name="NextReviewOn">When the review is due.</param>
/// <param name="IsOverdue">True when it was due before the date asked about.</param>
public sealed record AgreementReviewDue(AgreementId Agreement, CustomerId Customer, string Title, LocalDate NextReviewOn, bool IsOverdue);
