using System.Diagnostics;
using SQLitePCL;

namespace Bloom.Sqlite.Tests;

[NonParallelizable]
public sealed class SqliteWriteTransactionTests : SqliteTestBase
{
    private async Task SeedAsync()
    {
        await using var connection = await Factory().OpenAsync();
        await ExecuteAsync(connection,
            "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);" +
            "INSERT INTO item VALUES (1, 'one'), (2, 'two'), (3, 'three');" +
            "CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL);" +
            "INSERT INTO counter VALUES (1, 0);");
    }

    private async Task<List<string>> ItemsFromNewConnectionAsync()
    {
        await using var connection = await Factory().OpenAsync();
        return await RowsAsync(connection, "item");
    }

    [Test]
    public async Task Begin_issues_BEGIN_IMMEDIATE_and_never_a_deferred_BEGIN()
    {
        await SeedAsync();
        await using var connection = await Factory().OpenAsync();
        var statements = new List<string>();
        raw.sqlite3_trace(connection.Handle, (strdelegate_trace)((_, sql) => statements.Add(sql)), null);

        await using (var tx = await SqliteWriteTransaction.BeginAsync(connection))
        {
            await using var command = tx.CreateCommand();
            command.CommandText = "UPDATE item SET name = 'uno' WHERE id = 1;";
            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        raw.sqlite3_trace(connection.Handle, (strdelegate_trace?)null, null);
        var begins = statements.Where(s => s.TrimStart().StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(begins, Is.EqualTo(new[] { "BEGIN IMMEDIATE;" }), string.Join(" | ", statements));
    }

    [Test]
    public async Task Begin_takes_the_write_lock_so_a_second_writer_gets_SQLITE_BUSY_after_its_busy_timeout()
    {
        await SeedAsync();
        await using var holder = await Factory().OpenAsync();
        await using var tx = await SqliteWriteTransaction.BeginAsync(holder);   // no statement yet: the lock comes from BEGIN IMMEDIATE itself

        await using var other = await Factory(TimeSpan.FromMilliseconds(200)).OpenAsync();
        var stopwatch = Stopwatch.StartNew();
        var ex = Assert.ThrowsAsync<SqliteException>(async () => await SqliteWriteTransaction.BeginAsync(other));
        stopwatch.Stop();
        Assert.Multiple(() =>
        {
            Assert.That(ex!.SqliteErrorCode, Is.EqualTo(5), "SQLITE_BUSY");
            Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150)), "waited on busy_timeout");
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });

        // Readers are not blocked in WAL mode.
        Assert.That(await ScalarAsync(other, "SELECT COUNT(*) FROM item;"), Is.EqualTo(3L));

        await tx.RollbackAsync();
        await using var second = await SqliteWriteTransaction.BeginAsync(other);   // lock released: the connection is still usable
        await second.CommitAsync();
    }

    [Test]
    public async Task A_waiting_writer_gets_the_lock_when_the_holder_commits()
    {
        await SeedAsync();
        await using var holder = await Factory().OpenAsync();
        var tx = await SqliteWriteTransaction.BeginAsync(holder);
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            await tx.CommitAsync();
            await tx.DisposeAsync();
        });

        await using var other = await Factory().OpenAsync();
        var stopwatch = Stopwatch.StartNew();
        await using var waiter = await Task.Run(() => SqliteWriteTransaction.BeginAsync(other));
        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200)));
        await waiter.CommitAsync();
        await release;
    }

    [Test]
    public async Task Commit_persists()
    {
        await SeedAsync();
        await using (var connection = await Factory().OpenAsync())
        await using (var tx = await SqliteWriteTransaction.BeginAsync(connection))
        {
            await using var command = tx.CreateCommand();
            Assert.That(command.Transaction, Is.SameAs(tx.Transaction));
            command.CommandText = "INSERT INTO item VALUES (4, 'four'); UPDATE item SET name = 'TWO' WHERE id = 2;";
            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            Assert.That(tx.IsCompleted, Is.True);
        }

        Assert.That(await ItemsFromNewConnectionAsync(), Is.EqualTo(new[] { "1:one", "2:TWO", "3:three", "4:four" }));
    }

    [Test]
    public async Task Rollback_leaves_the_database_exactly_as_before()
    {
        await SeedAsync();
        var before = await ItemsFromNewConnectionAsync();
        await using (var connection = await Factory().OpenAsync())
        {
            await using (var tx = await SqliteWriteTransaction.BeginAsync(connection))
            {
                await using var command = tx.CreateCommand();
                command.CommandText = "INSERT INTO item VALUES (4, 'four'); UPDATE item SET name = 'X' WHERE id = 2; DELETE FROM item WHERE id = 3;";
                await command.ExecuteNonQueryAsync();
                Assert.That(await RowsAsync(connection, "item"), Has.Count.EqualTo(3).And.Contains("4:four"));
                await tx.RollbackAsync();
            }

            Assert.That(await RowsAsync(connection, "item"), Is.EqualTo(before), "same connection after rollback");
        }

        Assert.That(await ItemsFromNewConnectionAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Dispose_without_commit_rolls_back()
    {
        await SeedAsync();
        var before = await ItemsFromNewConnectionAsync();
        await using (var connection = await Factory().OpenAsync())
        {
            await using (var tx = await SqliteWriteTransaction.BeginAsync(connection))
            {
                await using var command = tx.CreateCommand();
                command.CommandText = "INSERT INTO item VALUES (4, 'four'); UPDATE item SET name = 'X' WHERE id = 1;";
                await command.ExecuteNonQueryAsync();
            }

            Assert.That(await RowsAsync(connection, "item"), Is.EqualTo(before));

            // The write lock was released: a new write transaction begins at once.
            await using var next = await SqliteWriteTransaction.BeginAsync(connection);
            await next.CommitAsync();
        }

        Assert.That(await ItemsFromNewConnectionAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Completed_transaction_rejects_further_use()
    {
        await SeedAsync();
        await using var connection = await Factory().OpenAsync();
        var tx = await SqliteWriteTransaction.BeginAsync(connection);
        await tx.CommitAsync();
        Assert.Multiple(() =>
        {
            Assert.That(async () => await tx.CommitAsync(), Throws.InvalidOperationException);
            Assert.That(async () => await tx.RollbackAsync(), Throws.InvalidOperationException);
            Assert.That(() => tx.CreateCommand(), Throws.InvalidOperationException);
        });
        await tx.DisposeAsync();
        await tx.DisposeAsync();
        Assert.That(() => tx.Transaction, Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task Begin_rejects_closed_connection_and_nested_transaction()
    {
        await SeedAsync();
        await using var closed = new SqliteConnection(ConnectionString);
        Assert.That(async () => await SqliteWriteTransaction.BeginAsync(closed), Throws.InvalidOperationException);

        await using var connection = await Factory().OpenAsync();
        await using var tx = await SqliteWriteTransaction.BeginAsync(connection);
        Assert.That(async () => await SqliteWriteTransaction.BeginAsync(connection), Throws.InvalidOperationException);
    }

    [Test]
    public async Task Concurrent_read_then_write_increments_lose_no_update()
    {
        await SeedAsync();
        var factory = Factory();
        const int Writers = 4;
        const int Increments = 50;

        var tasks = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                await using var connection = await factory.OpenAsync();
                await using var tx = await SqliteWriteTransaction.BeginAsync(connection);
                await using var read = tx.CreateCommand();
                read.CommandText = "SELECT value FROM counter WHERE id = 1;";
                var value = (long)(await read.ExecuteScalarAsync())!;
                await using var write = tx.CreateCommand();
                write.CommandText = "UPDATE counter SET value = $value WHERE id = 1;";
                write.Parameters.AddWithValue("$value", value + 1);
                Assert.That(await write.ExecuteNonQueryAsync(), Is.EqualTo(1));
                await tx.CommitAsync();
            }
        })).ToArray();

        await Task.WhenAll(tasks);   // any SqliteException (e.g. SQLITE_BUSY) fails the test here

        await using var check = await factory.OpenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await ScalarAsync(check, "SELECT value FROM counter WHERE id = 1;"), Is.EqualTo((long)(Writers * Increments)));
            Assert.That(await ScalarAsync(check, "PRAGMA integrity_check;"), Is.EqualTo("ok"));
        });
    }
}
