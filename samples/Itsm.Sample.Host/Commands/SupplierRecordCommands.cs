using System.Collections.Immutable;
using System.CommandLine;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Suppliers;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using Itsm.Sample.Host.Io;

namespace Itsm.Sample.Host.Commands;

/// <summary>
/// <c>itsm supplier register|revise|contract</c>: the records of supplier management, one library command per
/// invocation. <c>register</c> and <c>revise</c> keep a supplier's (or internal group's) profile, <c>contract</c>
/// drafts an underpinning contract or OLA with it; its lifecycle lives in <see cref="ContractCommands"/>.
/// </summary>
internal static class SupplierRecordCommands
{
    /// <summary>The library's field names with the options that set them, for refusals.</summary>
    internal static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Name"] = "--name",
        ["Kind"] = "--kind",
        ["Title"] = "--title",
        ["Fee"] = "--fee",
        ["Targets"] = "--targets",
        ["Start"] = "--start",
        ["Renewal"] = "--renewal",
        ["RenewalPeriod"] = "--renewal-period",
        ["ExpectedVersion"] = "--expected-version",
        ["Days"] = "--days",
        ["Period"] = "--from/--to",
    };

    private static readonly Dictionary<string, SupplierKind> Kinds = Enum.GetValues<SupplierKind>().ToDictionary(k => TypedOptions.Kebab(k.ToString()), k => k, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, RenewalKind> Renewals = Enum.GetValues<RenewalKind>().ToDictionary(k => TypedOptions.Kebab(k.ToString()), k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates <c>itsm supplier register</c>.</summary>
    internal static Command CreateRegister()
    {
        var id = TypedOptions.Text<SupplierId>("--id", "The supplier's key, such as storage-vendor or db-team.", required: true);
        var kind = TypedOptions.Choice("--kind", "external (bound by underpinning contracts) or internal-group (bound by OLAs); external when omitted.", Kinds, "external");
        var profile = new ProfileOptions();
        return OneRequest.Create(
            "register",
            "Register a supplier or internal support group with its contacts and the services and items it supports.\n\nExample:\n  itsm supplier register --id storage-vendor --name \"Storage vendor\" --service svc-email --contact \"Ana Ruiz;ana@vendor.example\"",
            [id, kind, .. profile.All],
            (session, p, cancellationToken) => session.Dispatcher.SendAsync(
                new RegisterSupplier(session.Context, p.GetValue(id)!.Value, p.GetValue(kind), p.GetValue(profile.Name)!, profile.ContactsOf(p), profile.ServicesOf(p), profile.ItemsOf(p)),
                cancellationToken),
            (stored, session) => SupplierView.Document(stored, session.Context.Tenant.Value),
            (stored, _, output) => SupplierView.WriteSupplier(output, stored),
            Fields);
    }

    /// <summary>Creates <c>itsm supplier revise</c>.</summary>
    internal static Command CreateRevise()
    {
        var id = TypedOptions.TextArgument<SupplierId>("id", "The supplier's key, as registered.");
        var profile = new ProfileOptions();
        var expected = new Option<long?>("--expected-version") { Description = "Refuse (conflict) unless the supplier is still at this version, the one you looked at." };
        return OneRequest.Create(
            "revise",
            "Replace a supplier's profile (name, contacts, supported services and items) as a whole; one history record.\n\nExample:\n  itsm supplier revise storage-vendor --name \"Storage vendor\" --service svc-email,svc-payroll",
            [id, expected, .. profile.All],
            (session, p, cancellationToken) => session.Dispatcher.SendAsync(
                new ReviseSupplier(session.Context, p.GetValue(id)!, p.GetValue(profile.Name)!, profile.ContactsOf(p), profile.ServicesOf(p), profile.ItemsOf(p)) { ExpectedVersion = p.GetValue(expected) },
                cancellationToken),
            (stored, session) => SupplierView.Document(stored, session.Context.Tenant.Value),
            (stored, _, output) => SupplierView.WriteSupplier(output, stored),
            Fields);
    }

    /// <summary>Creates <c>itsm supplier contract</c>: drafts a contract.</summary>
    internal static Command CreateContract()
    {
        var id = TypedOptions.Text<ContractId>("--id", "The contract's key, such as uc-storage-2027.", required: true);
        var supplier = TypedOptions.Text<SupplierId>("--supplier", "The registered supplier or internal group it binds.", required: true);
        var title = new Option<string>("--title") { Description = "A one-line name, such as \"Storage support 2027\".", Required = true };
        var start = SupplierSyntax.Date("--start", "The contract's first day, such as 2027-01-01.");
        var term = SupplierSyntax.OptionalPeriodicity("--term", "The initial term; open-ended when omitted.");
        var renewal = TypedOptions.Choice("--renewal", "none, automatic or explicit; none when omitted.", Renewals, "none");
        var renewalPeriod = SupplierSyntax.OptionalPeriodicity("--renewal-period", "The length of each renewed term; the initial term when omitted.");
        var notice = SupplierSyntax.OptionalPeriodicity("--notice", "The notice period; notice may be given up to a term's last day when omitted.");
        var billing = SupplierSyntax.Periodicity("--billing", "How often it is billed; monthly when omitted.", "1month");
        var fee = SupplierSyntax.Money("--fee", "The fee of one billing period.");
        var credits = SupplierSyntax.CreditPolicy("--credits");
        var calendar = TypedOptions.Text<CalendarId>("--calendar", "The stored calendar its targets are counted on ('itsm calendar define').", required: true);
        var zone = SupplierSyntax.Zone("--zone", "The IANA time zone its dates are read in, such as Europe/Madrid.");
        var targets = TypedOptions.Syntax("--targets", "Targets per priority as for 'itsm sla define': P<rank>=<response>/<resolution>, such as \"P1=30m/6h,P2=1h/8h\".", SlaCommands.ParseTargets);
        var services = TypedOptions.TextList<ConfigurationItemId>("--service", "The business services it covers; repeatable or comma-separated.");
        var items = TypedOptions.TextList<ConfigurationItemId>("--ci", "The configuration items it covers; repeatable or comma-separated.");
        return OneRequest.Create(
            "contract",
            "Draft an underpinning contract (with a supplier) or OLA (with an internal group): its dates, billing, fee, credit policy, calendar, targets and what it covers. Activate it with 'itsm supplier activate'.\n\n"
            + "Example:\n  itsm supplier contract --id uc-storage-2027 --supplier storage-vendor --title \"Storage support 2027\" --start 2027-01-01 --term 1y \\\n"
            + "    --renewal automatic --notice 3months --fee \"1200 EUR\" --calendar storage-vendor --zone Europe/Madrid --targets \"P1=30m/6h\" --service svc-email",
            [id, supplier, title, start, term, renewal, renewalPeriod, notice, billing, fee, credits, calendar, zone, targets, services, items],
            async (session, p, cancellationToken) =>
            {
                var initial = p.GetValue(term);
                var dates = ContractTerm.Create(p.GetValue(start), initial, p.GetValue(renewal), p.GetValue(renewalPeriod) ?? initial, p.GetValue(notice));
                if (!dates.IsSuccess)
                {
                    return dates.AsFailure<Versioned<Contract>>();
                }

                var details = new ContractDetails(
                    p.GetValue(title)!,
                    dates.Value,
                    p.GetValue(billing),
                    p.GetValue(fee),
                    p.GetValue(credits)!,
                    p.GetValue(calendar)!.Value,
                    p.GetValue(zone)!,
                    ImmutableSortedDictionary.CreateRange<int, SlaTargets>(p.GetValue(targets)!),
                    [.. p.GetValue(services) ?? []],
                    [.. p.GetValue(items) ?? []]);
                return await session.Dispatcher.SendAsync(new DraftContract(session.Context, p.GetValue(id)!.Value, p.GetValue(supplier)!.Value, details), cancellationToken).ConfigureAwait(false);
            },
            (stored, session) => SupplierView.Document(stored, session.Context.Tenant.Value),
            (stored, _, output) => SupplierView.Confirm(output, "drafted", stored),
            Fields);
    }

    /// <summary>The options of a supplier's profile, shared by <c>register</c> and <c>revise</c>.</summary>
    private sealed class ProfileOptions
    {
        public Option<string> Name { get; } = new("--name") { Description = "Its name.", Required = true };

        public Option<SupplierContact[]> Contacts { get; } = SupplierSyntax.Contacts("--contact");

        public Option<ConfigurationItemId[]> Services { get; } = TypedOptions.TextList<ConfigurationItemId>("--service", "The business services it supports; repeatable or comma-separated.");

        public Option<ConfigurationItemId[]> Items { get; } = TypedOptions.TextList<ConfigurationItemId>("--ci", "The configuration items it supports; repeatable or comma-separated.");

        public Symbol[] All => [Name, Contacts, Services, Items];

        public SupplierContact[] ContactsOf(ParseResult p) => p.GetValue(Contacts) ?? [];

        public ConfigurationItemId[] ServicesOf(ParseResult p) => p.GetValue(Services) ?? [];

        public ConfigurationItemId[] ItemsOf(ParseResult p) => p.GetValue(Items) ?? [];
    }
}
