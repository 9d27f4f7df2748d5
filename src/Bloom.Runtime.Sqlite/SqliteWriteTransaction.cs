using System.Data;
using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// A SQLite write transaction that always starts with <c>BEGIN IMMEDIATE</c>, never a deferred <c>BEGIN</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why IMMEDIATE.</b> A deferred transaction starts as a reader and tries to upgrade to a writer on its first
/// write. If another connection committed in between, the upgrade fails with <c>SQLITE_BUSY</c> at once — the busy
/// timeout cannot help, because waiting would not make the stale read snapshot current. <c>BEGIN IMMEDIATE</c> takes
/// the write lock up front, where waiting on <c>busy_timeout</c> works, so a read-then-write transaction cannot fail
/// at upgrade time (RELIABILITY pitfall 16).
/// </para>
/// <para>
/// The transaction is Microsoft.Data.Sqlite's own <see cref="SqliteTransaction"/> begun with
/// <c>BeginTransaction(IsolationLevel.Serializable, deferred: false)</c>, which issues <c>BEGIN IMMEDIATE;</c>
/// (verified by a statement-trace test). Commands must carry it: use <see cref="CreateCommand"/>, or pass
/// <see cref="Transaction"/> to APIs that take a transaction.
/// </para>
/// <para>
/// <b>Lock waits.</b> <see cref="BeginAsync"/> blocks until the write lock is free, for up to the connection's busy
/// timeout (see <see cref="SqliteConnectionFactory"/>). If the lock is still held then, it throws a
/// <see cref="SqliteException"/> whose <see cref="SqliteException.SqliteErrorCode"/> is 5 (<c>SQLITE_BUSY</c>);
/// nothing has been written and the connection stays usable. Microsoft.Data.Sqlite has no asynchronous I/O, so the
/// wait blocks the calling thread.
/// </para>
/// <para>Disposing without <see cref="CommitAsync"/> rolls back. Not thread-safe; one transaction per connection.
/// <see cref="Begin"/>, <see cref="Commit"/>, <see cref="Rollback"/> and <see cref="Dispose"/> are the synchronous forms, for
/// synchronous callers (the work is the same: Microsoft.Data.Sqlite runs the asynchronous forms synchronously).</para>
/// </remarks>
public sealed class SqliteWriteTransaction : IAsyncDisposable, IDisposable
{
    private SqliteTransaction? _transaction;
    private bool _completed;

    private SqliteWriteTransaction(SqliteConnection connection, SqliteTransaction transaction)
    {
        Connection = connection;
        _transaction = transaction;
    }

    /// <summary>The connection the transaction runs on (not owned; the caller disposes it).</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The underlying ADO.NET transaction, for APIs that take one.</summary>
    /// <exception cref="ObjectDisposedException">The transaction has been disposed.</exception>
    public SqliteTransaction Transaction => _transaction ?? throw new ObjectDisposedException(nameof(SqliteWriteTransaction));

    /// <summary>Whether <see cref="CommitAsync"/> or <see cref="RollbackAsync"/> has completed the transaction.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Starts a write transaction with <c>BEGIN IMMEDIATE</c> on an open connection.</summary>
    /// <param name="connection">An open connection, normally from <see cref="SqliteConnectionFactory.OpenAsync"/>, with no transaction in progress.</param>
    /// <param name="cancellationToken">Checked before the lock is requested.</param>
    /// <returns>The started transaction; it holds the database's write lock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The connection is not open or already has a transaction.</exception>
    /// <exception cref="SqliteException">The write lock was not obtained within the busy timeout (<c>SQLITE_BUSY</c>, error code 5).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static Task<SqliteWriteTransaction> BeginAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Begin(connection));
    }

    /// <summary>Starts a write transaction with <c>BEGIN IMMEDIATE</c> on an open connection (the synchronous form of <see cref="BeginAsync"/>).</summary>
    /// <param name="connection">An open connection, normally from <see cref="SqliteConnectionFactory.Open"/>, with no transaction in progress.</param>
    /// <returns>The started transaction; it holds the database's write lock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The connection is not open or already has a transaction.</exception>
    /// <exception cref="SqliteException">The write lock was not obtained within the busy timeout (<c>SQLITE_BUSY</c>, error code 5).</exception>
    public static SqliteWriteTransaction Begin(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State != ConnectionState.Open)
        {
            throw new InvalidOperationException("The connection must be open before a write transaction begins.");
        }

        // deferred: false => Microsoft.Data.Sqlite executes "BEGIN IMMEDIATE;".
        var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        return new SqliteWriteTransaction(connection, transaction);
    }

    /// <summary>Creates a command on <see cref="Connection"/> enlisted in this transaction.</summary>
    /// <returns>A new command; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">The transaction is already completed.</exception>
    public SqliteCommand CreateCommand()
    {
        var transaction = ActiveTransaction();
        var command = Connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Commits the transaction, making its writes durable according to the <c>synchronous</c> setting.</summary>
    /// <param name="cancellationToken">Checked before committing; a commit in progress is not interrupted.</param>
    /// <returns>A task that completes when the commit has finished.</returns>
    /// <exception cref="InvalidOperationException">The transaction is already completed.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        var transaction = ActiveTransaction();
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>Rolls the transaction back, discarding its writes.</summary>
    /// <param name="cancellationToken">Not used to interrupt the rollback; a rollback always runs to completion.</param>
    /// <returns>A task that completes when the rollback has finished.</returns>
    /// <exception cref="InvalidOperationException">The transaction is already completed.</exception>
    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        _ = cancellationToken;
        var transaction = ActiveTransaction();
        await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>Commits the transaction (the synchronous form of <see cref="CommitAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">The transaction is already completed.</exception>
    public void Commit()
    {
        var transaction = ActiveTransaction();
        transaction.Commit();
        _completed = true;
    }

    /// <summary>Rolls the transaction back, discarding its writes (the synchronous form of <see cref="RollbackAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">The transaction is already completed.</exception>
    public void Rollback()
    {
        var transaction = ActiveTransaction();
        transaction.Rollback();
        _completed = true;
    }

    /// <summary>Rolls back if the transaction was not completed, then releases it. The connection stays open.</summary>
    public void Dispose()
    {
        var transaction = _transaction;
        if (transaction is null)
        {
            return;
        }

        _transaction = null;
        _completed = true;

        // SqliteTransaction.Dispose rolls back when neither Commit nor Rollback ran.
        transaction.Dispose();
    }

    /// <summary>Rolls back if the transaction was not completed, then releases it. The connection stays open.</summary>
    /// <returns>A task that completes when the transaction has been released.</returns>
    public async ValueTask DisposeAsync()
    {
        var transaction = _transaction;
        if (transaction is null)
        {
            return;
        }

        _transaction = null;
        _completed = true;

        // SqliteTransaction.Dispose rolls back when neither Commit nor Rollback ran.
        await transaction.DisposeAsync().ConfigureAwait(false);
    }

    private SqliteTransaction ActiveTransaction()
    {
        var transaction = _transaction ?? throw new ObjectDisposedException(nameof(SqliteWriteTransaction));
        if (_completed)
        {
            throw new InvalidOperationException("The write transaction has already been committed or rolled back.");
        }

        return transaction;
    }
}
