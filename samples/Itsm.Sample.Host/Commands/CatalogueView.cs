using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>One offering of a service in JSON.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Targets">Its targets, as P1=30m/4h.</param>
/// <param name="Price">Its price, or null.</param>
internal sealed record OfferingDocument(string Name, string[] Targets, MoneyDocument? Price);

/// <summary>One history record in JSON: what happened, who did it, when.</summary>
/// <param name="Event">The record's kind, such as <c>ServiceWentLive</c>.</param>
/// <param name="By">Who.</param>
/// <param name="At">When (ISO-8601).</param>
internal sealed record CatalogueEventDocument(string Event, string By, string At);

/// <summary>A catalogue service as <c>--json</c> shows it.</summary>
internal sealed record ServiceDocument(
    string Id, string Tenant, long Version, string Name, string Description, string? Owner, string[] Customers, string? ServiceHours, string? SupportHours,
    string Status, string Policy, string[] Criteria, OfferingDocument[] Offerings, string? LiveUnder, string[] NextStates, CatalogueEventDocument[] History);

/// <summary>One version of an agreement in JSON.</summary>
internal sealed record AgreementVersionDocument(int Number, string Title, string Status, string EffectiveFrom, string? EffectiveAt, string? EndsAt, string[] Coverage, string[] Signatures, int ReviewIntervalMonths);

/// <summary>An agreement as <c>--json</c> shows it, with the version in force at the instant asked about.</summary>
internal sealed record AgreementDocument(string Id, string Tenant, long Version, string Customer, string Zone, string RetargetPolicy, string State, int? InForce, string? NextReviewOn, AgreementVersionDocument[] Versions, CatalogueEventDocument[] History);

/// <summary>How the host shows services and agreements: one JSON document shape each and a few plain lines for people.</summary>
internal static class CatalogueView
{
    public static ServiceDocument Document(Versioned<CatalogueService> stored, string tenant)
    {
        var s = stored.Record;
        var p = s.Profile;
        return new ServiceDocument(
            s.Id.Value, tenant, stored.Version, p.Name, p.Description, p.Owner?.Value, [.. p.Customers.Select(c => c.Value)], p.ServiceHours?.Value, p.SupportHours?.Value,
            TypedOptions.Kebab(s.Status.ToString()), s.Policy.Name, [.. s.Policy.Criteria],
            [.. s.Offerings.Select(o => new OfferingDocument(o.Name, [.. o.Targets.Select(t => $"P{t.Key.ToString(CultureInfo.InvariantCulture)}={Minutes(t.Value.Response)}/{Minutes(t.Value.Resolution)}")], o.Price is { } m ? SupplierView.Money(m) : null))],
            s.LiveUnder?.ToString(), [.. s.NextStates.Select(n => TypedOptions.Kebab(n.ToString()))],
            [.. s.History.Select(e => new CatalogueEventDocument(e.GetType().Name, e.By.Value, InstantText.Format(e.At)))]);
    }

    public static void Confirm(TextWriter output, string done, Versioned<CatalogueService> stored) =>
        output.WriteLine($"{done} service {stored.Record.Id} ({SafeText.Escape(stored.Record.Profile.Name)}): status {TypedOptions.Kebab(stored.Record.Status.ToString())}, version {stored.Version.ToString(CultureInfo.InvariantCulture)}");

    public static void WriteDetails(TextWriter output, Versioned<CatalogueService> stored)
    {
        var d = Document(stored, string.Empty);
        Confirm(output, "service", stored);
        output.WriteLine($"owner {d.Owner ?? "(none)"}; customers {(d.Customers.Length == 0 ? "(none)" : string.Join(", ", d.Customers))}; service hours {d.ServiceHours ?? "(none)"}; support hours {d.SupportHours ?? "(none)"}; policy {d.Policy}");
        foreach (var o in d.Offerings)
        {
            output.WriteLine($"offering {o.Name}: {string.Join(", ", o.Targets)}{(o.Price is { } price ? $", {price.Amount.ToString(CultureInfo.InvariantCulture)} {price.Currency}" : string.Empty)}");
        }

        foreach (var e in d.History)
        {
            output.WriteLine($"{e.At} {e.Event} by {SafeText.Escape(e.By)}");
        }
    }

    public static void WriteVerdict(TextWriter output, ServiceAcceptanceVerdict verdict)
    {
        output.WriteLine(verdict.IsMet ? $"service {verdict.Service} passes the transition gate (agreement {verdict.Agreement})" : $"service {verdict.Service} does not pass the transition gate:");
        foreach (var u in verdict.Unmet)
        {
            output.WriteLine($"  {TypedOptions.Kebab(u.Criterion.ToString())}{(u.Name is null ? string.Empty : $" {u.Name}")}: {SafeText.Escape(u.Explanation)}");
        }
    }

    public static AgreementDocument Document(AgreementReading reading, string tenant)
    {
        var a = reading.Agreement.Record;
        return new AgreementDocument(
            a.Id.ToString(), tenant, reading.Agreement.Version, a.Customer.Value, a.Zone.Id, a.RetargetPolicy.Name, TypedOptions.Kebab(a.State.ToString()), reading.InForce?.Number,
            a.NextReviewOn?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            [.. a.Versions.Select(v => new AgreementVersionDocument(
                v.Number, v.Terms.Title, TypedOptions.Kebab(v.Status.ToString()), v.Terms.EffectiveFrom.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                v.EffectiveAt is { } at ? InstantText.Format(at) : null, v.EndsAt is { } end ? InstantText.Format(end) : null,
                [.. v.Terms.Coverage.Select(c => c.ToString())], [.. v.Signatures.Select(s => $"{TypedOptions.Kebab(s.Party.ToString())}:{s.By.Value}")], v.Terms.ReviewIntervalMonths))],
            [.. a.History.Select(e => new CatalogueEventDocument(e.GetType().Name, e.By.Value, InstantText.Format(e.At)))]);
    }

    public static void Confirm(TextWriter output, string done, AgreementReading reading) =>
        output.WriteLine($"{(done.Length == 0 ? string.Empty : done + " ")}agreement {reading.Agreement.Record.Id} with {reading.Agreement.Record.Customer}: state {TypedOptions.Kebab(reading.Agreement.Record.State.ToString())}, record version {reading.Agreement.Version.ToString(CultureInfo.InvariantCulture)}"
            + (reading.InForce is { } v ? $", agreement version {v.Number.ToString(CultureInfo.InvariantCulture)} in force" : ", no version in force"));

    public static void WriteDetails(TextWriter output, AgreementReading reading)
    {
        Confirm(output, string.Empty, reading);
        foreach (var v in Document(reading, string.Empty).Versions)
        {
            output.WriteLine($"v{v.Number.ToString(CultureInfo.InvariantCulture)} {v.Status} from {v.EffectiveFrom}{(v.EndsAt is null ? string.Empty : $" until {v.EndsAt}")}: {SafeText.Escape(v.Title)} [{string.Join(", ", v.Coverage)}] signed {(v.Signatures.Length == 0 ? "by nobody" : string.Join(", ", v.Signatures))}");
        }
    }

    private static string Minutes(NodaTime.Duration d) => d.TotalMinutes % 60 == 0 ? $"{(long)d.TotalHours}h" : $"{(long)d.TotalMinutes}m";
}
