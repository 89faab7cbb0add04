using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Application.Tests.Pipeline;

public sealed class PipelineTests : IDisposable
{
    private readonly PipelineFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Send_InvalidCommand_ReturnsInvalidAndWritesNothing()
    {
        var result = await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "  "));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("Name", Assert.Single(result.ValidationErrors).Identifier);
        Assert.Empty(Counters("acme"));
        Assert.Empty(await Audit("acme"));
    }

    [Fact]
    public async Task Send_NullContext_ReturnsInvalidNamingContext()
    {
        var result = await fixture.Dispatcher.SendAsync(new BumpCounter(null!, "tickets"));

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal("Context", Assert.Single(result.ValidationErrors).Identifier);
        Assert.Empty(await Audit("acme"));
    }

    [Fact]
    public async Task Send_AcceptedCommand_WritesExactlyOneAuditRecord()
    {
        var context = PipelineFixture.Context(actor: "bob");

        var result = await fixture.Dispatcher.SendAsync(new BumpCounter(context, "tickets"));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(1, result.Value);
        var record = Assert.Single(await Audit("acme"));
        Assert.Equal(1, record.Sequence);
        Assert.Equal(UserId.From("bob"), record.Actor);
        Assert.Equal(TenantId.From("acme"), record.Tenant);
        Assert.Equal(nameof(BumpCounter), record.Command);
        Assert.Equal(ResultStatus.Ok, record.Outcome);
        Assert.Equal(fixture.Clock.GetCurrentInstant(), record.OccurredAt);
        Assert.Equal(context.Correlation, record.Correlation);
        Assert.Contains("tickets", record.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_AuditSequence_IncreasesPerTenant()
    {
        await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "a"));
        fixture.Clock.AdvanceMinutes(5);
        await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "b"));
        await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context("globex"), "a"));

        var acme = await Audit("acme");
        Assert.Equal([1L, 2L], acme.Select(r => r.Sequence));
        Assert.Equal(Duration.FromMinutes(5), acme[1].OccurredAt - acme[0].OccurredAt);
        Assert.Equal(1, Assert.Single(await Audit("globex")).Sequence);
    }

    [Fact]
    public async Task Send_HandlerReturnsFailure_RollsBackItsWritesAndLeavesNoAudit()
    {
        var result = await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "tickets", Then.ReturnConflict));

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Empty(Counters("acme"));
        Assert.Empty(await Audit("acme"));
    }

    [Fact]
    public async Task Send_HandlerThrows_RollsBackAndReleasesTheStore()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "tickets", Then.Throw)));

        Assert.Empty(Counters("acme"));
        Assert.Empty(await Audit("acme"));

        // The store's writer lock was released: the next command goes through.
        var next = await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "tickets"));
        Assert.Equal(1, next.Value);
    }

    [Fact]
    public async Task Query_LeavesNoAuditRecord()
    {
        await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "tickets"));

        var read = await fixture.Dispatcher.QueryAsync(new ReadCounter(PipelineFixture.Context(), "tickets"));

        Assert.Equal(1, read.Value);
        Assert.Single(await Audit("acme"));
    }

    [Fact]
    public async Task Query_OtherTenantsRecord_IsNotFound()
    {
        await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context("acme"), "tickets"));

        var read = await fixture.Dispatcher.QueryAsync(new ReadCounter(PipelineFixture.Context("globex"), "tickets"));

        Assert.Equal(ResultStatus.NotFound, read.Status);
    }

    [Fact]
    public async Task Send_ParallelWritersOnOneRecord_LoseNoUpdate()
    {
        const int writers = 40;

        var results = await Task.WhenAll(Enumerable.Range(0, writers)
            .Select(_ => Task.Run(() => fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "tickets")))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Message));
        Assert.Equal(writers, Assert.Single(Counters("acme")).Count);
        Assert.Equal(writers, (await Audit("acme")).Count);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsConflictAndChangesNothing()
    {
        await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context(), "tickets"));
        var tenant = TenantId.From("acme");

        var result = await fixture.InScope(provider =>
            provider.GetRequiredService<CounterRepository>().SaveAsync(tenant, new Counter("tickets", 99), expectedVersion: 7, CancellationToken.None));

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Contains("version 1, you had 7", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(Counters("acme")).Count);
    }

    [Fact]
    public async Task Update_OtherTenantsRecord_IsNotFound()
    {
        await fixture.Dispatcher.SendAsync(new BumpCounter(PipelineFixture.Context("acme"), "tickets"));

        var result = await fixture.InScope(provider =>
            provider.GetRequiredService<CounterRepository>().SaveAsync(TenantId.From("globex"), new Counter("tickets", 99), 1, CancellationToken.None));

        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Equal(1, Assert.Single(Counters("acme")).Count);
    }

    private IReadOnlyList<Counter> Counters(string tenant) =>
        fixture.InScope(provider => provider.GetRequiredService<CounterRepository>().List(TenantId.From(tenant)));

    private Task<IReadOnlyList<AuditRecord>> Audit(string tenant) =>
        fixture.InScope(provider => provider.GetRequiredService<IAuditLog>().ListAsync(TenantId.From(tenant), 0, 100, CancellationToken.None));
}
