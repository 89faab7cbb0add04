using Itsm.Core.Common;

namespace Itsm.Core.Application.Common;

/// <summary>How an aggregate is named in the answers every command on it shares: its noun in messages and its two codes.</summary>
/// <remarks>The codes are given as constants (<see cref="NotFoundAs"/>, <see cref="StaleAs"/>), so the error catalogue finds them.</remarks>
/// <param name="Noun">Its name in messages: <c>Incident</c>, <c>Change</c>.</param>
internal sealed record AggregateKind(string Noun)
{
    private string notFoundCode = "record.not-found";
    private string staleCode = "record.version-conflict";

    /// <summary>This kind, answering an unknown id with <paramref name="errorCode"/>.</summary>
    public AggregateKind NotFoundAs(string errorCode) => this with { notFoundCode = errorCode };

    /// <summary>This kind, answering a stale expected version with <paramref name="errorCode"/>.</summary>
    public AggregateKind StaleAs(string errorCode) => this with { staleCode = errorCode };

    public Result<T> NotFound<T>(object id) => Failure.NotFound<T>($"{Noun} {id} does not exist.", notFoundCode);

    public Result<T> Stale<T>(object id, long stored, long expected) =>
        Failure.Conflict<T>($"{Noun} {id} changed since you loaded it (version {stored}, you had {expected}); reload and try again.", staleCode);
}

/// <summary>
/// The shape every command on an aggregate shares: load it in the caller's tenant, check the version the
/// caller saw, make one domain call, save with optimistic concurrency, and answer the saved state and version.
/// </summary>
internal static class AggregateCommands
{
    /// <summary>Stores a new aggregate and answers it at version 1.</summary>
    public static async Task<Result<Versioned<TAggregate>>> AddAsync<TId, TAggregate>(
        IAggregateRepository<TId, TAggregate> repository, TenantId tenant, Result<TAggregate> created, CancellationToken cancellationToken)
        where TId : notnull
    {
        if (!created.IsSuccess)
        {
            return created.AsFailure<Versioned<TAggregate>>();
        }

        var added = await repository.AddAsync(tenant, created.Value, cancellationToken).ConfigureAwait(false);
        return added.IsSuccess ? new Versioned<TAggregate>(created.Value, 1) : added.AsFailure<Versioned<TAggregate>>();
    }

    /// <summary>Loads <paramref name="id"/>, checks <paramref name="expectedVersion"/>, applies <paramref name="act"/>, saves, and answers the new state and version.</summary>
    public static Task<Result<Versioned<TAggregate>>> ApplyAsync<TId, TAggregate>(
        IAggregateRepository<TId, TAggregate> repository,
        AggregateKind kind,
        TenantId tenant,
        TId id,
        long? expectedVersion,
        Func<TAggregate, Task<Result>> act,
        CancellationToken cancellationToken)
        where TId : notnull =>
        StepAsync(repository, kind, tenant, id, expectedVersion, async aggregate => (await act(aggregate).ConfigureAwait(false)) is { IsSuccess: false } refused ? refused.AsFailure<TAggregate>() : aggregate, cancellationToken);

    /// <summary>
    /// Loads <paramref name="id"/>, checks <paramref name="expectedVersion"/>, computes the next state with <paramref name="step"/>
    /// (for an immutable aggregate, or a repository that stores snapshots), saves it, and answers it with its new version.
    /// </summary>
    public static Task<Result<Versioned<TAggregate>>> ApplyAsync<TId, TAggregate>(
        IAggregateRepository<TId, TAggregate> repository,
        AggregateKind kind,
        TenantId tenant,
        TId id,
        long? expectedVersion,
        Func<TAggregate, Result<TAggregate>> step,
        CancellationToken cancellationToken)
        where TId : notnull =>
        StepAsync(repository, kind, tenant, id, expectedVersion, aggregate => Task.FromResult(step(aggregate)), cancellationToken);

    /// <summary>As <see cref="ApplyAsync{TId, TAggregate}(IAggregateRepository{TId, TAggregate}, AggregateKind, TenantId, TId, long?, Func{TAggregate, Task{Result}}, CancellationToken)"/> with a synchronous domain call.</summary>
    public static Task<Result<Versioned<TAggregate>>> ApplyAsync<TId, TAggregate>(
        IAggregateRepository<TId, TAggregate> repository,
        AggregateKind kind,
        TenantId tenant,
        TId id,
        long? expectedVersion,
        Func<TAggregate, Result> act,
        CancellationToken cancellationToken)
        where TId : notnull =>
        ApplyAsync(repository, kind, tenant, id, expectedVersion, aggregate => Task.FromResult(act(aggregate)), cancellationToken);

    /// <summary>The one shape under every overload: load, check the version, step, save, answer.</summary>
    private static async Task<Result<Versioned<TAggregate>>> StepAsync<TId, TAggregate>(
        IAggregateRepository<TId, TAggregate> repository,
        AggregateKind kind,
        TenantId tenant,
        TId id,
        long? expectedVersion,
        Func<TAggregate, Task<Result<TAggregate>>> step,
        CancellationToken cancellationToken)
        where TId : notnull
    {
        var stored = await repository.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return kind.NotFound<Versioned<TAggregate>>(id);
        }

        if (expectedVersion is { } expected && expected != stored.Version)
        {
            return kind.Stale<Versioned<TAggregate>>(id, stored.Version, expected);
        }

        var next = await step(stored.Record).ConfigureAwait(false);
        if (!next.IsSuccess)
        {
            return next.AsFailure<Versioned<TAggregate>>();
        }

        var saved = await repository.UpdateAsync(tenant, next.Value, stored.Version, cancellationToken).ConfigureAwait(false);
        return saved.IsSuccess ? new Versioned<TAggregate>(next.Value, stored.Version + 1) : saved.AsFailure<Versioned<TAggregate>>();
    }

    /// <summary>The same answer with the state in another form (a snapshot read model).</summary>
    public static Result<Versioned<TOut>> Select<TIn, TOut>(this Result<Versioned<TIn>> result, Func<TIn, TOut> select) =>
        result.IsSuccess ? new Versioned<TOut>(select(result.Value.Record), result.Value.Version) : result.AsFailure<Versioned<TOut>>();
}
