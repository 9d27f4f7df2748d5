namespace Bloom.Sqlite.Tests;

/// <summary>Each test gets its own temp directory with a real database file; deleted in TearDown.</summary>
public abstract class SqliteTestBase
{
    protected string Directory { get; private set; } = "";

    protected string DatabasePath { get; private set; } = "";

    protected string ConnectionString => $"Data Source={DatabasePath};Pooling=False";

    [SetUp]
    public void CreateTempDirectory()
    {
        Directory = Path.Combine(Path.GetTempPath(), "bloom-sqlite-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "store.db");
    }

    [TearDown]
    public void DeleteTempDirectory()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    protected SqliteConnectionFactory Factory(TimeSpan? busyTimeout = null, SqliteSynchronousMode synchronous = SqliteSynchronousMode.Full) =>
        new(new SqliteStoreOptions(ConnectionString)
        {
            BusyTimeout = busyTimeout ?? SqliteStoreOptions.DefaultBusyTimeout,
            Synchronous = synchronous,
        });

    protected static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync();
    }

    protected static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }

    protected static async Task<List<string>> RowsAsync(SqliteConnection connection, string table)
    {
        var rows = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, name FROM {table} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetInt64(0)}:{reader.GetString(1)}");
        }

        return rows;
    }
}
