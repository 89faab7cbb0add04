namespace Itsm.Core.Application.Common;

/// <summary>
/// Port: the transaction around one command. The unit-of-work behaviour begins it before the
/// handler runs, commits it when the handler succeeds, and rolls it back when the handler fails or throws.
/// </summary>
/// <remarks>
/// One instance per dependency-injection scope (one command). Every port resolved in the same
/// scope takes part in the transaction. Not thread-safe: a scope serves one request at a time.
/// </remarks>
public interface IUnitOfWork
{
    /// <summary>True between <see cref="BeginAsync"/> and <see cref="CommitAsync"/> or <see cref="RollbackAsync"/>.</summary>
    bool IsActive { get; }

    /// <summary>Begins the transaction.</summary>
    /// <exception cref="InvalidOperationException">A transaction is already active in this scope.</exception>
    Task BeginAsync(CancellationToken cancellationToken);

    /// <summary>Makes every change of the transaction durable and visible.</summary>
    /// <exception cref="InvalidOperationException">No transaction is active.</exception>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Discards every change of the transaction. Does nothing when no transaction is active.</summary>
    Task RollbackAsync(CancellationToken cancellationToken);
}
