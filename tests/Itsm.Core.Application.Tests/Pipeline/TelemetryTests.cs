using System.Diagnostics;
using System.Reflection;
using Itsm.Core.Application.Calendars;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Diagnostics;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Pipeline;
using Itsm.Core.Application.Problems;
using Itsm.Core.Application.ServiceLevels;
using Itsm.Core.Calendars;
using Itsm.Core.Common;
using Itsm.Core.Incidents;
using Itsm.Core.ServiceLevels;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Tags = Itsm.Core.Application.Diagnostics.ItsmTelemetry.Tags;

namespace Itsm.Core.Application.Tests.Pipeline;

/// <summary>
/// What a host's OpenTelemetry sees of each command and query. Every test uses a tenant of its own
/// and keeps only the activities and measurements of that tenant, so parallel tests cannot see
/// each other's requests.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private static readonly ConfigurationItemId Email = ConfigurationItemId.From("svc-email");
    private static readonly UserId Caller = UserId.From("carol");
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 9, 0)); // Monday 09:00 London (GMT)
    private readonly string tenant = $"telemetry-{Guid.NewGuid():N}";
    private readonly LogSink logs = new();
    private readonly ServiceProvider provider;
    private readonly IItsmDispatcher itsm;
    private readonly TelemetryCapture capture;

    public TelemetryTests()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = clock);
        services.AddSingleton(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(CapturingLogger<>));
        services.AddScoped<CounterRepository>();
        services.AddTransient<IRequestHandler<BumpCounter, Result<long>>, BumpCounterHandler>();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        itsm = provider.GetRequiredService<IItsmDispatcher>();
        capture = new TelemetryCapture(tenant);
    }

    public void Dispose()
    {
        capture.Dispose();
        provider.Dispose();
    }

    [Fact]
    public void ItsmTelemetry_NamesTheSourceAndMeterAndCarriesTheInformationalVersion()
    {
        var informational = typeof(ItsmTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal("Itsm.Core", ItsmTelemetry.SourceName);
        Assert.Equal(informational, ItsmTelemetry.Version);
        Assert.Equal(ItsmTelemetry.SourceName, ItsmTelemetry.ActivitySource.Name);
        Assert.Equal(informational, ItsmTelemetry.ActivitySource.Version);
        Assert.Equal(ItsmTelemetry.SourceName, ItsmTelemetry.Meter.Name);
        Assert.Equal(informational, ItsmTelemetry.Meter.Version);
    }

    [Fact]
    public async Task Send_AcceptedCommand_OneActivityCountedOkWithDurationAndTraceLog()
    {
        await DefineSlaAsync();
        var context = Context();

        var opened = await itsm.SendAsync(new OpenIncident(context, "Mail is not delivered", Email, 2, 2, Caller));

        Assert.True(opened.IsSuccess, opened.Message);
        var activity = capture.SingleActivity(nameof(OpenIncident));
        Assert.Equal("itsm.command OpenIncident", activity.DisplayName);
        Assert.Equal(ActivityKind.Internal, activity.Kind);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal("command", activity.GetTagItem(Tags.RequestKind));
        Assert.Equal(tenant, activity.GetTagItem(Tags.Tenant));
        Assert.Equal(context.Correlation.ToString(), activity.GetTagItem(Tags.CorrelationId));
        Assert.Equal("Ok", activity.GetTagItem(Tags.Outcome));
        Assert.Null(activity.GetTagItem(Tags.ErrorCode));

        var counted = Assert.Single(capture.Of(ItsmTelemetry.Instruments.Commands, nameof(OpenIncident)));
        Assert.Equal(1, counted.Value);
        Assert.Equal("{command}", counted.Unit);
        Assert.Equal("Ok", counted.Tag(Tags.Outcome));
        Assert.False(counted.Tags.ContainsKey(Tags.ErrorCode));
        Assert.False(counted.Tags.ContainsKey(Tags.Tenant)); // tenants stay off metrics: bounded cardinality

        var duration = Assert.Single(capture.Of(ItsmTelemetry.Instruments.RequestDuration, nameof(OpenIncident)));
        Assert.Equal("s", duration.Unit);
        Assert.InRange(duration.Value, double.Epsilon, 60);
        Assert.Equal("command", duration.Tag(Tags.RequestKind));
        Assert.Equal("Ok", duration.Tag(Tags.Outcome));

        var log = Assert.Single(LogsOf(context));
        Assert.Equal(LogLevel.Trace, log.Level);
        Assert.Equal("RequestSucceeded", log.EventId.Name);
        Assert.Equal(typeof(TelemetryBehavior<,>), log.Category.GetGenericTypeDefinition());
        Assert.Contains("OpenIncident", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_InvalidCommand_TaggedInvalidWithErrorCodeNotAnErrorAndLoggedAtDebug()
    {
        var context = Context();

        var result = await itsm.SendAsync(new OpenIncident(context, " ", Email, 9, 0, Caller));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("incident.title", result.ErrorCode);
        var activity = capture.SingleActivity(nameof(OpenIncident)); // validation short-circuits inside the telemetry step
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal("Invalid", activity.GetTagItem(Tags.Outcome));
        Assert.Equal(result.ErrorCode, activity.GetTagItem(Tags.ErrorCode));
        Assert.Null(activity.GetTagItem(Tags.ErrorType));

        var counted = Assert.Single(capture.Of(ItsmTelemetry.Instruments.Commands, nameof(OpenIncident)));
        Assert.Equal("Invalid", counted.Tag(Tags.Outcome));
        Assert.Equal(result.ErrorCode, counted.Tag(Tags.ErrorCode));
        Assert.Equal("Invalid", Assert.Single(capture.Of(ItsmTelemetry.Instruments.RequestDuration, nameof(OpenIncident))).Tag(Tags.Outcome));

        var log = Assert.Single(LogsOf(context));
        Assert.Equal(LogLevel.Debug, log.Level);
        Assert.Equal("RequestRejected", log.EventId.Name);
        Assert.Equal(result.ErrorCode, log.State["ErrorCode"]);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Send_UnknownIncident_TaggedNotFoundWithItsErrorCode()
    {
        var context = Context();

        var result = await itsm.SendAsync(new AssignIncident(context, IncidentId.New(), UserId.From("bob")));

        Assert.Equal(ResultStatus.NotFound, result.Status);
        var activity = capture.SingleActivity(nameof(AssignIncident));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal("NotFound", activity.GetTagItem(Tags.Outcome));
        Assert.Equal("incident.not-found", activity.GetTagItem(Tags.ErrorCode));
        var counted = Assert.Single(capture.Of(ItsmTelemetry.Instruments.Commands, nameof(AssignIncident)));
        Assert.Equal("NotFound", counted.Tag(Tags.Outcome));
        Assert.Equal("incident.not-found", counted.Tag(Tags.ErrorCode));
        Assert.Equal(LogLevel.Debug, Assert.Single(LogsOf(context)).Level);
    }

    [Fact]
    public async Task Send_StaleVersion_TaggedConflictNotAnError()
    {
        var id = await OpenAsync();
        var context = Context();

        var result = await itsm.SendAsync(new AssignIncident(context, id, UserId.From("bob")) { ExpectedVersion = 7 });

        Assert.Equal(ResultStatus.Conflict, result.Status);
        var activity = capture.SingleActivity(nameof(AssignIncident));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal("Conflict", activity.GetTagItem(Tags.Outcome));
        Assert.Equal("incident.version-conflict", activity.GetTagItem(Tags.ErrorCode));
        Assert.Equal("incident.version-conflict", Assert.Single(capture.Of(ItsmTelemetry.Instruments.Commands, nameof(AssignIncident))).Tag(Tags.ErrorCode));
        var log = Assert.Single(LogsOf(context));
        Assert.Equal(LogLevel.Debug, log.Level);
        Assert.Equal("Conflict", log.State["Outcome"]);
    }

    [Fact]
    public async Task Query_IsAQueryActivityCountedAsAQueryNotACommand()
    {
        var id = await OpenAsync();
        var context = Context();

        var found = await itsm.QueryAsync(new GetIncident(context, id));

        Assert.True(found.IsSuccess, found.Message);
        var activity = capture.SingleActivity(nameof(GetIncident));
        Assert.Equal("itsm.query GetIncident", activity.DisplayName);
        Assert.Equal("query", activity.GetTagItem(Tags.RequestKind));
        Assert.Equal("Ok", activity.GetTagItem(Tags.Outcome));
        Assert.Equal(1, Assert.Single(capture.Of(ItsmTelemetry.Instruments.Queries, nameof(GetIncident))).Value);
        Assert.Empty(capture.Of(ItsmTelemetry.Instruments.Commands, nameof(GetIncident)));
        Assert.Equal("query", Assert.Single(capture.Of(ItsmTelemetry.Instruments.RequestDuration, nameof(GetIncident))).Tag(Tags.RequestKind));
        Assert.Equal(LogLevel.Trace, Assert.Single(LogsOf(context)).Level);
    }

    [Fact]
    public async Task Send_HandlerThrows_ErrorActivityWithExceptionEventLoggedAtErrorAndRethrown()
    {
        var context = Context();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => itsm.SendAsync(new BumpCounter(context, "tickets", Then.Throw)));

        var activity = capture.SingleActivity(nameof(BumpCounter));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(ItsmTelemetry.Outcomes.Exception, activity.GetTagItem(Tags.Outcome));
        Assert.Equal(typeof(InvalidOperationException).FullName, activity.GetTagItem(Tags.ErrorType));
        var recorded = Assert.Single(activity.Events, e => e.Name == "exception");
        Assert.Equal(thrown.Message, recorded.Tags.Single(t => t.Key == "exception.message").Value);
        Assert.Equal(ItsmTelemetry.Outcomes.Exception, Assert.Single(capture.Of(ItsmTelemetry.Instruments.Commands, nameof(BumpCounter))).Tag(Tags.Outcome));

        var log = Assert.Single(LogsOf(context));
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal("RequestFaulted", log.EventId.Name);
        Assert.Same(thrown, log.Exception);
        Assert.Equal(tenant, log.State["Tenant"]);
        Assert.Equal("BumpCounter", log.State["Request"]);
    }

    [Fact]
    public async Task IncidentCommands_CountEachSlaWarningAndBreachOnceWhenFirstSeen()
    {
        await DefineSlaAsync();
        var id = await OpenAsync(impact: 1, urgency: 1); // P1: resolution within 4 business hours, warnings at 50% and 75%
        var problem = await itsm.SendAsync(new LogProblem(Context(), "Mail keeps bouncing", Email, 2, 2));
        Assert.True(problem.IsSuccess, problem.Message);
        await SendOkAsync(new AssignIncident(Context(), id, UserId.From("bob"))); // stops the response clock at once

        clock.AdvanceMinutes(135); // 56% of the resolution target
        await SendOkAsync(new StartIncidentWork(Context(), id));
        clock.AdvanceMinutes(60); // 81%
        await SendOkAsync(new LinkIncidentToProblem(Context(), id, problem.Value.Record.Id));
        clock.AdvanceMinutes(60); // 4h15: breached
        await SendOkAsync(new PutIncidentOnHold(Context(), id, HoldReason.AwaitingCustomer));
        clock.AdvanceMinutes(60);
        await SendOkAsync(new ResumeIncident(Context(), id)); // nothing new: each crossing counts once

        var warnings = capture.Of(ItsmTelemetry.Instruments.SlaWarnings);
        Assert.Equal([50L, 75L], warnings.Select(w => Convert.ToInt64(w.Tag(Tags.SlaThreshold))));
        Assert.All(warnings, w => Assert.Equal("resolution", w.Tag(Tags.SlaMetric)));
        Assert.All(warnings, w => Assert.Equal("P1", w.Tag(Tags.Priority)));
        Assert.All(warnings, w => Assert.Equal(1, w.Value));
        var breach = Assert.Single(capture.Of(ItsmTelemetry.Instruments.SlaBreaches));
        Assert.Equal("resolution", breach.Tag(Tags.SlaMetric));
        Assert.Equal("P1", breach.Tag(Tags.Priority));
        Assert.Equal("{breach}", breach.Unit);

        Assert.Equal(ItsmTelemetry.Events.SlaWarning, Assert.Single(capture.SingleActivity(nameof(StartIncidentWork)).Events).Name);
        Assert.Equal(ItsmTelemetry.Events.SlaBreach, Assert.Single(capture.SingleActivity(nameof(PutIncidentOnHold)).Events).Name);
        Assert.Empty(capture.SingleActivity(nameof(ResumeIncident)).Events);
    }

    [Fact]
    public async Task IncidentCommand_Rejected_CountsNoSlaCrossing()
    {
        await DefineSlaAsync();
        var id = await OpenAsync(impact: 1, urgency: 1);
        clock.AdvanceMinutes(300); // the resolution clock is breached by now

        var result = await itsm.SendAsync(new StartIncidentWork(Context(), id)); // illegal: not assigned yet

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Empty(capture.Of(ItsmTelemetry.Instruments.SlaWarnings));
        Assert.Empty(capture.Of(ItsmTelemetry.Instruments.SlaBreaches));
        await SendOkAsync(new AssignIncident(Context(), id, UserId.From("bob")));
        Assert.Equal(4, capture.Of(ItsmTelemetry.Instruments.SlaWarnings).Count); // 50% and 75% of both clocks
        Assert.Equal(["response", "resolution"], capture.Of(ItsmTelemetry.Instruments.SlaBreaches).Select(b => (string?)b.Tag(Tags.SlaMetric)));
    }

    [Fact]
    public async Task AddItsmCore_WithoutLogging_HandlesRequestsAndStillTraces()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = clock);
        await using var bare = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var result = await bare.GetRequiredService<IItsmDispatcher>().SendAsync(new AssignIncident(Context(), IncidentId.New(), UserId.From("bob")));

        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Null(bare.GetService<ILogger<TelemetryTests>>());
        Assert.Equal("NotFound", capture.SingleActivity(nameof(AssignIncident)).GetTagItem(Tags.Outcome));
    }

    private RequestContext Context() => new(TenantId.From(tenant), UserId.From("alice"));

    private IEnumerable<LogEntry> LogsOf(RequestContext context) =>
        logs.Entries.Where(e => e.State.TryGetValue("CorrelationId", out var id) && Equals(id, context.Correlation));

    private async Task SendOkAsync(IncidentCommand command)
    {
        var result = await itsm.SendAsync(command);
        Assert.True(result.IsSuccess, result.Message);
    }

    private async Task<IncidentId> OpenAsync(int impact = 2, int urgency = 2)
    {
        var opened = await itsm.SendAsync(new OpenIncident(Context(), "Mail is not delivered", Email, impact, urgency, Caller));
        Assert.True(opened.IsSuccess, opened.Message);
        return opened.Value.Record.Id;
    }

    private async Task DefineSlaAsync()
    {
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var definition = BusinessCalendarDefinition.Create(
            "office", "Europe/London", weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkingRange>)[WorkingRange.Between(new LocalTime(9, 0), new LocalTime(17, 0))])).Value;
        Assert.True((await itsm.SendAsync(new DefineCalendar(Context(), CalendarId.From("office"), definition))).IsSuccess);
        var sla = SlaDefinition.Create(
            SlaDefinitionId.From("email-gold"), "Email gold", new SlaScope(Email), CalendarId.From("office"),
            new Dictionary<int, SlaTargets>
            {
                [1] = new(Duration.FromHours(1), Duration.FromHours(4)),
                [2] = new(Duration.FromHours(2), Duration.FromHours(8)),
                [3] = new(Duration.FromHours(4), Duration.FromHours(16)),
            }, new SlaClockRules { WarningThresholds = [50, 75], PausedBy = [SlaPause.OnHold] }).Value;
        var defined = await itsm.SendAsync(new DefineSla(Context(), sla));
        Assert.True(defined.IsSuccess, defined.Message);
    }
}
