using Itsm.Core.Application;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Application.Tests.Pipeline;

/// <summary>What the test handler does after it has written its counter.</summary>
public enum Then
{
    Succeed,
    ReturnConflict,
    Throw,
}

/// <summary>A test command: adds one to a named counter, then succeeds, fails or throws.</summary>
public sealed record BumpCounter(RequestContext Context, string Name, Then Then = Then.Succeed) : ICommand<Result<long>>;

/// <summary>A test query: reads a counter.</summary>
public sealed record ReadCounter(RequestContext Context, string Name) : IQuery<Result<long>>;

public sealed record Counter(string Name, long Count);

public sealed class CounterRepository : InMemoryRepository<string, Counter>
{
    public CounterRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "counters")
    {
    }

    public Versioned<Counter>? Get(TenantId tenant, string name) => Find(tenant, name);

    public Task<Result> AddAsync(TenantId tenant, Counter counter, CancellationToken cancellationToken) =>
        InsertAsync(tenant, counter.Name, counter, cancellationToken);

    public Task<Result> SaveAsync(TenantId tenant, Counter counter, long expectedVersion, CancellationToken cancellationToken) =>
        UpdateAsync(tenant, counter.Name, counter, expectedVersion, cancellationToken);

    public IReadOnlyList<Counter> List(TenantId tenant) => All(tenant).Select(v => v.Record).ToList();
}

public sealed class BumpCounterValidator : IRequestValidator<BumpCounter>
{
    public IEnumerable<ValidationError> Validate(BumpCounter request)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            yield return Failure.Field(nameof(request.Name), "A counter needs a name.", "counter.name");
        }
    }
}

public sealed class BumpCounterHandler : IRequestHandler<BumpCounter, Result<long>>
{
    private readonly CounterRepository counters;

    public BumpCounterHandler(CounterRepository counters) => this.counters = counters;

    public async Task<Result<long>> Handle(BumpCounter request, CancellationToken cancellationToken)
    {
        var tenant = request.Context.Tenant;
        var current = counters.Get(tenant, request.Name);
        var next = new Counter(request.Name, (current?.Record.Count ?? 0) + 1);
        var saved = current is null
            ? await counters.AddAsync(tenant, next, cancellationToken)
            : await counters.SaveAsync(tenant, next, current.Version, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.AsFailure<long>();
        }

        return request.Then switch
        {
            Then.ReturnConflict => Failure.Conflict<long>("Someone else got there first.", "test.counter.conflict"),
            Then.Throw => throw new InvalidOperationException("The handler failed half-way."),
            _ => next.Count,
        };
    }
}

public sealed class ReadCounterHandler : IRequestHandler<ReadCounter, Result<long>>
{
    private readonly CounterRepository counters;

    public ReadCounterHandler(CounterRepository counters) => this.counters = counters;

    public Task<Result<long>> Handle(ReadCounter request, CancellationToken cancellationToken) =>
        Task.FromResult(counters.Get(request.Context.Tenant, request.Name) is { } counter
            ? Result.Success(counter.Record.Count)
            : Failure.NotFound<long>($"Counter '{request.Name}' does not exist.", "test.counter.not-found"));
}

/// <summary>A service provider with Itsm.Core, a fake clock and the test command registered.</summary>
public sealed class PipelineFixture : IDisposable
{
    public PipelineFixture()
    {
        var services = new ServiceCollection();
        services.AddItsmCore(options => options.Clock = Clock);
        services.AddScoped<CounterRepository>();
        services.AddTransient<IRequestHandler<BumpCounter, Result<long>>, BumpCounterHandler>();
        services.AddTransient<IRequestHandler<ReadCounter, Result<long>>, ReadCounterHandler>();
        services.AddTransient<IRequestValidator<BumpCounter>, BumpCounterValidator>();
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Dispatcher = Provider.GetRequiredService<IItsmDispatcher>();
    }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 2, 9, 30));

    public ServiceProvider Provider { get; }

    public IItsmDispatcher Dispatcher { get; }

    public static RequestContext Context(string tenant = "acme", string actor = "alice") =>
        new(TenantId.From(tenant), UserId.From(actor));

    public T InScope<T>(Func<IServiceProvider, T> read)
    {
        using var scope = Provider.CreateScope();
        return read(scope.ServiceProvider);
    }

    public void Dispose() => Provider.Dispose();
}
