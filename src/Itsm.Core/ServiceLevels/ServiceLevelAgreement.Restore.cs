using Itsm.Core.Common;

namespace Itsm.Core.ServiceLevels;

/// <content>Restoring a stored agreement by replaying its history.</content>
public sealed partial class ServiceLevelAgreement
{
    private static readonly HistoryReplay<AgreementState, AgreementTransition, AgreementEvent> Replayer =
        new(AgreementLifecycle.Table, AgreementLifecycle.TransitionOf, e => e.At);

    /// <summary>
    /// Restores an agreement from its stored form, replaying its history through <see cref="AgreementLifecycle.Table"/> and the
    /// agreement's own rules (time order, terms, effective dates, signatures, reasons): Invalid (<c>agreement.history</c>)
    /// naming the first record that does not fit, or when the customer or state differ from the history's. Linear in the
    /// history's length times the number of versions.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<ServiceLevelAgreement> Restore(AgreementSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var problem = Replay(snapshot, out var restored);
        return problem is null
            ? restored!
            : Result<ServiceLevelAgreement>.Invalid(Failure.Field(nameof(AgreementSnapshot.History), problem, AgreementErrors.History));
    }

    private static string Describe(AgreementEvent? e) => e is null ? "missing" : $"{e.GetType().Name} by {e.By} at {e.At}";

    private static string? Replay(AgreementSnapshot s, out ServiceLevelAgreement? restored)
    {
        restored = null;
        var name = $"Stored agreement {s.Id}";
        if (s.Id.Value == Guid.Empty || !Enum.IsDefined(s.State))
        {
            return $"{name} has no identifier or an unknown state {s.State}.";
        }

        if (s.History is null || s.History.IsEmpty || s.History[0] is not AgreementDrafted drafted || drafted.By.Value is null || drafted.Customer != s.Customer
            || drafted.Zone is null || drafted.RetargetPolicy is null || drafted.Terms is null)
        {
            return $"{name}: its history must start with its first draft, with customer {s.Customer}.";
        }

        if (TermsErrors(drafted.Terms).Count > 0 || !IsNormal(drafted.Terms))
        {
            return $"{name}: history record 0 ({Describe(drafted)}) holds terms that drafting would refuse.";
        }

        var agreement = new ServiceLevelAgreement(s.Id, drafted);
        var wrong = Replayer.Run(
            name,
            "agreement",
            s.History,
            () => agreement.State,
            e => agreement.Rule(e) is { } broken ? string.Join(" ", broken.Errors.Concat(broken.ValidationErrors.Select(v => v.ErrorMessage)))
                : e is AgreementVersionDrafted d && !IsNormal(d.Terms) ? "holds terms not in their normal form"
                : null,
            (e, _) => agreement.Apply(e),
            Describe);
        if (wrong is not null)
        {
            return wrong;
        }

        if (agreement.State != s.State)
        {
            return $"{name} is {s.State}, but its history leaves it {agreement.State}.";
        }

        restored = agreement;
        return null;
    }

    private static bool IsNormal(AgreementTerms t)
    {
        var n = Normalise(t);
        return !t.Coverage.IsDefault && n.Title == t.Title && n.Coverage.SequenceEqual(t.Coverage);
    }
}
