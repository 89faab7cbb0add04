using System.Globalization;
using Itsm.Core.Common;

namespace Itsm.Core.Releases;

/// <content>Restoring a stored release by replaying its history.</content>
public sealed partial class Release
{
    /// <summary>
    /// Restores a release from its stored form, replaying its history through <see cref="ReleaseLifecycle.Table"/> and the
    /// release's own rules (time order, bundling, builds, environment order, before-baselines): Invalid
    /// (<c>release.history</c>) naming the first record that does not fit, or when the details would not be planned again or
    /// the state differs from the history's. The gate and the CMDB verifications are not re-run: they were met when recorded.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static Result<Release> Restore(ReleaseSnapshot snapshot)
    {
        Preconditions.CheckNotNull(snapshot);
        var problem = Replay(snapshot, out var restored);
        return problem is null
            ? restored!
            : Result<Release>.Invalid(Failure.Field(nameof(ReleaseSnapshot.History), problem, ReleaseLifecycle.HistoryCode));
    }

    private static bool IsNormal(ReleaseDetails d)
    {
        var n = Normalise(d);
        return n.Title == d.Title && n.RollbackPlan == d.RollbackPlan && n.KnownErrors.SequenceEqual(d.KnownErrors)
            && n.Environments.Length == d.Environments.Length
            && n.Environments.Zip(d.Environments).All(p => p.First.Environment == p.Second.Environment && p.First.Window == p.Second.Window && p.First.Items.SequenceEqual(p.Second.Items));
    }

    private static string? Replay(ReleaseSnapshot s, out Release? restored)
    {
        restored = null;
        var name = $"Stored release {s.Id}";
        if (s.Id.Value == Guid.Empty || !Enum.IsDefined(s.State) || s.Details?.Policy is null || s.Details.Title is null)
        {
            return $"{name} has no identifier, no details or policy, or an unknown state.";
        }

        if (DetailsErrors(s.Details).Count > 0 || !IsNormal(s.Details))
        {
            return $"{name} holds details that planning would refuse.";
        }

        if (s.History is null || s.History.IsEmpty || s.History[0] is not ReleasePlanned planned || planned.At != s.PlannedAt || planned.By.Value is null)
        {
            return $"{name}: its history must start with its planning at {s.PlannedAt}.";
        }

        var release = new Release(s.Id, s.Details, planned);
        for (var i = 1; i < s.History.Count; i++)
        {
            var e = s.History[i];
            var wrong = e is null ? "is missing"
                : ReleaseLifecycle.TransitionOf(e) is not { } via ? "is a second planning"
                : release.Allowed(via, e.At, "replay") is { IsSuccess: false } refused ? string.Join(" ", refused.Errors)
                : release.Rule(e, "replay") is { } broken ? string.Join(" ", broken.Errors.Concat(broken.ValidationErrors.Select(v => v.ErrorMessage)))
                : null;
            if (wrong is not null)
            {
                return $"{name}: history record {i.ToString(CultureInfo.InvariantCulture)} ({e?.GetType().Name} at {e?.At}) {wrong}.";
            }

            release.Apply(e!);
        }

        if (release.State != s.State)
        {
            return $"{name} is {s.State}, but its history leaves it {release.State}.";
        }

        restored = release;
        return null;
    }
}
