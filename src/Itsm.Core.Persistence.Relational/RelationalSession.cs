using System.Data.Common;
using Itsm.Core.Application.Auditing;
using Itsm.Core.Application.Common;
using Itsm.Core.Common;

namespace Itsm.Core.Persistence.Relational;

/// <summary>
/// The database side of one dependency-injection scope (one command or query): a connection opened
/// on first use and, while a unit of work is active, its transaction. Every relational adapter in
/// the scope runs its statements here, so they all take part in the same transaction.
/// </summary>
/// <remarks>
/// Implements <see cref="IUnitOfWork"/>. Outside a unit of work, each write runs in a transaction
/// of its own, so a multi-statement write (an item and the CMDB revision) is still atomic. Not
/// thread-safe: a scope serves one request at a time.
/// </remarks>
internal sealed class RelationalSession : IUnitOfWork, IAsyncDisposable, IDisposable
{
    private readonly SqlDialect dialect;
    private readonly SchemaGate schema;
    private DbConnection? connection;
    private DbTransaction? transaction;

    public RelationalSession(SqlDialect dialect, SchemaGate schema, AuditTrail trail)
    {
        this.dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        this.schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Trail = trail ?? throw new ArgumentNullException(nameof(trail));
    }

    /// <summary>Where the scope's repositories report what they wrote, for the command's audit record.</summary>
    public AuditTrail Trail { get; }

    /// <inheritdoc />
    public bool IsActive => transaction is not null;

    /// <summary>The engine this session talks to.</summary>
    public SqlDialect Dialect => dialect;

    /// <inheritdoc />
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            throw new InvalidOperationException("A unit of work is already active in this scope.");
        }

        var open = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        transaction = await dialect.BeginTransactionAsync(open, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var active = transaction ?? throw new InvalidOperationException("No unit of work is active to commit.");
        transaction = null;
        await using (active.ConfigureAwait(false))
        {
            await active.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (transaction is { } active)
        {
            transaction = null;
            await using (active.ConfigureAwait(false))
            {
                await active.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a read: inside the active unit of work, or on its own.</summary>
    public async Task<T> ReadAsync<T>(Func<DbCommand, Task<T>> read, CancellationToken cancellationToken)
    {
        var open = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        var command = open.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            return await read(command).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs a write that may take several statements: inside the active unit of work, or in a
    /// transaction of its own that commits when the write succeeds and rolls back when it fails or throws.
    /// </summary>
    public async Task<Result> WriteAsync(Func<Func<DbCommand>, Task<Result>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (transaction is not null)
        {
            return await write(NewCommand).ConfigureAwait(false);
        }

        await BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await write(NewCommand).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                await CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return result;
        }
        catch
        {
            await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (transaction is { } active)
        {
            transaction = null;
            await active.DisposeAsync().ConfigureAwait(false);
        }

        if (connection is { } open)
        {
            connection = null;
            await open.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        transaction?.Dispose();
        transaction = null;
        connection?.Dispose();
        connection = null;
    }

    private DbCommand NewCommand()
    {
        var command = (connection ?? throw new InvalidOperationException("The session has no open connection.")).CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private async Task<DbConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (connection is not null)
        {
            return connection;
        }

        await schema.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var created = dialect.CreateConnection();
        try
        {
            await dialect.OpenAsync(created, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await created.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        connection = created;
        return created;
    }
}
