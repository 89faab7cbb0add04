using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Core.Common;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;
using Itsm.Core.Tests.Common;
using NodaTime;
using Xunit;
using Result = Ardalis.Result.Result;

namespace Itsm.Core.Tests.Suppliers;

/// <summary>The contract transition table against the lifecycle of the issue, random command scripts against the table and a plain model of the date rules, and restore by replay.</summary>
public sealed class ContractLifecycleTests
{
    private static readonly UserId Manager = UserId.From("supplier-manager");
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>Conformance: draft -> active -> in notice -> renewed / expired / terminated.</summary>
    [Fact]
    public void Table_StateChanges_AreTheDocumentedLifecycle()
    {
        var changes = ContractLifecycle.Table.Rules.Where(r => r.From != r.To).Select(r => (r.From, r.To)).Distinct().Order().ToList();

        (ContractState, ContractState)[] expected =
        [
            (ContractState.Draft, ContractState.Active), (ContractState.Draft, ContractState.Terminated),
            (ContractState.Active, ContractState.InNotice), (ContractState.Active, ContractState.Renewed), (ContractState.Active, ContractState.Expired), (ContractState.Active, ContractState.Terminated),
            (ContractState.InNotice, ContractState.Expired), (ContractState.InNotice, ContractState.Terminated),
            (ContractState.Renewed, ContractState.InNotice), (ContractState.Renewed, ContractState.Expired), (ContractState.Renewed, ContractState.Terminated),
        ];
        Assert.Equal(expected.Order(), changes);
        Assert.True(ContractLifecycle.Table.IsFinal(ContractState.Expired));
        Assert.True(ContractLifecycle.Table.IsFinal(ContractState.Terminated));
        Assert.Equal([ContractState.Active, ContractState.InNotice, ContractState.Renewed], ContractLifecycle.InForceStates.ToArray());
    }

    [Fact]
    public void GiveNotice_AfterTheDeadlineOfAMonthEndTerm_IsLate()
    {
        // Starts 31 January for one month (the month-end rule: the term ends on 28 February, exclusive), a week's
        // notice: the last day is 27 February and the deadline a week before it.
        var term = ContractTerm.Create(new LocalDate(2027, 1, 31), Periodicity.FromMonths(1), RenewalKind.Explicit, Periodicity.FromMonths(1), Periodicity.FromDays(7)).Value;
        var contract = Active(term, At(new LocalDate(2027, 1, 31)));
        Assert.Equal(new LocalDate(2027, 2, 28), contract.CurrentTermEnd);
        Assert.Equal(new LocalDate(2027, 2, 20), contract.CurrentNoticeDeadline);

        var late = contract.GiveNotice("moving to another vendor", Manager, At(new LocalDate(2027, 2, 21)));

        Assert.Equal(Contract.NoticeLateCode, late.ErrorCode);
        Assert.Equal(ContractState.Active, contract.State);
        Assert.True(contract.GiveNotice("moving to another vendor", Manager, At(new LocalDate(2027, 2, 20))).IsSuccess);
        Assert.Equal(ContractState.InNotice, contract.State);
        Assert.Equal(Contract.TermRunningCode, contract.Expire(Manager, At(new LocalDate(2027, 2, 27))).ErrorCode);
        Assert.True(contract.Expire(Manager, At(new LocalDate(2027, 2, 28))).IsSuccess);
    }

    [Fact]
    public void Expire_OfAnAutomaticallyRenewingContract_NeedsNotice()
    {
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(1), RenewalKind.Automatic, Periodicity.FromYears(1), Periodicity.FromMonths(3)).Value;
        var contract = Active(term, At(new LocalDate(2027, 1, 1)));

        Assert.Equal(Contract.TermRunningCode, contract.Expire(Manager, At(new LocalDate(2028, 1, 2))).ErrorCode);
        Assert.True(contract.Renew(Manager, At(new LocalDate(2027, 12, 1))).IsSuccess);
        Assert.Equal((ContractState.Renewed, 1, new LocalDate(2029, 1, 1)), (contract.State, contract.Term, contract.CurrentTermEnd!.Value));
    }

    [Fact]
    public void Renew_WithoutARenewalRule_IsRefused()
    {
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), Periodicity.FromYears(1), RenewalKind.None).Value;
        var contract = Active(term, At(new LocalDate(2027, 1, 1)));

        Assert.Equal(Contract.RenewalCode, contract.Renew(Manager, At(new LocalDate(2027, 6, 1))).ErrorCode);
        Assert.Equal(Contract.IllegalTransitionCode, contract.Activate(Manager, At(new LocalDate(2027, 6, 1))).ErrorCode);
        Assert.Equal("supplier.contract.reason", contract.Terminate(" ", Manager, At(new LocalDate(2027, 6, 1))).ErrorCode);
    }

    [Fact]
    public void Draft_NamesEachBadPart()
    {
        var details = Details(ContractTerm.Create(new LocalDate(2027, 1, 1), null, RenewalKind.None).Value) with
        {
            Title = " ",
            Fee = Money.Of(-1m, "EUR"),
            Targets = ImmutableSortedDictionary<int, SlaTargets>.Empty,
        };

        var drafted = Contract.Draft(ContractId.From("uc-1"), Storage(), details, Manager, At(new LocalDate(2027, 1, 1)));

        Assert.Equal(["supplier.contract.title", "supplier.contract.fee", "supplier.contract.targets"], drafted.ValidationErrors.Select(e => e.ErrorCode).ToArray());
    }

    [Fact]
    public void LinkUnderpinning_ThroughAnOla_NeedsAnOlaThenAnUnderpinningContract()
    {
        var term = ContractTerm.Create(new LocalDate(2027, 1, 1), null, RenewalKind.None).Value;
        var uc = Active(term, At(new LocalDate(2027, 1, 1)));
        var ola = Contract.Draft(ContractId.From("ola-db"), Group(), Details(term), Manager, At(new LocalDate(2027, 1, 1))).Value;
        var sla = SlaDefinitionId.From("gold");

        Assert.Equal("supplier.contract.link", ola.LinkUnderpinning(new UnderpinningLink(sla, 1, Duration.Zero, uc.Id, Duration.Zero), uc, Manager, At(new LocalDate(2027, 1, 2))).ErrorCode);
        Assert.Equal("supplier.contract.link", uc.LinkUnderpinning(new UnderpinningLink(sla, 7, Duration.Zero, null, Duration.Zero), null, Manager, At(new LocalDate(2027, 1, 2))).ErrorCode);
        var link = new UnderpinningLink(sla, 1, Duration.FromMinutes(30), ola.Id, Duration.FromHours(2));
        Assert.True(uc.LinkUnderpinning(link, ola, Manager, At(new LocalDate(2027, 1, 2))).IsSuccess);
        Assert.Equal(link, uc.UnderpinningOf(sla, 1));
        Assert.Equal(ContractState.Active, uc.State);
        Assert.Equal(uc.Underpinnings.ToArray(), Contract.Restore(uc.ToSnapshot()).Value.Underpinnings.ToArray());
    }

    [Fact]
    public void Supplier_RegistersRevisesAndRestores()
    {
        var supplier = Storage();
        Assert.True(supplier.Revise("Acme Storage Ltd", [new SupplierContact("Desk", "desk@acme.example", null)], [ConfigurationItemId.From("svc-mail")], [], Manager, At(new LocalDate(2027, 1, 2))).IsSuccess);
        Assert.Equal(Supplier.TimeOrderCode, supplier.Revise("Acme", [], [], [], Manager, At(new LocalDate(2026, 1, 2))).ErrorCode);

        var restored = Supplier.Restore(supplier.ToSnapshot()).Value;

        Assert.Equal(("Acme Storage Ltd", 2, ContractKind.UnderpinningContract), (restored.Name, restored.History.Count, restored.ContractKind));
        Assert.Equal(Supplier.HistoryCode, Supplier.Restore(supplier.ToSnapshot() with { History = supplier.History.RemoveAt(0) }).ErrorCode);
        Assert.Equal("supplier.name", Supplier.Register(SupplierId.From("x"), SupplierKind.External, " ", [], [], [], Manager, Instant.FromUtc(2027, 1, 1, 0, 0)).ErrorCode);
    }

    /// <summary>
    /// Any command in any state, time moving by whole days: a command succeeds exactly when the table allows it from the
    /// state, it is not dated back, and a plain model of the date rules allows it; then the state is the table's target.
    /// A refused command changes nothing. The contract restores from its snapshot to the same state and history.
    /// </summary>
    [Property]
    public Property Script_FollowsTheTableAndTheDateRules_AndRestores(ContractCase c, LifecycleScript script)
    {
        var start = At(c.Term.Start) - Duration.FromDays(30);
        var contract = Contract.Draft(ContractId.From("uc-script"), Storage(), Details(c.Term), Manager, start).Value;
        var at = start;
        foreach (var step in script.Steps.Take(24))
        {
            at += Duration.FromDays(step.Minutes);
            if (at > At(ContractTerm.MaxSupportedDate))
            {
                break;
            }

            var when = step.Backwards ? contract.History[^1].At - Duration.FromMinutes(1) : at;
            var via = (ContractTransition)(step.Op % 6);
            var before = contract.ToSnapshot();
            var (state, term) = (contract.State, contract.Term);
            var result = Run(contract, via, step.Level, when);
            var expected = ContractLifecycle.Table.Allows(state, via) && when >= before.History[^1].At && DatesAllow(c.Term, state, term, via, when.InZone(London).Date);
            Assert.True(expected == result.IsSuccess, $"{via} from {state} (term {term}) at {when}: expected {expected}, got {result.ErrorCode}");
            if (result.IsSuccess)
            {
                Assert.Equal(ContractLifecycle.Table.TargetsOf(state, via)[0], contract.State);
                Assert.Equal(before.History.Count + 1, contract.History.Count);
            }
            else
            {
                Assert.Equal(before, contract.ToSnapshot());
            }
        }

        var restored = Contract.Restore(contract.ToSnapshot());
        return (restored.IsSuccess && restored.Value.State == contract.State && restored.Value.Term == contract.Term && restored.Value.History.SequenceEqual(contract.History))
            .Label($"{restored.ErrorCode} {contract}");
    }

    /// <summary>A history that runs backwards, has adjacent records swapped, or lost its drafting never restores.</summary>
    [Property]
    public Property Restore_RefusesAMutatedHistory(ContractCase c, LifecycleScript script, HistoryMutation mutation)
    {
        var start = At(c.Term.Start) - Duration.FromDays(30);
        var contract = Contract.Draft(ContractId.From("uc-script"), Storage(), Details(c.Term), Manager, start).Value;
        var at = start;
        foreach (var step in script.Steps.Take(24))
        {
            at += Duration.FromDays(step.Minutes + 1);
            if (at > At(ContractTerm.MaxSupportedDate))
            {
                break;
            }

            Run(contract, (ContractTransition)(step.Op % 6), step.Level, at);
        }

        if (contract.History.Count < 2 || mutation.Kind == MutationKind.DropFromLastStateChange)
        {
            return true.ToProperty();
        }

        var mutated = HistoryMutations.Apply(contract.History, mutation, e => e.At, Redated, h => h);
        var restored = Contract.Restore(contract.ToSnapshot() with { History = mutated });
        return (restored.ErrorCode == ContractLifecycle.HistoryCode).Label($"{mutation}: {restored.ErrorCode}");
    }

    private static ContractEvent Redated(ContractEvent e, Instant at) => e switch
    {
        ContractDrafted d => d with { At = at },
        ContractActivated a => a with { At = at },
        ContractNoticeGiven n => n with { At = at },
        ContractRenewed r => r with { At = at },
        ContractExpired x => x with { At = at },
        ContractTerminated t => t with { At = at },
        ContractUnderpinningLinked l => l with { At = at },
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The date rules, written from the words over the term: notice by the deadline, renew before the term ends, expire from its end (after notice when automatic).</summary>
    private static bool DatesAllow(ContractTerm term, ContractState state, int index, ContractTransition via, LocalDate today) => via switch
    {
        ContractTransition.GiveNotice => term.NoticeDeadline(index) is { } deadline && today <= deadline,
        ContractTransition.Renew => term.Renewal != RenewalKind.None && term.EndOfTerm(index) is { } end && today < end && term.EndOfTerm(index + 1) is not null,
        ContractTransition.Expire => term.EndOfTerm(index) is { } end && today >= end && (term.Renewal != RenewalKind.Automatic || state == ContractState.InNotice),
        _ => true,
    };

    private static Result Run(Contract contract, ContractTransition via, int level, Instant at) => via switch
    {
        ContractTransition.Activate => contract.Activate(Manager, at),
        ContractTransition.GiveNotice => contract.GiveNotice("ending", Manager, at),
        ContractTransition.Renew => contract.Renew(Manager, at),
        ContractTransition.Expire => contract.Expire(Manager, at),
        ContractTransition.Terminate => contract.Terminate("ended early", Manager, at),
        _ => contract.LinkUnderpinning(new UnderpinningLink(SlaDefinitionId.From("gold"), 1, Duration.FromMinutes(level * 15), null, Duration.Zero), null, Manager, at),
    };

    private static Instant At(LocalDate date) => date.AtStartOfDayInZone(London).ToInstant() + Duration.FromHours(9);

    private static Contract Active(ContractTerm term, Instant at)
    {
        var contract = Contract.Draft(ContractId.From("uc-storage"), Storage(), Details(term), Manager, at).Value;
        Assert.True(contract.Activate(Manager, at).IsSuccess);
        return contract;
    }

    private static Supplier Storage() =>
        Supplier.Register(SupplierId.From("acme-storage"), SupplierKind.External, "Acme Storage", [new SupplierContact("Service desk", "desk@acme.example", "+44 20 7946 0000")], [ConfigurationItemId.From("svc-mail")], [ConfigurationItemId.From("san-01")], Manager, Instant.FromUtc(1899, 1, 1, 0, 0)).Value;

    private static Supplier Group() =>
        Supplier.Register(SupplierId.From("db-team"), SupplierKind.InternalGroup, "Database team", [], [], [], Manager, Instant.FromUtc(1899, 1, 1, 0, 0)).Value;

    private static ContractDetails Details(ContractTerm term) => new(
        "Storage support",
        term,
        Periodicity.FromMonths(1),
        Money.Of(1000m, "EUR"),
        ServiceCreditPolicy.Standard,
        CalendarId.From("supplier-hours"),
        London,
        ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromHours(1), Duration.FromHours(6)))]),
        [ConfigurationItemId.From("svc-mail")],
        [ConfigurationItemId.From("san-01")]);
}
