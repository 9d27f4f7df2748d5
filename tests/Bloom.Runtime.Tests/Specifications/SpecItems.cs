using Bloom.Specifications;
using Microsoft.Data.Sqlite;

namespace Bloom.Runtime.Tests.Specifications;

public enum Color
{
    Red = 1,
    Green = 2,
    Blue = 3,
    Black = 10,
}

public sealed record Item(long Id, string Name, string? Note, Color Color, int Qty, bool Active, DateTimeOffset At, int? Score);

/// <summary>Hand-written mapping, as a generator will emit later.</summary>
public sealed class ItemMapping : ISpecificationMapping<Item>
{
    public static readonly ItemMapping Instance = new();

    private static readonly Dictionary<string, SqlColumn> Columns = new(StringComparer.Ordinal)
    {
        ["Id"] = new SqlColumn("id"),
        ["Name"] = new SqlColumn("name"),
        ["Note"] = new SqlColumn("note"),
        ["Color"] = new SqlColumn("color"),
        ["Qty"] = new SqlColumn("qty"),
        ["Active"] = new SqlColumn("active"),
        ["At"] = new SqlColumn("at"),
        ["Score"] = new SqlColumn("score"),
    };

    public string Table => "items";

    public bool TryGetColumn(string memberPath, out SqlColumn column) => Columns.TryGetValue(memberPath, out column!);
}

/// <summary>A temp-file SQLite database holding items; case-sensitive LIKE as the adapter must configure it.</summary>
internal sealed class ItemDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bloom-spec-{Guid.NewGuid():N}.db");

    public ItemDatabase()
    {
        Connection = new SqliteConnection($"Data Source={_path};Pooling=false");
        Connection.Open();
        Execute("PRAGMA case_sensitive_like = ON;");
        Execute("""
            CREATE TABLE "items" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "note" TEXT NULL, "color" INTEGER NOT NULL,
              "qty" INTEGER NOT NULL, "active" INTEGER NOT NULL, "at" INTEGER NOT NULL, "score" INTEGER NULL);
            """);
    }

    public SqliteConnection Connection { get; }

    public void Insert(IEnumerable<Item> items)
    {
        using var tx = Connection.BeginTransaction();
        using var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """INSERT INTO "items" VALUES ($id, $name, $note, $color, $qty, $active, $at, $score)""";
        foreach (var item in items)
        {
            cmd.Parameters.Clear();
            cmd.Parameters.AddWithValue("$id", item.Id);
            cmd.Parameters.AddWithValue("$name", item.Name);
            cmd.Parameters.AddWithValue("$note", (object?)item.Note ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$color", SqlColumn.DefaultToStored(item.Color));
            cmd.Parameters.AddWithValue("$qty", item.Qty);
            cmd.Parameters.AddWithValue("$active", SqlColumn.DefaultToStored(item.Active));
            cmd.Parameters.AddWithValue("$at", SqlColumn.DefaultToStored(item.At));
            cmd.Parameters.AddWithValue("$score", (object?)item.Score ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    public List<long> Query(SqlQuery query)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = query.ToSelect("\"id\"", "\"items\"");
        for (var i = 0; i < query.Parameters.Count; i++)
        {
            cmd.Parameters.AddWithValue("@p" + i, query.Parameters[i] ?? DBNull.Value);
        }

        var ids = new List<long>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    public void Dispose()
    {
        Connection.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private void Execute(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

internal static class Seeds
{
    public static int Resolve(string name)
    {
        var text = Environment.GetEnvironmentVariable("BLOOM_SEED");
        var seed = int.TryParse(text, out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        TestContext.Out.WriteLine($"{name}: seed {seed} (set BLOOM_SEED={seed} to replay)");
        return seed;
    }
}
