using System.Globalization;
using Itsm.Core.Application.Common;
using Itsm.Core.Suppliers;
using Itsm.Sample.Host.Io;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Itsm.Sample.Host.Commands;

/// <summary>One history record of a supplier or contract in JSON: what happened, who did it, when.</summary>
/// <param name="Event">The record's kind, such as <c>ContractRenewed</c>.</param>
/// <param name="By">Who.</param>
/// <param name="At">When (ISO-8601 UTC).</param>
internal sealed record SupplierEventDocument(string Event, string By, string At);

/// <summary>A supplier contact in JSON.</summary>
/// <param name="Name">Who.</param>
/// <param name="Email">An e-mail address, or null.</param>
/// <param name="Phone">A telephone number, or null.</param>
internal sealed record ContactDocument(string Name, string? Email, string? Phone);

/// <summary>A supplier or internal group as <c>--json</c> shows it.</summary>
internal sealed record SupplierDocument(string Id, string Tenant, long Version, string Kind, string Name, ContactDocument[] Contacts, string[] Services, string[] Items, SupplierEventDocument[] History);

/// <summary>An amount of money in JSON: the amount as a decimal number and its ISO 4217 code.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">The currency.</param>
internal sealed record MoneyDocument(decimal Amount, string Currency);

/// <summary>A credit policy in JSON.</summary>
internal sealed record CreditPolicyDocument(string Name, decimal PercentPerStartedHour, long FreeAllowanceSeconds, decimal CapPercent);

/// <summary>A link to an SLA target in JSON; hand-offs in seconds.</summary>
internal sealed record UnderpinningDocument(string Sla, string Priority, long HandoffSeconds, string? Ola, long OlaHandoffSeconds);

/// <summary>A contract as <c>--json</c> shows it: dates as ISO dates, durations in seconds, money as amount and currency.</summary>
internal sealed record ContractDocument(
    string Id,
    string Tenant,
    long Version,
    string Supplier,
    string Kind,
    string Title,
    string State,
    int Term,
    string Start,
    string? CurrentTermEnd,
    string? CurrentNoticeDeadline,
    string Renewal,
    string? InitialTerm,
    string? Notice,
    string Billing,
    MoneyDocument Fee,
    CreditPolicyDocument CreditPolicy,
    string Calendar,
    string Zone,
    SlaTargetDocument[] Targets,
    string[] Services,
    string[] Items,
    UnderpinningDocument[] Underpinnings,
    string[] NextStates,
    SupplierEventDocument[] History);

/// <summary>How the host shows suppliers and contracts: one JSON shape each, a confirmation line and a few tables for people.</summary>
internal static class SupplierView
{
    /// <summary>The JSON document of a stored supplier.</summary>
    public static SupplierDocument Document(Versioned<Supplier> stored, string tenant)
    {
        var s = stored.Record;
        return new SupplierDocument(
            s.Id.Value,
            tenant,
            stored.Version,
            TypedOptions.Kebab(s.Kind.ToString()),
            s.Name,
            [.. s.Profile.Contacts.Select(c => new ContactDocument(c.Name, c.Email, c.Phone))],
            [.. s.Profile.Services.Select(i => i.Value)],
            [.. s.Profile.Items.Select(i => i.Value)],
            [.. s.History.Select(e => new SupplierEventDocument(e.GetType().Name, e.By.Value, InstantText.Format(e.At)))]);
    }

    /// <summary>The JSON document of a stored contract.</summary>
    public static ContractDocument Document(Versioned<Contract> stored, string tenant)
    {
        var c = stored.Record;
        var d = c.Details;
        var policy = d.CreditPolicy;
        return new ContractDocument(
            c.Id.Value,
            tenant,
            stored.Version,
            c.Supplier.Value,
            c.Kind.ToString(),
            d.Title,
            c.State.ToString(),
            c.Term,
            Date(d.Term.Start),
            c.CurrentTermEnd is { } end ? Date(end) : null,
            c.CurrentNoticeDeadline is { } deadline ? Date(deadline) : null,
            TypedOptions.Kebab(d.Term.Renewal.ToString()),
            d.Term.InitialTerm?.ToString(),
            d.Term.Notice?.ToString(),
            d.Billing.ToString(),
            Money(d.Fee),
            new CreditPolicyDocument(policy.Name, policy.PercentPerStartedHour, (long)policy.FreeAllowance.TotalSeconds, policy.CapPercent),
            d.Calendar.Value,
            d.Zone.Id,
            [.. d.Targets.Select(t => new SlaTargetDocument($"P{t.Key}", InstantText.Seconds(t.Value.Response), InstantText.Seconds(t.Value.Resolution)))],
            [.. d.Services.Select(i => i.Value)],
            [.. d.Items.Select(i => i.Value)],
            [.. c.Underpinnings.Select(l => new UnderpinningDocument(l.Sla.Value, $"P{l.Priority}", (long)l.Handoff.TotalSeconds, l.Ola?.Value, (long)l.OlaHandoff.TotalSeconds))],
            [.. c.NextStates.Select(s => s.ToString())],
            [.. c.History.Select(e => new SupplierEventDocument(e.GetType().Name, e.By.Value, InstantText.Format(e.At)))]);
    }

    /// <summary>Money in JSON.</summary>
    public static MoneyDocument Money(Money money) => new(money.Amount, money.Currency);

    /// <summary>An ISO date, as the documents write it.</summary>
    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>The one confirmation line of a contract command.</summary>
    public static void Confirm(TextWriter output, string done, Versioned<Contract> stored) =>
        output.WriteLine(SafeText.Escape($"{done} contract {stored.Record.Id}: state {stored.Record.State}, term {stored.Record.Term}, version {stored.Version}"));

    /// <summary>The confirmation of <c>register</c> and the details of <c>show --supplier</c>.</summary>
    public static void WriteSupplier(TextWriter output, Versioned<Supplier> stored)
    {
        var s = stored.Record;
        output.WriteLine(SafeText.Escape($"supplier {s.Id} ({TypedOptions.Kebab(s.Kind.ToString())}, version {stored.Version.ToString(CultureInfo.InvariantCulture)}): {s.Name}"));
        output.WriteLine(SafeText.Escape($"  services {List(s.Profile.Services.Select(i => i.Value))}; items {List(s.Profile.Items.Select(i => i.Value))}"));
        foreach (var contact in s.Profile.Contacts)
        {
            output.WriteLine(SafeText.Escape($"  contact {contact.Name}{(contact.Email is { } e ? $" <{e}>" : string.Empty)}{(contact.Phone is { } p ? $" {p}" : string.Empty)}"));
        }

        foreach (var e in s.History)
        {
            output.WriteLine(SafeText.Escape($"  {InstantText.Format(e.At)}  {e.GetType().Name} by {e.By}"));
        }
    }

    /// <summary>The details of <c>show</c>: the contract's fields, its dates, its targets and its history.</summary>
    public static void WriteContract(TextWriter output, Versioned<Contract> stored)
    {
        var c = stored.Record;
        var d = c.Details;
        output.WriteLine(SafeText.Escape($"contract {c.Id} (version {stored.Version.ToString(CultureInfo.InvariantCulture)})"));
        var console = TableConsole.Create(output);
        console.Write(TableConsole.Grid()
            .Field("title", d.Title)
            .Field("supplier", $"{c.Supplier} ({c.Kind})")
            .Field("state", $"{c.State}, term {c.Term}; next: {List(c.NextStates.Select(s => s.ToString()))}")
            .Field("dates", $"from {Date(d.Term.Start)}, {d.Term}")
            .Field("term ends", c.CurrentTermEnd is { } end ? $"{Date(end)} (exclusive)" : "open-ended")
            .Field("notice by", c.CurrentNoticeDeadline is { } deadline ? Date(deadline) : "-")
            .Field("billing", $"{d.Fee} every {d.Billing}; credits {d.CreditPolicy.Name}")
            .Field("calendar", $"{d.Calendar} (dates in {d.Zone.Id})")
            .Field("covers", $"services {List(d.Services.Select(i => i.Value))}; items {List(d.Items.Select(i => i.Value))}")
            .Field("underpins", List(c.Underpinnings.Select(l => $"{l.Sla} P{l.Priority}{(l.Ola is { } o ? $" via {o}" : string.Empty)}"))));
        var targets = TableConsole.Table(["priority", "response", "resolution"]);
        foreach (var (rank, target) in d.Targets)
        {
            targets.Row($"P{rank}", InstantText.FormatDuration(target.Response), InstantText.FormatDuration(target.Resolution));
        }

        console.Write(targets);
        foreach (var e in c.History)
        {
            console.WriteLine(SafeText.Escape($"  {InstantText.Format(e.At)}  {e.GetType().Name} by {e.By}"));
        }
    }

    /// <summary>A list for people: comma-separated, or <c>(none)</c>.</summary>
    public static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "(none)" : text;
    }
}
