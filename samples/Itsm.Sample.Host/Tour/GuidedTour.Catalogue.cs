using System.Collections.Immutable;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Calendars;
using Itsm.Core.Application.Reporting;
using Itsm.Core.Application.Requests;
using Itsm.Core.Application.ServiceCatalogue;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Common;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using Itsm.Sample.Host.Commands;
using Itsm.Sample.Host.Io;
using NodaTime;

namespace Itsm.Sample.Host.Tour;

/// <summary>
/// The catalogue step: payroll goes live through the transition gate (refused first, listing what is missing), a request for
/// payroll access is approved in two stages and fulfilled by the payroll team on UK office hours and the payroll software
/// vendor's desk on its Madrid hours, its promise the critical path across both calendars; and March's monthly report of
/// payroll is written as a self-contained HTML page.
/// </summary>
internal sealed partial class GuidedTour
{
    private static readonly CustomerId AcmeHr = CustomerId.From("acme-hr");
    private static readonly CalendarId VendorDesk = CalendarId.From("payroll-vendor-desk");
    private static readonly NodaTime.Text.ZonedDateTimePattern TimeIn = NodaTime.Text.ZonedDateTimePattern.CreateWithInvariantCulture("ddd HH:mm", null);

    private async Task RunCatalogueAsync(CancellationToken cancellationToken)
    {
        Heading(
            "Service catalogue, agreements and requests",
            "Demonstrates the transition gate, an agreement signed by both sides, a request approved in stages and fulfilled on two teams' calendars, and the monthly report as a page; why it matters: a service goes live only when it can be delivered, and a request's promise is only honest in each team's own business hours");
        AdvanceTo(Local(6, 14, 8, 0), "Monday 14 June: payroll is to be offered to the HR department as a catalogue service");
        var owner = As("olivia.owner");
        await SendAsync(new DefineService(owner, Payroll, "Payroll") { Customers = [AcmeHr], ServiceHours = OfficeHours }, cancellationToken).ConfigureAwait(false);
        var gold = ImmutableDictionary.CreateRange([KeyValuePair.Create(1, new SlaTargets(Duration.FromMinutes(30), Duration.FromHours(4))), KeyValuePair.Create(2, new SlaTargets(Duration.FromHours(1), Duration.FromHours(8)))]);
        await SendAsync(new AddOffering(owner, Payroll, "gold", gold), cancellationToken).ConfigureAwait(false);
        await SendAsync(new MoveServiceToTransition(owner, Payroll), cancellationToken).ConfigureAwait(false);
        var refused = await dispatcher.SendAsync(new GoLive(owner, Payroll), cancellationToken).ConfigureAwait(false);
        var verdict = await QueryAsync(new CheckAcceptance(owner, Payroll), cancellationToken).ConfigureAwait(false);
        Note($"go live: {(refused.IsSuccess ? "accepted" : $"REFUSED ({refused.ErrorCode}), {verdict.Unmet.Length} criteria unmet")}");
        foreach (var unmet in verdict.Unmet)
        {
            Note($"  {TypedOptions.Kebab(unmet.Criterion.ToString())}: {unmet.Explanation}");
        }

        AdvanceTo(Local(6, 14, 8, 30), "the owner names the support hours, and HR signs the agreement");
        await SendAsync(new ReviseService(owner, Payroll) { Owner = UserId.From("olivia.owner"), SupportHours = OfficeHours }, cancellationToken).ConfigureAwait(false);
        var drafted = await SendAsync(new DraftAgreement(owner, AcmeHr, "Payroll for HR", [new AgreementCoverage(Payroll, "gold")], new LocalDate(2027, 6, 14)) { Zone = London.Id }, cancellationToken).ConfigureAwait(false);
        var agreement = drafted.Record.Id;
        await SendAsync(new SubmitAgreementForReview(owner, agreement), cancellationToken).ConfigureAwait(false);
        await SendAsync(new SignAgreement(As("paula.provider"), agreement, AgreementParty.Provider), cancellationToken).ConfigureAwait(false);
        await SendAsync(new SignAgreement(As("hr.director"), agreement, AgreementParty.Customer), cancellationToken).ConfigureAwait(false);
        var live = await SendAsync(new GoLive(owner, Payroll), cancellationToken).ConfigureAwait(false);
        Note($"agreement signed by paula.provider and hr.director, in force from 14 June in London; payroll is {TypedOptions.Kebab(live.Record.Status.ToString())} under it");
        outcome = outcome with { GateRefusedFor = [.. verdict.Unmet.Select(u => TypedOptions.Kebab(u.Criterion.ToString()))], PayrollWentLive = live.Record.Status == Itsm.Core.ServiceCatalogue.ServiceStatus.Live && !refused.IsSuccess };

        await RunRequestAsync(cancellationToken).ConfigureAwait(false);
        await WriteMarchPageAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunRequestAsync(CancellationToken cancellationToken)
    {
        var admin = As("tour.admin");
        IReadOnlyList<WorkingRange> day = [WorkingRange.Between(new LocalTime(9, 0), new LocalTime(18, 0))];
        var week = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }.ToDictionary(d => d, _ => day);
        var desk = BusinessCalendarDefinition.Create("Payroll vendor desk", Madrid.Id, week, VendorHolidays2027);
        await SendAsync(new DefineCalendar(admin, VendorDesk, desk.IsSuccess ? desk.Value : throw Failed("calendar definition", desk)), cancellationToken).ConfigureAwait(false);
        var payrollTeam = SupportGroupId.From("payroll-team");
        var vendor = SupportGroupId.From("payroll-vendor");
        var item = new DefineRequestItem(
            admin,
            RequestItemId.From("payroll-access"),
            Payroll,
            "Payroll access for a new starter",
            [Part(RequestField.Create("employee", true))],
            [Part(ApprovalStage.Sequential("line manager", [UserId.From("maria.manager")])), Part(ApprovalStage.Parallel("payroll and finance", [UserId.From("olivia.owner"), UserId.From("frank.finance"), UserId.From("fiona.finance")], 2))],
            [
                Part(FulfilmentTask.Create(FulfilmentTaskId.From("record"), "Create the employee record", payrollTeam, Duration.FromHours(2))),
                Part(FulfilmentTask.Create(FulfilmentTaskId.From("licence"), "Issue the payroll licence", vendor, Duration.FromHours(6), [FulfilmentTaskId.From("record")])),
                Part(FulfilmentTask.Create(FulfilmentTaskId.From("train"), "Train the starter", payrollTeam, Duration.FromHours(1), [FulfilmentTaskId.From("licence")])),
            ],
            Duration.FromHours(16),
            OfficeHours,
            new Dictionary<SupportGroupId, CalendarId> { [payrollTeam] = OfficeHours, [vendor] = VendorDesk })
        { WarningThresholds = [75] };
        await SendAsync(item, cancellationToken).ConfigureAwait(false);
        Note("request item payroll-access: 2 approval stages (line manager; 2 of 3 of payroll and finance), tasks record (payroll team, 2h, UK office hours) -> licence (vendor, 6h, Madrid 09:00-18:00) -> train (payroll team, 1h)");

        AdvanceTo(Local(6, 14, 9, 0));
        var submitted = await SendAsync(new SubmitRequest(As("sam.hr"), item.Id) { Values = new Dictionary<string, string?> { ["employee"] = "E-2041" } }, cancellationToken).ConfigureAwait(false);
        var id = submitted.Record.Id;
        var self = await dispatcher.SendAsync(new ApproveRequest(As("sam.hr"), id), cancellationToken).ConfigureAwait(false);
        Note($"sam.hr asks for payroll access for E-2041; sam.hr approving it: {(self.IsSuccess ? "accepted" : $"refused ({self.ErrorCode})")}");
        AdvanceTo(Local(6, 14, 9, 30));
        var first = await SendAsync(new ApproveRequest(As("maria.manager"), id), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(6, 14, 10, 0));
        await SendAsync(new ApproveRequest(As("fiona.finance"), id), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(6, 14, 10, 30));
        var approved = await SendAsync(new ApproveRequest(As("olivia.owner"), id) { Comment = "Starts next week" }, cancellationToken).ConfigureAwait(false);
        Note($"maria.manager approves stage 1 (state {RequestView.Name(first.Record.State)}); fiona.finance, then olivia.owner: 2 of 3, {RequestView.Name(approved.Record.State)}, promised {Show(approved.Record.Promised)}");
        var calendars = new Dictionary<SupportGroupId, BusinessCalendar>();
        foreach (var (group, calendar) in approved.Record.Item.GroupCalendars)
        {
            calendars[group] = BusinessCalendar.FromDefinition((await QueryAsync(new GetCalendar(admin, calendar), cancellationToken).ConfigureAwait(false)).Record);
        }

        // The same schedule the approval recorded its promise from, task by task, to show where the business time falls.
        var schedule = Part(FulfilmentSchedule.Plan(approved.Record.Item.Tasks, approved.Record.History[^1].At, calendars));
        foreach (var task in schedule.Tasks)
        {
            var zone = calendars[task.Task.Group].Zone;
            Note($"  {task.Task.Id} ({task.Task.Group}, {Show(task.Task.Effort)} on {approved.Record.Item.GroupCalendars[task.Task.Group]}): {Show(task.Start)} to {Show(task.End)}"
                + (zone.Id == London.Id ? string.Empty : $" ({TimeIn.Format(task.Start.InZone(zone))} to {TimeIn.Format(task.End.InZone(zone))} in {zone.Id})"));
        }

        foreach (var (task, at) in new[] { ("record", Local(6, 14, 12, 30)), ("licence", Local(6, 15, 9, 30)), ("train", Local(6, 15, 10, 30)) })
        {
            AdvanceTo(at);
            await SendAsync(new CompleteFulfilmentTask(As("pat.payroll"), id, FulfilmentTaskId.From(task)), cancellationToken).ConfigureAwait(false);
        }

        var view = await QueryAsync(new GetRequest(As("sam.hr"), id), cancellationToken).ConfigureAwait(false);
        AdvanceTo(Local(6, 15, 11, 0));
        var closed = await SendAsync(new CloseRequest(As("sam.hr"), id), cancellationToken).ConfigureAwait(false);
        Note($"the three tasks done by {Show(view.Request.Record.History[^1].At)}: fulfilment clock {view.Fulfilment.State.ToString().ToLowerInvariant()} ({Show(view.Fulfilment.Elapsed)} of {Show(view.Fulfilment.Target)}); request {RequestView.Name(closed.Record.State)}");
        outcome = outcome with
        {
            SelfApprovalOfRequestRefused = !self.IsSuccess && self.ErrorCode == ServiceRequest.SelfApprovalCode,
            RequestStateAfterFirstStage = RequestView.Name(first.Record.State),
            RequestPromised = approved.Record.Promised,
            RequestFulfilment = view.Fulfilment.State.ToString(),
            RequestFinalState = RequestView.Name(closed.Record.State),
        };
    }

    private async Task WriteMarchPageAsync(CancellationToken cancellationToken)
    {
        var report = await QueryAsync(new GetMonthlyServiceReport(As("sla.manager"), Payroll, new YearMonth(2027, 3)), cancellationToken).ConfigureAwait(false);
        var folder = store.EndsWith("itsm.db", StringComparison.Ordinal) ? Path.GetDirectoryName(Path.GetFullPath(store))! : Path.GetTempPath();
        var page = Path.Combine(folder, "payroll-2027-03.html");
        AtomicOutput.Write(page, TextWriter.Null, writer => writer.Write(ServiceReportPage.Render(report)));
        Note($"March's report of payroll ({report.Report.IncidentCount} incidents, {report.Months.Length} months of trend) written as HTML with SVG charts: {page}");
        outcome = outcome with { MarchReportPage = page };
    }

    private static T Part<T>(Result<T> part) => part.IsSuccess ? part.Value : throw Failed(typeof(T).Name, part);
}
