using Bloom.Messaging;
using Bloom.Persistence;
using Bloom.Specifications;
using Microsoft.Data.Sqlite;

namespace Bloom.Sqlite;

/// <summary>
/// One unit of work's conversation with a <see cref="SqliteAggregateStore"/>: one connection, opened on first use and kept until
/// <see cref="Dispose"/>, and prepared commands reused for the session's life.
/// </summary>
/// <remarks>
/// <para>
/// <b>Statements.</b> Per mapping, the session prepares (on first use) a select-by-id, an insert, an update, a delete and a
/// select-version command, and then only changes their parameter values. Query and count commands are prepared per distinct
/// SQL text (specifications of the same shape share one). Reads run outside any transaction and see the last committed state.
/// </para>
/// <para>
/// <b>Commit.</b> All writes run in one <c>BEGIN IMMEDIATE</c> transaction (the write lock is taken up front, waiting on
/// <c>busy_timeout</c>, so no <c>SQLITE_BUSY</c> from a lock upgrade can occur). An insert whose id exists, or an update or delete
/// that matches no row at the expected version, reads the stored version in the same transaction, rolls back and throws
/// <see cref="ConcurrencyException"/>; any other failure rolls back and rethrows. Either way nothing was written.
/// </para>
/// <para>
/// <b>Messages.</b> <see cref="Commit(CommitBatch)"/> writes, in that one transaction, the batch's inbox entries first (an entry that
/// exists rolls back and throws <see cref="DuplicateMessageException"/>), then the rows, then the outbox messages; the tables are
/// <c>bloom_inbox</c> and <c>bloom_outbox</c> (see <see cref="SqliteOutboxStore"/>).
/// </para>
/// <para>
/// The asynchronous methods check their cancellation token and then run synchronously, as Microsoft.Data.Sqlite does.
/// Not thread-safe (one unit of work, one logical flow). <see cref="Dispose"/> releases the commands and closes the connection
/// (returning it to the pool unless the connection string disables pooling).
/// </para>
/// </remarks>
public sealed class SqliteStoreSession : SynchronousStoreSession
{
    /// <summary>At most this many distinct query texts keep a prepared command; further ones are prepared per call.</summary>
    private const int MaxCachedQueries = 64;

    private const string LimitParameter = "@limit";

    // SQLITE_CONSTRAINT_PRIMARYKEY: (19 | 6 << 8).
    private const int SqlitePrimaryKeyConstraint = 1555;

    private readonly SqliteConnectionFactory _factory;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<AggregateMapping, MappingCommands> _commands = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SqliteCommand> _queries = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private MappingCommands? _last;
    private SqliteCommand? _insertOutbox;
    private SqliteCommand? _insertInbox;
    private bool _disposed;

    internal SqliteStoreSession(SqliteConnectionFactory factory, TimeProvider timeProvider)
    {
        _factory = factory;
        _timeProvider = timeProvider;
    }

    /// <summary>The session's connection once opened (for tests and diagnostics).</summary>
    internal SqliteConnection? Connection => _connection;

    /// <inheritdoc />
    public override StoredRow? Load<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, TId id)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(id);
        var commands = CommandsFor(mapping);
        var command = commands.SelectById();
        command.Transaction = null;
        commands.BindId(command, mapping.IdToStorage(id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader, commands.Plan) : null;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public override List<StoredRow> Query<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification, PageRequest<TAggregate>? page, int limit)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var plan = SqliteMappingPlan.For(mapping);

        // Translate before touching the connection: an untranslatable specification reads nothing.
        string sql;
        IReadOnlyList<object?> parameters;
        if (specification is null && page is null)
        {
            sql = $"SELECT {plan.SelectList} FROM {plan.QuotedTable}";
            parameters = [];
        }
        else
        {
            var specificationMapping = plan.SpecificationMapping<TAggregate>();
            var query = SqlSpecificationTranslator.Default.Translate(
                specification ?? Specification<TAggregate>.All, specificationMapping, page, specificationMapping.IdColumn);
            sql = query.ToSelect(plan.SelectList, plan.QuotedTable);
            parameters = query.Parameters;
        }

        var withLimit = page is null && limit > 0;
        if (withLimit)
        {
            sql += " LIMIT " + LimitParameter;
        }

        var command = QueryCommand(sql, parameters.Count, withLimit);
        try
        {
            var bound = command.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                bound[i].Value = parameters[i] ?? DBNull.Value;
            }

            if (withLimit)
            {
                bound[parameters.Count].Value = (long)limit;
            }

            var rows = new List<StoredRow>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(ReadRow(reader, plan));
            }

            return rows;
        }
        finally
        {
            ReleaseQueryCommand(sql, command);
        }
    }

    /// <inheritdoc />
    public override long Count<TAggregate, TId>(AggregateMapping<TAggregate, TId> mapping, Specification<TAggregate>? specification)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var plan = SqliteMappingPlan.For(mapping);
        string sql;
        IReadOnlyList<object?> parameters;
        if (specification is null)
        {
            sql = $"SELECT COUNT(*) FROM {plan.QuotedTable}";
            parameters = [];
        }
        else
        {
            var query = SqlSpecificationTranslator.Default.Translate(specification, plan.SpecificationMapping<TAggregate>());
            sql = $"SELECT COUNT(*) FROM {plan.QuotedTable} WHERE {query.Where}";
            parameters = query.Parameters;
        }

        var command = QueryCommand(sql, parameters.Count, withLimit: false);
        try
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                command.Parameters[i].Value = parameters[i] ?? DBNull.Value;
            }

            return (long)command.ExecuteScalar()!;
        }
        finally
        {
            ReleaseQueryCommand(sql, command);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A write has no values (insert or update) or the wrong number of them.</exception>
    /// <exception cref="InvalidCastException">A value does not have its column's logical type; nothing was written.</exception>
    /// <exception cref="InvalidOperationException">A <see cref="StorageType.Double"/> value is NaN, which SQLite cannot store; nothing was written.</exception>
    /// <exception cref="SqliteException">SQLite failed (e.g. a NOT NULL column got null, or the write lock was not obtained within the busy timeout); nothing was written.</exception>
    public override void Commit(IReadOnlyList<RowWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (writes.Count == 0)
        {
            return;
        }

        var connection = OpenConnection();
        using var transaction = SqliteWriteTransaction.Begin(connection);
        var ado = transaction.Transaction;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i] ?? throw new ArgumentException($"Write #{i} is null.", nameof(writes));
            Apply(write, ado);
        }

        transaction.Commit();
    }

    /// <inheritdoc />
    /// <remarks>
    /// One <c>BEGIN IMMEDIATE</c> transaction: inbox entries (repeats within the batch count once), then the row writes as
    /// <see cref="Commit(IReadOnlyList{RowWrite})"/> does, then one <c>bloom_outbox</c> row per message, in order, due at once.
    /// Any failure rolls everything back.
    /// </remarks>
    /// <exception cref="ArgumentException">A write, message or inbox entry is null or malformed; nothing was written.</exception>
    /// <exception cref="InvalidOperationException">
    /// A message id is already in the outbox, or the outbox/inbox tables were never created (see <see cref="SqliteAggregateStore.EnsureSchemaAsync"/>);
    /// nothing was written.
    /// </exception>
    public override void Commit(CommitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Writes, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.Outbox, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.Inbox, nameof(batch));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.Outbox.Count == 0 && batch.Inbox.Count == 0)
        {
            Commit(batch.Writes);
            return;
        }

        var inbox = DistinctInbox(batch.Inbox);
        for (var i = 0; i < batch.Outbox.Count; i++)
        {
            _ = batch.Outbox[i] ?? throw new ArgumentException($"Outbox message #{i} is null.", nameof(batch));
        }

        var connection = OpenConnection();
        using var transaction = SqliteWriteTransaction.Begin(connection);
        var ado = transaction.Transaction;
        try
        {
            var now = SqliteOutboxSchema.ToTicks(_timeProvider.GetUtcNow());
            if (inbox.Count > 0)
            {
                var insert = _insertInbox ??= PrepareMessageCommand(SqliteOutboxSchema.InsertInboxSql, 3);
                insert.Transaction = ado;
                foreach (var entry in inbox)
                {
                    insert.Parameters[0].Value = SqliteOutboxSchema.ToText(entry.MessageId);
                    insert.Parameters[1].Value = entry.Consumer;
                    insert.Parameters[2].Value = now;
                    try
                    {
                        insert.ExecuteNonQuery();
                    }
                    catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteOutboxSchema.PrimaryKeyConstraint)
                    {
                        throw new DuplicateMessageException(entry.MessageId, entry.Consumer);
                    }
                }
            }

            for (var i = 0; i < batch.Writes.Count; i++)
            {
                var write = batch.Writes[i] ?? throw new ArgumentException($"Write #{i} is null.", nameof(batch));
                Apply(write, ado);
            }

            if (batch.Outbox.Count > 0)
            {
                var insert = _insertOutbox ??= PrepareMessageCommand(SqliteOutboxSchema.InsertOutboxSql, 9);
                insert.Transaction = ado;
                foreach (var envelope in batch.Outbox)
                {
                    SqliteOutboxSchema.BindEnvelope(insert.Parameters, 0, envelope);
                    insert.Parameters[8].Value = now;
                    try
                    {
                        insert.ExecuteNonQuery();
                    }
                    catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteOutboxSchema.PrimaryKeyConstraint)
                    {
                        throw new InvalidOperationException(
                            $"Message {envelope.MessageId} is already in the outbox; nothing was written. Every message needs a new id: wrap each event once with EventEnvelopeSerializer.Wrap.",
                            ex);
                    }
                }
            }
        }
        catch (SqliteException ex) when (SqliteOutboxSchema.IsMissingTable(ex))
        {
            throw SqliteOutboxSchema.MissingTables(ex);
        }

        transaction.Commit();
    }

    /// <summary>Releases the prepared commands and closes the connection. Idempotent.</summary>
    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var commands in _commands.Values)
        {
            commands.Dispose();
        }

        foreach (var command in _queries.Values)
        {
            command.Dispose();
        }

        _insertOutbox?.Dispose();
        _insertInbox?.Dispose();
        _insertOutbox = null;
        _insertInbox = null;
        _commands.Clear();
        _queries.Clear();
        _last = null;
        _connection?.Dispose();
        _connection = null;
    }

    private static List<InboxEntry> DistinctInbox(IReadOnlyList<InboxEntry> entries)
    {
        var distinct = new List<InboxEntry>(entries.Count);
        var seen = new HashSet<(Guid, string)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Inbox entry #{i} is null.", nameof(entries));
            if (string.IsNullOrEmpty(entry.Consumer))
            {
                throw new ArgumentException($"Inbox entry #{i} (message {entry.MessageId}) has no consumer.", nameof(entries));
            }

            if (seen.Add((entry.MessageId, entry.Consumer)))
            {
                distinct.Add(entry);
            }
        }

        return distinct;
    }

    private SqliteCommand PrepareMessageCommand(string sql, int parameters)
    {
        var command = OpenConnection().CreateCommand();
        try
        {
            command.CommandText = sql;
            SqliteOutboxSchema.AddParameters(command, parameters);
            command.Prepare();
            return command;
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    private static StoredRow ReadRow(SqliteDataReader reader, SqliteMappingPlan plan)
    {
        var types = plan.Types;
        var nullable = plan.Nullable;
        var values = new object?[types.Length];
        for (var i = 0; i < values.Length; i++)
        {
            // IsDBNull costs ~50 ns per call; NOT NULL columns of a STRICT table never hold NULL.
            values[i] = nullable[i] && reader.IsDBNull(i) ? null : SqliteValues.ReadNotNull(reader, i, types[i]);
        }

        return new StoredRow(values, reader.GetInt64(types.Length));
    }

    private void Apply(RowWrite write, SqliteTransaction transaction)
    {
        var commands = CommandsFor(write.Mapping);
        var plan = commands.Plan;
        switch (write.Kind)
        {
            case RowWriteKind.Insert:
                {
                    if (write.ExpectedVersion != 0)
                    {
                        throw new ArgumentException(
                            $"The insert of {plan.Mapping.AggregateName} '{write.DisplayId}' expects version {write.ExpectedVersion}; an insert expects 0 and writes version 1.",
                            nameof(write));
                    }

                    var command = commands.Insert();
                    command.Transaction = transaction;
                    commands.BindRow(command, write);
                    try
                    {
                        command.ExecuteNonQuery();
                    }
                    catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqlitePrimaryKeyConstraint)
                    {
                        throw Conflict(commands, write, transaction);
                    }

                    break;
                }

            case RowWriteKind.Update:
                {
                    var command = commands.Update();
                    command.Transaction = transaction;
                    commands.BindRow(command, write);
                    command.Parameters[plan.Types.Length].Value = write.NewVersion;
                    command.Parameters[plan.Types.Length + 1].Value = write.ExpectedVersion;
                    if (command.ExecuteNonQuery() == 0)
                    {
                        throw Conflict(commands, write, transaction);
                    }

                    break;
                }

            case RowWriteKind.Delete:
                {
                    var command = commands.Delete();
                    command.Transaction = transaction;
                    commands.BindId(command, write.Id);
                    command.Parameters[1].Value = write.ExpectedVersion;
                    if (command.ExecuteNonQuery() == 0)
                    {
                        throw Conflict(commands, write, transaction);
                    }

                    break;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.Kind, $"Unknown write kind for {plan.Mapping.AggregateName} '{write.DisplayId}'.");
        }
    }

    /// <summary>Reads the stored version inside the failing transaction (which the caller then rolls back).</summary>
    private static ConcurrencyException Conflict(MappingCommands commands, RowWrite write, SqliteTransaction transaction)
    {
        var command = commands.SelectVersion();
        command.Transaction = transaction;
        commands.BindId(command, write.Id);
        var actual = command.ExecuteScalar() is long version ? version : (long?)null;
        return new ConcurrencyException(write.Mapping.AggregateName, write.DisplayId, write.ExpectedVersion, actual);
    }

    private MappingCommands CommandsFor(AggregateMapping mapping)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var last = _last;
        if (last is not null && ReferenceEquals(last.Plan.Mapping, mapping))
        {
            return last;
        }

        if (!_commands.TryGetValue(mapping, out var commands))
        {
            commands = new MappingCommands(this, SqliteMappingPlan.For(mapping));
            _commands.Add(mapping, commands);
        }

        _last = commands;
        return commands;
    }

    private SqliteConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _connection ??= _factory.Open();
    }

    private SqliteCommand QueryCommand(string sql, int parameterCount, bool withLimit)
    {
        if (_queries.Remove(sql, out var cached))
        {
            // Taken out while in use, so a reentrant call (there is none today) could never share it.
            return cached;
        }

        var command = OpenConnection().CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value));
        }

        if (withLimit)
        {
            command.Parameters.Add(new SqliteParameter(LimitParameter, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private void ReleaseQueryCommand(string sql, SqliteCommand command)
    {
        if (!_disposed && _queries.Count < MaxCachedQueries && _queries.TryAdd(sql, command))
        {
            return;
        }

        command.Dispose();
    }

    /// <summary>
    /// The prepared commands of one mapping in this session, each created on first use. Parameter order: the columns used
    /// (<c>@p0</c> = id first), then <c>@version</c>, then <c>@expected</c>; so for a mapping of <c>n</c> columns the insert binds
    /// only the columns (its version is the literal 1), the update <c>@version</c> at <c>n</c> and <c>@expected</c> at <c>n + 1</c>,
    /// the delete <c>@expected</c> at 1.
    /// </summary>
    private sealed class MappingCommands(SqliteStoreSession session, SqliteMappingPlan plan) : IDisposable
    {
        private SqliteCommand? _selectById;
        private SqliteCommand? _selectVersion;
        private SqliteCommand? _insert;
        private SqliteCommand? _update;
        private SqliteCommand? _delete;

        public SqliteMappingPlan Plan { get; } = plan;

        public SqliteCommand SelectById() => _selectById ??= Prepare(Plan.SelectByIdSql, columns: 1, expected: false, version: false);

        public SqliteCommand SelectVersion() => _selectVersion ??= Prepare(Plan.SelectVersionSql, columns: 1, expected: false, version: false);

        public SqliteCommand Insert() => _insert ??= Prepare(Plan.InsertSql, columns: Plan.Types.Length, expected: false, version: false);

        public SqliteCommand Update() => _update ??= Prepare(Plan.UpdateSql, columns: Plan.Types.Length, expected: true, version: true);

        public SqliteCommand Delete() => _delete ??= Prepare(Plan.DeleteSql, columns: 1, expected: true, version: false);

        /// <summary>Binds the id (a logical value) to <c>@p0</c>, the first parameter of every per-mapping command.</summary>
        public void BindId(SqliteCommand command, object id) =>
            command.Parameters[0].Value = SqliteValues.ToPhysical(Plan.Types[0], id, Plan.ColumnNames[0]) ?? throw new ArgumentException(
                $"The id of a {Plan.Mapping.AggregateName} must not be null.", nameof(id));

        /// <summary>Binds the write's id to <c>@p0</c> and its other values to <c>@p1</c>…</summary>
        public void BindRow(SqliteCommand command, RowWrite write)
        {
            var values = write.Values;
            var types = Plan.Types;
            if (values is null || values.Length != types.Length)
            {
                throw new ArgumentException(
                    $"The {write.Kind} of {Plan.Mapping.AggregateName} '{write.DisplayId}' carries {values?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} values; the mapping has {types.Length} columns.",
                    nameof(write));
            }

            BindId(command, write.Id);
            var parameters = command.Parameters;
            for (var i = 1; i < types.Length; i++)
            {
                parameters[i].Value = SqliteValues.ToPhysical(types[i], values[i], Plan.ColumnNames[i]) ?? DBNull.Value;
            }
        }

        public void Dispose()
        {
            _selectById?.Dispose();
            _selectVersion?.Dispose();
            _insert?.Dispose();
            _update?.Dispose();
            _delete?.Dispose();
        }

        private SqliteCommand Prepare(string sql, int columns, bool expected, bool version)
        {
            var command = session.OpenConnection().CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < columns; i++)
            {
                command.Parameters.Add(new SqliteParameter(Plan.ParameterNames[i], DBNull.Value));
            }

            if (version)
            {
                command.Parameters.Add(new SqliteParameter(SqliteMappingPlan.NewVersionParameter, DBNull.Value));
            }

            if (expected)
            {
                command.Parameters.Add(new SqliteParameter(SqliteMappingPlan.ExpectedVersionParameter, DBNull.Value));
            }

            command.Prepare();
            return command;
        }
    }
}
