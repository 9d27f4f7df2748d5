namespace Bloom.Sqlite.Tests;

[NonParallelizable]
public sealed class SqliteConnectionFactoryTests : SqliteTestBase
{
    [Test]
    public async Task Pragmas_are_applied_on_every_connection()
    {
        // Pooling reuses the native handle, on which the factory configures PRAGMAs once: every open must still see them.
        var factory = Factory();
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await factory.OpenAsync();
            Assert.Multiple(async () =>
            {
                Assert.That(await ScalarAsync(connection, "PRAGMA journal_mode;"), Is.EqualTo("wal"));
                Assert.That(await ScalarAsync(connection, "PRAGMA busy_timeout;"), Is.EqualTo(5000L));
                Assert.That(await ScalarAsync(connection, "PRAGMA synchronous;"), Is.EqualTo(2L), "FULL");
                Assert.That(await ScalarAsync(connection, "PRAGMA foreign_keys;"), Is.EqualTo(1L));
                Assert.That(await ScalarAsync(connection, "SELECT 'abc' LIKE 'ABC';"), Is.EqualTo(0L), "case_sensitive_like");
                Assert.That(await ScalarAsync(connection, "SELECT 'abc' LIKE 'ab%';"), Is.EqualTo(1L));
                Assert.That(await ScalarAsync(connection, "SELECT '10' > '9.5' COLLATE BLOOM_DECIMAL;"), Is.EqualTo(1L), "decimal collation");
            });
        }
    }

    [Test]
    public async Task Configured_busy_timeout_and_synchronous_normal_are_applied()
    {
        await using var connection = await Factory(TimeSpan.FromMilliseconds(250), SqliteSynchronousMode.Normal).OpenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await ScalarAsync(connection, "PRAGMA busy_timeout;"), Is.EqualTo(250L));
            Assert.That(await ScalarAsync(connection, "PRAGMA synchronous;"), Is.EqualTo(1L), "NORMAL");
            Assert.That(connection.DefaultTimeout, Is.EqualTo(1), "Default Timeout rounds the busy timeout up to whole seconds");
        });
    }

    [Test]
    public async Task Foreign_keys_are_enforced()
    {
        await using var connection = await Factory().OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));");
        var ex = Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, "INSERT INTO child (id, parent_id) VALUES (1, 42);"));
        Assert.That(ex!.SqliteErrorCode, Is.EqualTo(19), "SQLITE_CONSTRAINT");
    }

    [Test]
    public async Task Wal_file_is_created()
    {
        await using var connection = await Factory().OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO t VALUES (1, 'a');");
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(DatabasePath), Is.True);
            Assert.That(File.Exists(DatabasePath + "-wal"), Is.True);
        });
    }

    [Test]
    public async Task Read_only_rollback_journal_database_cannot_be_opened_by_the_store()
    {
        // SQLite cannot switch a read-only rollback-journal database to WAL; the open fails and nothing leaks.
        await using (var plain = new SqliteConnection(ConnectionString))
        {
            await plain.OpenAsync();
            await ExecuteAsync(plain, "CREATE TABLE t (id INTEGER PRIMARY KEY);");
            Assert.That(await ScalarAsync(plain, "PRAGMA journal_mode;"), Is.EqualTo("delete"));
        }

        var factory = new SqliteConnectionFactory(new SqliteStoreOptions(ConnectionString + ";Mode=ReadOnly"));
        Assert.That(async () => await factory.OpenAsync(), Throws.InstanceOf<SqliteException>().Or.InstanceOf<InvalidOperationException>());
        Assert.That(File.Exists(DatabasePath + "-wal"), Is.False);
    }

    [Test]
    public void Canceled_open_throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(async () => await Factory().OpenAsync(cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
