using Itsm.Core.Application.Common;
using Itsm.Core.Application.InMemory;
using Itsm.Core.Common;
using Itsm.Core.Problems;

namespace Itsm.Core.Application.Problems;

/// <summary>The in-memory <see cref="IProblemRepository"/>: stores immutable snapshots, evaluates specifications with Ardalis's in-memory evaluator.</summary>
public sealed class InMemoryProblemRepository : InMemoryAggregateRepository<ProblemId, Problem, ProblemSnapshot>, IProblemRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    public InMemoryProblemRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "problems")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<Problem>>> ListAsync(TenantId tenant, ProblemSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override ProblemId IdOf(Problem aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override ProblemSnapshot Snapshot(Problem aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override Problem Restore(ProblemSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = Problem.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new StoredRecordException("problems", snapshot.Id.ToString(), restored.ValidationErrors.First().ErrorMessage);
    }
}

/// <summary>The in-memory <see cref="IKnownErrorRepository"/>: stores immutable snapshots, evaluates specifications with Ardalis's in-memory evaluator.</summary>
public sealed class InMemoryKnownErrorRepository : InMemoryAggregateRepository<KnownErrorId, KnownError, KnownErrorSnapshot>, IKnownErrorRepository
{
    /// <summary>Creates the adapter in the scope of <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The scope's unit of work.</param>
    public InMemoryKnownErrorRepository(InMemoryUnitOfWork unitOfWork)
        : base(unitOfWork, "known_errors")
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Versioned<KnownError>>> ListAsync(TenantId tenant, KnownErrorSpecification specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return Task.FromResult(Select(tenant, specification.Evaluate));
    }

    /// <inheritdoc />
    protected override KnownErrorId IdOf(KnownError aggregate) => aggregate.Id;

    /// <inheritdoc />
    protected override KnownErrorSnapshot Snapshot(KnownError aggregate) => aggregate.ToSnapshot();

    /// <inheritdoc />
    protected override KnownError Restore(KnownErrorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var restored = KnownError.Restore(snapshot);
        return restored.IsSuccess ? restored.Value : throw new StoredRecordException("known_errors", snapshot.Id.ToString(), restored.ValidationErrors.First().ErrorMessage);
    }
}
