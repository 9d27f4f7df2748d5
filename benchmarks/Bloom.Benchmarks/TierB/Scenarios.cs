using Bloom.Persistence;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bloom.Benchmarks.TierB;

/// <summary>Dapper's parameter object for a lookup by id.</summary>
public sealed class IdParameter(string p0)
{
    public string p0 { get; } = p0;
}

/// <summary>Dapper's parameter object for B4's status filter.</summary>
public sealed class StatusParameter(long p0)
{
    public long p0 { get; } = p0;
}

/// <summary>
/// The Tier B scenarios. Names starting with "Bloom" are Bloom rows; "Bloom part:" rows are pieces of the Bloom path measured
/// alone (report only) so a miss can be attributed. Every variant of a scenario starts from the same in-memory aggregates and
/// writes or reads the same rows of the same table.
/// </summary>
internal static class Scenarios
{
    // Results are written here so the JIT cannot drop the work.
    private static object? _sink;

    public static object? Sink => _sink;

    // ------------------------------------------------------------------------------------------------------------
    // B1 — add N aggregates + one unit-of-work commit.
    // ------------------------------------------------------------------------------------------------------------
    public static Scenario B1(TierBDatabase db, int rows)
    {
        var items = new List<Item>();
        var writes = new List<RowWrite>();
        var seed = 100;
        void Fresh()
        {
            db.Truncate();
            items = TierBDatabase.NewItems(rows, seed++);
        }

        void Check()
        {
            var count = db.Count();
            if (count != rows)
            {
                throw new InvalidOperationException($"B1: expected {rows} rows after the pass, found {count}.");
            }
        }

        var variants = new List<Variant>
        {
            new("raw Microsoft.Data.Sqlite: 1 prepared INSERT reused, 1 tx", VariantRole.Baseline, rows, () =>
            {
                using var connection = db.Factory.Open();
                using var transaction = connection.BeginTransaction(deferred: false);
                using var insert = RawInsert.Prepare(connection, transaction);
                foreach (var item in items)
                {
                    insert.Execute(item);
                }

                transaction.Commit();
            }, Fresh, Check),

            new("Bloom: uow.Items.Add ×N + uow.Commit()", VariantRole.Bloom, rows, () =>
            {
                using var uow = new BenchUow(db.Store);
                foreach (var item in items)
                {
                    uow.Items.Add(item);
                }

                uow.Commit();
            }, Fresh, Check),

            new("Bloom part: store session only, Commit(N prebuilt insert RowWrites)", VariantRole.Info, rows, () =>
            {
                using var session = db.Store.OpenSession();
                session.Commit(writes);
            }, () =>
            {
                Fresh();
                writes = items.ConvertAll(StoreParts.Insert);
            }, Check),

            new("Dapper Execute(sql, IEnumerable), 1 tx", VariantRole.Peer, rows, () =>
            {
                using var connection = db.Factory.Open();
                using var transaction = connection.BeginTransaction(deferred: false);
                connection.Execute(ItemSql.Insert, items.Select(static i => ItemParameters.Of(i, 1, 0)), transaction);
                transaction.Commit();
            }, Fresh, Check),

            new("Dapper Execute per row, 1 tx", VariantRole.Peer, rows, () =>
            {
                using var connection = db.Factory.Open();
                using var transaction = connection.BeginTransaction(deferred: false);
                foreach (var item in items)
                {
                    connection.Execute(ItemSql.Insert, ItemParameters.Of(item, 1, 0), transaction);
                }

                transaction.Commit();
            }, Fresh, Check),

            new("EF Core 10: AddRange + SaveChanges", VariantRole.Peer, rows, () =>
            {
                using var connection = db.Factory.Open();
                using var context = new ItemDbContext(ItemDbContext.Options(connection));
                context.Items.AddRange(items);
                context.SaveChanges();
            }, Fresh, Check),
        };

        return new Scenario(
            "B1",
            $"Add {rows:N0} aggregates + one unit-of-work commit (1 row each)",
            "row",
            0.85,
            $"Each pass starts from an empty table (DELETE + WAL checkpoint, untimed) and {rows:N0} new `Item` aggregates created untimed; the timed part opens a connection (or unit of work), writes all rows in one BEGIN IMMEDIATE transaction and commits. Raw/Dapper bind the same physical values the store writes (lower-case Guid text, invariant decimal text).",
            variants);
    }

    // ------------------------------------------------------------------------------------------------------------
    // B2 — one aggregate per transaction with an optimistic version check (no outbox row yet).
    // ------------------------------------------------------------------------------------------------------------
    public static Scenario B2(TierBDatabase db, IReadOnlyList<Item> stored, int commits)
    {
        // Every variant updates its own row, so each keeps its own version sequence.
        var rawItem = LoadRaw(db, stored[0].Id);
        var dapperItem = LoadRaw(db, stored[2].Id);
        var partItem = LoadRaw(db, stored[3].Id);
        var bloomId = stored[1].Id;
        var perRequestId = stored[4].Id;
        var rawPerRequestId = stored[5].Id;
        var perRequestCommits = Math.Max(1, commits / 2);

        var variants = new List<Variant>
        {
            new("raw Microsoft.Data.Sqlite: prepared UPDATE … WHERE id AND version, 1 tx per commit", VariantRole.Baseline, commits, () =>
            {
                using var connection = db.Factory.Open();
                using var update = RawUpdate.Prepare(connection);
                for (var i = 0; i < commits; i++)
                {
                    rawItem.Restock(1);
                    using var transaction = connection.BeginTransaction(deferred: false);
                    update.Execute(rawItem, transaction);
                    transaction.Commit();
                }
            }),

            new("Bloom: change + uow.Commit() per tx (one unit of work, 1 tracked aggregate)", VariantRole.Bloom, commits, () =>
            {
                using var uow = new BenchUow(db.Store);
                var item = uow.Items.Get(bloomId);
                for (var i = 0; i < commits; i++)
                {
                    item.Restock(1);
                    uow.Commit();
                }
            }),

            new("Bloom part: store session only, Commit([1 update RowWrite]) per tx", VariantRole.Info, commits, () =>
            {
                using var session = db.Store.OpenSession();
                for (var i = 0; i < commits; i++)
                {
                    partItem.Restock(1);
                    var version = partItem.Version;
                    session.Commit([StoreParts.Update(partItem, version)]);
                    ((IAggregateRoot)partItem).MarkCommitted(version + 1);
                }
            }),

            new("Dapper Execute(UPDATE) per tx", VariantRole.Peer, commits, () =>
            {
                using var connection = db.Factory.Open();
                for (var i = 0; i < commits; i++)
                {
                    dapperItem.Restock(1);
                    var version = dapperItem.Version;
                    using var transaction = connection.BeginTransaction(deferred: false);
                    if (connection.Execute(ItemSql.Update, ItemParameters.Of(dapperItem, version + 1, version), transaction) != 1)
                    {
                        throw new InvalidOperationException("B2 Dapper: version check failed.");
                    }

                    transaction.Commit();
                    ((IAggregateRoot)dapperItem).MarkCommitted(version + 1);
                }
            }),

            new("Bloom per request: new unit of work + Get + change + Commit", VariantRole.Info, perRequestCommits, () =>
            {
                for (var i = 0; i < perRequestCommits; i++)
                {
                    using var uow = new BenchUow(db.Store);
                    var item = uow.Items.Get(perRequestId);
                    item.Restock(1);
                    uow.Commit();
                }
            }),

            new("raw per request: open connection + SELECT + UPDATE in 1 tx", VariantRole.Info, perRequestCommits, () =>
            {
                for (var i = 0; i < perRequestCommits; i++)
                {
                    using var connection = db.Factory.Open();
                    var item = LoadRaw(connection, rawPerRequestId);
                    item.Restock(1);
                    using var update = RawUpdate.Prepare(connection);
                    using var transaction = connection.BeginTransaction(deferred: false);
                    update.Execute(item, transaction);
                    transaction.Commit();
                }
            }),
        };

        return new Scenario(
            "B2",
            "Commit 1 changed aggregate per transaction, optimistic version check (aggregate row only; the outbox row comes with the outbox issue)",
            "commit",
            0.85,
            $"{commits:N0} commits per pass; each changes one column of an already loaded aggregate and commits `UPDATE \"item\" SET <all columns>, version = @version WHERE id = @p0 AND version = @expected` in its own BEGIN IMMEDIATE transaction, failing when no row matched. Raw uses the store's exact statement text and binds the same values. The outbox INSERT that BENCHMARKS.md adds to B2 does not exist yet, so both sides run one statement per transaction. The two \"per request\" rows ({perRequestCommits:N0} commits per pass) open a connection or unit of work and load the aggregate for every commit.",
            variants);
    }

    // ------------------------------------------------------------------------------------------------------------
    // B3 — GetById → rehydrated aggregate.
    // ------------------------------------------------------------------------------------------------------------
    public static Scenario B3(TierBDatabase db, IReadOnlyList<Item> stored, int lookups)
    {
        lookups = Math.Min(lookups, stored.Count);
        var random = new Random(7);
        var ids = stored.Select(static i => i.Id).OrderBy(_ => random.Next()).Take(lookups).ToArray();
        var results = new Item[lookups];
        var rows = new StoredRow[lookups];
        var perRequest = Math.Max(1, lookups / 4);

        void Check()
        {
            foreach (var item in results)
            {
                if (item is null)
                {
                    throw new InvalidOperationException("B3: a lookup returned nothing.");
                }
            }

            Array.Clear(results);
        }

        var variants = new List<Variant>
        {
            new("raw Microsoft.Data.Sqlite: prepared SELECT by PK + hand mapping", VariantRole.Baseline, lookups, () =>
            {
                using var connection = db.Factory.Open();
                using var select = connection.CreateCommand();
                select.CommandText = ItemSql.SelectById;
                var id = select.Parameters.Add("@p0", SqliteType.Text);
                select.Prepare();
                for (var i = 0; i < ids.Length; i++)
                {
                    id.Value = ItemSql.Id(ids[i]);
                    using var reader = select.ExecuteReader();
                    results[i] = reader.Read() ? ItemSql.Read(reader) : null!;
                }
            }, verify: Check),

            new("Bloom: uow.Items.Get(id) (one unit of work for the pass)", VariantRole.Bloom, lookups, () =>
            {
                using var uow = new BenchUow(db.Store);
                for (var i = 0; i < ids.Length; i++)
                {
                    results[i] = uow.Items.Get(ids[i]);
                }
            }, verify: Check),

            new("Bloom part: store session only, Load → StoredRow", VariantRole.Info, lookups, () =>
            {
                using var session = db.Store.OpenSession();
                for (var i = 0; i < ids.Length; i++)
                {
                    rows[i] = session.Load(Item.Mapping, ids[i]) ?? throw new InvalidOperationException("B3: missing row.");
                }
            }, verify: () => Array.Clear(rows)),

            new("Bloom part: store session Load + Mapping.Reconstitute (no identity map)", VariantRole.Info, lookups, () =>
            {
                using var session = db.Store.OpenSession();
                for (var i = 0; i < ids.Length; i++)
                {
                    var row = session.Load(Item.Mapping, ids[i]) ?? throw new InvalidOperationException("B3: missing row.");
                    results[i] = Item.Mapping.Reconstitute(row.Values, row.Version);
                }
            }, verify: Check),

            new("Dapper QuerySingle<ItemRow> + hand mapping", VariantRole.Peer, lookups, () =>
            {
                using var connection = db.Factory.Open();
                for (var i = 0; i < ids.Length; i++)
                {
                    results[i] = connection.QuerySingle<ItemRow>(ItemSql.SelectById, new IdParameter(ItemSql.Id(ids[i]))).ToItem();
                }
            }, verify: Check),

            new("EF Core 10: Find (tracking, one context for the pass)", VariantRole.Peer, lookups, () =>
            {
                using var connection = db.Factory.Open();
                using var context = new ItemDbContext(ItemDbContext.Options(connection));
                for (var i = 0; i < ids.Length; i++)
                {
                    results[i] = context.Items.Find(ids[i])!;
                }
            }, verify: Check),

            new("EF Core 10: AsNoTracking().FirstOrDefault(x => x.Id == id)", VariantRole.Peer, lookups, () =>
            {
                using var connection = db.Factory.Open();
                using var context = new ItemDbContext(ItemDbContext.Options(connection));
                for (var i = 0; i < ids.Length; i++)
                {
                    var id = ids[i];
                    results[i] = context.Items.AsNoTracking().FirstOrDefault(x => x.Id == id)!;
                }
            }, verify: Check),

            new("Bloom per request: new unit of work + Get", VariantRole.Info, perRequest, () =>
            {
                for (var i = 0; i < perRequest; i++)
                {
                    using var uow = new BenchUow(db.Store);
                    _sink = uow.Items.Get(ids[i]);
                }
            }),

            new("raw per request: open connection (store's factory) + SELECT by PK + hand mapping", VariantRole.Info, perRequest, () =>
            {
                for (var i = 0; i < perRequest; i++)
                {
                    using var connection = db.Factory.Open();
                    _sink = LoadRaw(connection, ids[i]);
                }
            }),
        };

        return new Scenario(
            "B3",
            "GetById → rehydrated aggregate",
            "lookup",
            0.80,
            $"{lookups:N0} lookups of distinct ids in random order per pass, over a table of {stored.Count:N0} rows; each returns a full `Item` (raw and Dapper map by hand through the same `Item.FromStorage`). One connection / unit of work / DbContext per pass, so Bloom's identity map ends the pass with {lookups:N0} entries, like EF's tracking `Find`. The two \"per request\" rows ({perRequest:N0} lookups per pass) open a new unit of work, or a new connection from the store's factory (pooled, PRAGMAs applied on every open), for every lookup.",
            variants);
    }

    // ------------------------------------------------------------------------------------------------------------
    // B4 — specification query returning a list of aggregates.
    // ------------------------------------------------------------------------------------------------------------
    public static Scenario B4(TierBDatabase db, int tableRows, int queries)
    {
        var expected = tableRows / 2;

        void Count(int count)
        {
            if (count != expected)
            {
                throw new InvalidOperationException($"B4: expected {expected} rows, got {count}.");
            }
        }

        var variants = new List<Variant>
        {
            new("raw Microsoft.Data.Sqlite: prepared SELECT + reader + hand mapping into List<Item>", VariantRole.Baseline, queries, () =>
            {
                using var connection = db.Factory.Open();
                using var select = PrepareSelectByStatus(connection);
                for (var q = 0; q < queries; q++)
                {
                    var list = new List<Item>();
                    using (var reader = select.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            list.Add(ItemSql.Read(reader));
                        }
                    }

                    Count(list.Count);
                    _sink = list;
                }
            }),

            new("Bloom: uow.Items.List(new ItemsWithStatus(Active)) (new unit of work per query)", VariantRole.Bloom, queries, () =>
            {
                for (var q = 0; q < queries; q++)
                {
                    using var uow = new BenchUow(db.Store);
                    var list = uow.Items.List(new ItemsWithStatus(ItemStatus.Active));
                    Count(list.Count);
                    _sink = list;
                }
            }),

            new("Bloom part: store session only, Query → List<StoredRow>", VariantRole.Info, queries, () =>
            {
                for (var q = 0; q < queries; q++)
                {
                    using var session = db.Store.OpenSession();
                    var rows = session.Query(Item.Mapping, new ItemsWithStatus(ItemStatus.Active), null, 0);
                    Count(rows.Count);
                    _sink = rows;
                }
            }),

            new("Bloom part: store session Query + Mapping.Reconstitute each (no identity map)", VariantRole.Info, queries, () =>
            {
                for (var q = 0; q < queries; q++)
                {
                    using var session = db.Store.OpenSession();
                    var rows = session.Query(Item.Mapping, new ItemsWithStatus(ItemStatus.Active), null, 0);
                    var list = new List<Item>(rows.Count);
                    foreach (var row in rows)
                    {
                        list.Add(Item.Mapping.Reconstitute(row.Values, row.Version));
                    }

                    Count(list.Count);
                    _sink = list;
                }
            }),

            new("Raw shape check: raw reader → object?[] row per item (boxed values, as the store's StoredRow), then Reconstitute", VariantRole.Info, queries, () =>
            {
                using var connection = db.Factory.Open();
                using var select = PrepareSelectByStatus(connection);
                for (var q = 0; q < queries; q++)
                {
                    var list = new List<Item>();
                    using (var reader = select.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            var row = BoxedRow(reader, nullChecks: false);
                            list.Add(Item.Mapping.Reconstitute(row, reader.GetInt64(6)));
                        }
                    }

                    Count(list.Count);
                    _sink = list;
                }
            }),

            new("Raw shape check: same, plus reader.IsDBNull on every column first", VariantRole.Info, queries, () =>
            {
                using var connection = db.Factory.Open();
                using var select = PrepareSelectByStatus(connection);
                for (var q = 0; q < queries; q++)
                {
                    var list = new List<Item>();
                    using (var reader = select.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            var row = BoxedRow(reader, nullChecks: true);
                            list.Add(Item.Mapping.Reconstitute(row, reader.GetInt64(6)));
                        }
                    }

                    Count(list.Count);
                    _sink = list;
                }
            }),

            new("Dapper Query<ItemRow> + hand mapping into List<Item>", VariantRole.Peer, queries, () =>
            {
                using var connection = db.Factory.Open();
                for (var q = 0; q < queries; q++)
                {
                    var list = connection.Query<ItemRow>(ItemSql.SelectByStatus, new StatusParameter((long)ItemStatus.Active)).Select(static r => r.ToItem()).ToList();
                    Count(list.Count);
                    _sink = list;
                }
            }),

            new("EF Core 10: AsNoTracking().Where(status).ToList()", VariantRole.Peer, queries, () =>
            {
                using var connection = db.Factory.Open();
                for (var q = 0; q < queries; q++)
                {
                    using var context = new ItemDbContext(ItemDbContext.Options(connection));
                    var list = context.Items.AsNoTracking().Where(static i => i.Status == ItemStatus.Active).ToList();
                    Count(list.Count);
                    _sink = list;
                }
            }),

            new("EF Core 10: Where(status).ToList() (tracking)", VariantRole.Peer, queries, () =>
            {
                using var connection = db.Factory.Open();
                for (var q = 0; q < queries; q++)
                {
                    using var context = new ItemDbContext(ItemDbContext.Options(connection));
                    var list = context.Items.Where(static i => i.Status == ItemStatus.Active).ToList();
                    Count(list.Count);
                    _sink = list;
                }
            }),
        };

        return new Scenario(
            "B4",
            $"Specification query → List of {expected:N0} aggregates",
            "query",
            0.85,
            $"{queries} queries per pass, each `status = Active` over {tableRows:N0} rows (no index: a full scan) returning {expected:N0} full `Item`s. Bloom runs each query in a new unit of work (so its identity map takes all {expected:N0}); EF Core gets a new DbContext per query; raw and Dapper map by hand through `Item.FromStorage`.",
            variants);
    }

    private static SqliteCommand PrepareSelectByStatus(SqliteConnection connection)
    {
        var select = connection.CreateCommand();
        select.CommandText = ItemSql.SelectByStatus;
        select.Parameters.Add("@p0", SqliteType.Integer).Value = (long)ItemStatus.Active;
        select.Prepare();
        return select;
    }

    /// <summary>
    /// A hand-written replica of the store's row shape (one boxed logical value per column in an <c>object?[]</c>; the caller
    /// reads the version), with or without an <c>IsDBNull</c> call per mapped column as the store makes: isolates what that
    /// shape costs over reading typed values.
    /// </summary>
    private static object?[] BoxedRow(SqliteDataReader reader, bool nullChecks)
    {
        var row = new object?[6];
        if (nullChecks)
        {
            for (var i = 0; i < 6; i++)
            {
                if (reader.IsDBNull(i))
                {
                    throw new InvalidOperationException("B4: unexpected NULL.");
                }
            }
        }

        row[0] = Guid.Parse(reader.GetString(0));
        row[1] = reader.GetString(1);
        row[2] = reader.GetString(2);
        row[3] = reader.GetInt64(3);
        row[4] = decimal.Parse(reader.GetString(4), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
        row[5] = reader.GetInt64(5);
        return row;
    }

    /// <summary>Reads one item with the raw baseline's code (used to give raw and Dapper their loaded aggregate).</summary>
    private static Item LoadRaw(TierBDatabase db, ItemId id)
    {
        using var connection = db.Factory.Open();
        return LoadRaw(connection, id);
    }

    private static Item LoadRaw(SqliteConnection connection, ItemId id)
    {
        using var select = connection.CreateCommand();
        select.CommandText = ItemSql.SelectById;
        select.Parameters.AddWithValue("@p0", ItemSql.Id(id));
        using var reader = select.ExecuteReader();
        return reader.Read() ? ItemSql.Read(reader) : throw new InvalidOperationException($"Item {id} is not stored.");
    }
}

/// <summary>The baseline's update: the store's UPDATE text, one prepared command, every column bound by hand.</summary>
internal sealed class RawUpdate : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _sku;
    private readonly SqliteParameter _name;
    private readonly SqliteParameter _quantity;
    private readonly SqliteParameter _price;
    private readonly SqliteParameter _status;
    private readonly SqliteParameter _version;
    private readonly SqliteParameter _expected;

    private RawUpdate(SqliteCommand command)
    {
        _command = command;
        _id = command.Parameters.Add("@p0", SqliteType.Text);
        _sku = command.Parameters.Add("@p1", SqliteType.Text);
        _name = command.Parameters.Add("@p2", SqliteType.Text);
        _quantity = command.Parameters.Add("@p3", SqliteType.Integer);
        _price = command.Parameters.Add("@p4", SqliteType.Text);
        _status = command.Parameters.Add("@p5", SqliteType.Integer);
        _version = command.Parameters.Add("@version", SqliteType.Integer);
        _expected = command.Parameters.Add("@expected", SqliteType.Integer);
    }

    public static RawUpdate Prepare(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = ItemSql.Update;
        var update = new RawUpdate(command);
        command.Prepare();
        return update;
    }

    /// <summary>Writes the item at its version + 1 when the stored version is still its version; then marks it committed.</summary>
    public void Execute(Item item, SqliteTransaction transaction)
    {
        var version = item.Version;
        _command.Transaction = transaction;
        _id.Value = ItemSql.Id(item.Id);
        _sku.Value = item.Sku;
        _name.Value = item.Name;
        _quantity.Value = (long)item.Quantity;
        _price.Value = ItemSql.Price(item.Price);
        _status.Value = (long)item.Status;
        _version.Value = version + 1;
        _expected.Value = version;
        if (_command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"Item {item.Id} is no longer at version {version}.");
        }

        ((IAggregateRoot)item).MarkCommitted(version + 1);
    }

    public void Dispose() => _command.Dispose();
}
