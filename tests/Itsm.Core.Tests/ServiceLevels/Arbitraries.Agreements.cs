using FsCheck;
using FsCheck.Fluent;
using Itsm.Core.Tests.ServiceLevels;
using NodaTime;

namespace Itsm.Core.Tests;

/// <summary>
/// Agreement scripts that reach the hard cases: zones whose daylight-saving transitions fall at midnight (so a day can start at
/// 01:00, America/Havana, Asia/Beirut, America/Santiago) or move by half an hour (Australia/Lord_Howe), effective dates on and
/// around those transition days, versions drafted effective on the same day as the one before, partial signatures, reviews
/// and terminations before, on and after an effective date.
/// </summary>
internal static partial class Arbitraries
{
    /// <summary>The zones of the agreement scripts.</summary>
    public static readonly string[] AgreementZones = ["Europe/London", "America/New_York", "America/Havana", "Asia/Beirut", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"];

    /// <summary>A zone, a first effective date near one of its transitions in 2027, and up to 24 steps.</summary>
    public static Arbitrary<AgreementScript> AgreementScripts() =>
        (from zone in Gen.Elements(AgreementZones)
         from pick in Gen.Choose(0, 3)
         from shift in Gen.Choose(-2, 2)
         from steps in (from kind in Gen.Frequency(
                            (4, Gen.Constant(AgreementStep.SignFully)),
                            (3, Gen.Constant(AgreementStep.DraftVersion)),
                            (1, Gen.Constant(AgreementStep.Submit)),
                            (1, Gen.Constant(AgreementStep.SignProvider)),
                            (1, Gen.Constant(AgreementStep.SignCustomer)),
                            (1, Gen.Constant(AgreementStep.Review)),
                            (1, Gen.Constant(AgreementStep.Terminate)))
                        from hours in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 48)), (2, Gen.Choose(49, 24 * 60)))
                        from days in Gen.Frequency((1, Gen.Constant(-1)), (2, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (2, Gen.Choose(4, 120)), (2, Gen.Constant(int.MaxValue)))
                        select (kind, hours, days)).ArrayOf()
         select new AgreementScript(zone, FirstDate(zone, pick).PlusDays(shift), [.. steps.Take(24)])).ToArbitrary();

    /// <summary>The local date of one of the zone's transitions in 2027 (any date of 2027 for a zone without any).</summary>
    private static LocalDate FirstDate(string zoneId, int pick)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var transitions = AgreementScript.TransitionDates(zone);
        return transitions.Count == 0 ? new LocalDate(2027, 1, 1).PlusDays(pick * 60) : transitions[pick % transitions.Count];
    }
}
