using FsCheck.Xunit;
using Itsm.Core.ServiceLevels;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.ServiceLevels.AgreementFixtures;

namespace Itsm.Core.Tests.ServiceLevels;

/// <summary>The agreement invariants of the issue as properties over scripts in zones with daylight saving.</summary>
public sealed class ServiceLevelAgreementPropertyTests
{
    [Property]
    public void Versions_ValidityIntervalsNeverOverlap(AgreementScript script)
    {
        var agreement = Run(script);
        var intervals = agreement.Versions.Select(v => v.Validity).OfType<Interval>().ToList();

        for (var i = 0; i < intervals.Count; i++)
        {
            for (var j = i + 1; j < intervals.Count; j++)
            {
                var (a, b) = (intervals[i], intervals[j]);
                var aEnd = a.HasEnd ? a.End : Instant.MaxValue;
                var bEnd = b.HasEnd ? b.End : Instant.MaxValue;
                Assert.False(a.Start < bEnd && b.Start < aEnd, $"{script}: {a} overlaps {b}");
            }
        }
    }

    /// <summary>
    /// At every instant that matters (each effective instant and end, a tick either side, the zone's transitions) at most one
    /// version is in force, and it is the one a slow reference derives from the history alone: the highest-numbered version
    /// whose two signatures are recorded and whose effective date has started, before the termination.
    /// </summary>
    [Property]
    public void VersionInForce_IsUniqueAtEveryInstant_AndMatchesTheReference(AgreementScript script)
    {
        var agreement = Run(script);
        var zone = agreement.Zone;
        var (effective, terminated) = Reference(agreement);
        var instants = effective.Values.Concat(agreement.Versions.Select(v => v.EndsAt).OfType<Instant>())
            .Concat(AgreementScript.TransitionDates(zone).Select(d => zone.AtStartOfDay(d).ToInstant()))
            .SelectMany(t => new[] { t - Duration.Epsilon, t, t + Duration.Epsilon, t + Duration.FromHours(12) })
            .Append(T0).Distinct();

        foreach (var t in instants)
        {
            var inForce = agreement.Versions.Where(v => v.IsInForceAt(t)).Select(v => v.Number).ToList();
            int? expected = terminated is { } end && t >= end ? null
                : effective.Where(p => p.Value <= t).Select(p => (int?)p.Key).Max();
            Assert.True(inForce.Count <= 1, $"{script}: {inForce.Count} versions in force at {t}");
            Assert.Equal(expected, agreement.VersionInForceAt(t)?.Number);
        }

        foreach (var v in agreement.Versions.Where(v => v.IsSigned))
        {
            Assert.Equal(v.Terms.EffectiveFrom, v.EffectiveAt!.Value.InZone(zone).Date);
            Assert.True((v.EffectiveAt.Value - Duration.Epsilon).InZone(zone).Date < v.Terms.EffectiveFrom, $"{script}: version {v.Number} starts after the start of {v.Terms.EffectiveFrom}");
        }
    }

    [Property]
    public void Restore_OfAnyScript_GivesTheSameVersions(AgreementScript script)
    {
        var agreement = Run(script);

        var restored = ServiceLevelAgreement.Restore(agreement.ToSnapshot());

        Assert.True(restored.IsSuccess, restored.Message);
        Assert.Equal(
            agreement.Versions.Select(v => (v.Number, v.Status, v.EffectiveAt, v.EndsAt, v.Signatures.Length)),
            restored.Value.Versions.Select(v => (v.Number, v.Status, v.EffectiveAt, v.EndsAt, v.Signatures.Length)));
        Assert.Equal(agreement.NextReviewOn, restored.Value.NextReviewOn);
    }

    /// <summary>The effective instant of each version whose second signature the history records, by the zone's start of its date, and the termination instant.</summary>
    private static (Dictionary<int, Instant> Effective, Instant? Terminated) Reference(ServiceLevelAgreement agreement)
    {
        var effective = new Dictionary<int, Instant>();
        var terms = new List<AgreementTerms>();
        var signatures = 0;
        Instant? terminated = null;
        foreach (var e in agreement.History)
        {
            switch (e)
            {
                case AgreementDrafted d:
                    terms.Add(d.Terms);
                    break;
                case AgreementVersionDrafted d:
                    terms.Add(d.Terms);
                    signatures = 0;
                    break;
                case AgreementSigned when ++signatures == 2:
                    effective[terms.Count] = agreement.Zone.AtStartOfDay(terms[^1].EffectiveFrom).ToInstant();
                    break;
                case AgreementTerminated t:
                    terminated = t.At;
                    break;
            }
        }

        return (effective, terminated);
    }

    /// <summary>Runs the script on a new agreement, ignoring the steps the agreement refuses (they must change nothing).</summary>
    private static ServiceLevelAgreement Run(AgreementScript script)
    {
        var zone = DateTimeZoneProviders.Tzdb[script.Zone];
        var agreement = ServiceLevelAgreement.Draft(AgreementId.New(), Acme, zone, AgreementRetargetPolicy.KeepStartingVersion, Terms(script.First), Provider, T0).Value;
        var now = T0;
        foreach (var (kind, hours, days) in script.Steps)
        {
            now += Duration.FromHours(hours);
            var today = now.InZone(zone).Date;
            var before = agreement.History.Count;
            var outcome = kind switch
            {
                AgreementStep.SignFully => Sequence(
                    () => agreement.SubmitForReview(Provider, now),
                    () => agreement.Sign(AgreementParty.Provider, Provider, now),
                    () => agreement.Sign(AgreementParty.Customer, CustomerSigner, now)),
                AgreementStep.DraftVersion => agreement.DraftVersion(
                    Terms(days == int.MaxValue ? AgreementScript.TransitionDates(zone).FirstOrDefault(d => d >= today, today) : today.PlusDays(days)), Provider, now),
                AgreementStep.Submit => agreement.SubmitForReview(Provider, now),
                AgreementStep.SignProvider => agreement.Sign(AgreementParty.Provider, Provider, now),
                AgreementStep.SignCustomer => agreement.Sign(AgreementParty.Customer, CustomerSigner, now),
                AgreementStep.Review => agreement.RecordReview("reviewed", Provider, now),
                _ => agreement.Terminate("ended", Provider, now),
            };
            Assert.True(outcome.IsSuccess || agreement.History.Count == before || kind == AgreementStep.SignFully, $"{script}: a refused {kind} changed the agreement");
        }

        return agreement;
    }

    private static Result Sequence(params Func<Result>[] steps)
    {
        foreach (var step in steps)
        {
            var result = step();
            if (!result.IsSuccess)
            {
                return result;
            }
        }

        return Result.Success();
    }
}
