using System.Globalization;
using Bloom.Persistence;

namespace Bloom.Sqlite.Tests.Stores;

[NonParallelizable]
public sealed class SqliteAggregateStoreTests : StoreTestBase
{
    [Test]
    public void Name_is_sqlite() => Assert.That(Store.Name, Is.EqualTo("sqlite"));

    [Test]
    public void Constructors_reject_null()
    {
        Assert.That(() => new SqliteAggregateStore((SqliteStoreOptions)null!), Throws.ArgumentNullException);
        Assert.That(() => new SqliteAggregateStore((SqliteConnectionFactory)null!), Throws.ArgumentNullException);
    }

    [Test]
    public async Task EnsureSchema_is_idempotent_and_keeps_rows()
    {
        var ledger = Ledger.Sample();
        Commit(Insert(ledger));
        var before = await DumpAsync();

        await Store.EnsureSchemaAsync([Ledgers, Counters], CancellationToken.None);
        await Store.EnsureSchemaAsync([Ledgers], CancellationToken.None);
        await new SqliteAggregateStore(new SqliteStoreOptions(ConnectionString)).EnsureSchemaAsync([Ledgers, Counters], CancellationToken.None);

        Assert.That(await DumpAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task EnsureSchema_creates_strict_tables_with_the_documented_physical_types()
    {
        await using var connection = await Factory().OpenAsync();
        var columns = new Dictionary<string, (string Type, bool NotNull, bool Key)>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name, type, \"notnull\", pk FROM pragma_table_info('ledger') ORDER BY cid";
            await using var reader = await info.ExecuteReaderAsync();
            var order = new List<string>();
            while (await reader.ReadAsync())
            {
                order.Add(reader.GetString(0));
                columns[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2) == 1, reader.GetInt64(3) == 1);
            }

            Assert.That(order.Take(3), Is.EqualTo(new[] { "id", "version", "flag" }), "id first, then version");
        }

        Assert.Multiple(() =>
        {
            Assert.That(columns["id"], Is.EqualTo(("TEXT", true, true)));
            Assert.That(columns["version"], Is.EqualTo(("INTEGER", true, false)));
            Assert.That(columns["flag"], Is.EqualTo(("INTEGER", true, false)));
            Assert.That(columns["count"], Is.EqualTo(("INTEGER", true, false)));
            Assert.That(columns["ratio"], Is.EqualTo(("REAL", true, false)));
            Assert.That(columns["amount"], Is.EqualTo(("TEXT", true, false)));
            Assert.That(columns["name"], Is.EqualTo(("TEXT", true, false)));
            Assert.That(columns["reference"], Is.EqualTo(("TEXT", true, false)));
            Assert.That(columns["at"], Is.EqualTo(("INTEGER", true, false)));
            Assert.That(columns["when"], Is.EqualTo(("INTEGER", true, false)));
            Assert.That(columns["document"], Is.EqualTo(("TEXT", true, false)));
            Assert.That(columns["status"], Is.EqualTo(("INTEGER", true, false)));
            Assert.That(columns["note"], Is.EqualTo(("TEXT", false, false)));
            Assert.That(columns["maybe_amount"], Is.EqualTo(("TEXT", false, false)));
            Assert.That(columns["maybe_count"], Is.EqualTo(("INTEGER", false, false)));
            Assert.That(columns["maybe_flag"], Is.EqualTo(("INTEGER", false, false)));
            Assert.That(columns["maybe_ratio"], Is.EqualTo(("REAL", false, false)));
            Assert.That(columns["maybe_reference"], Is.EqualTo(("TEXT", false, false)));
            Assert.That(columns["maybe_at"], Is.EqualTo(("INTEGER", false, false)));
            Assert.That(columns["maybe_when"], Is.EqualTo(("INTEGER", false, false)));
            Assert.That(columns["maybe_document"], Is.EqualTo(("TEXT", false, false)));
        });

        Assert.Multiple(async () =>
        {
            Assert.That(await ScalarAsync(connection, "SELECT strict FROM pragma_table_list WHERE name = 'ledger'"), Is.EqualTo(1L));
            Assert.That(await ScalarAsync(connection, "SELECT strict FROM pragma_table_list WHERE name = 'counter'"), Is.EqualTo(1L));
            var ddl = (string)(await ScalarAsync(connection, "SELECT sql FROM sqlite_schema WHERE name = 'ledger'"))!;
            Assert.That(ddl, Does.Contain("\"amount\" TEXT NOT NULL COLLATE BLOOM_DECIMAL"));
            Assert.That(ddl, Does.Contain("\"maybe_amount\" TEXT COLLATE BLOOM_DECIMAL"));
        });
    }

    [Test]
    public void GetCreateTableSql_is_the_documented_statement()
    {
        Assert.That(SqliteAggregateStore.GetCreateTableSql(Counters), Is.EqualTo(
            "CREATE TABLE IF NOT EXISTS \"counter\" (\n" +
            "    \"id\" INTEGER NOT NULL PRIMARY KEY,\n" +
            "    \"version\" INTEGER NOT NULL,\n" +
            "    \"value\" INTEGER NOT NULL\n" +
            ") STRICT"));
        Assert.That(() => SqliteAggregateStore.GetCreateTableSql(null!), Throws.ArgumentNullException);
    }

    [Test]
    public async Task EnsureSchema_rejects_an_existing_table_that_lacks_mapped_columns_and_does_not_alter_it()
    {
        await using (var connection = await Factory().OpenAsync())
        {
            await ExecuteAsync(connection, "DROP TABLE counter; CREATE TABLE counter (id INTEGER PRIMARY KEY, version INTEGER NOT NULL);");
        }

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => Store.EnsureSchemaAsync([Counters], CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("'value'").And.Contain("Counter"));
    }

    [Test]
    public void EnsureSchema_rejects_two_different_mappings_of_one_table() =>
        Assert.ThrowsAsync<ArgumentException>(() => Store.EnsureSchemaAsync([Counters, OtherCounterMapping.Instance], CancellationToken.None));

    [Test]
    public void EnsureSchema_honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(async () => await Store.EnsureSchemaAsync([Ledgers], cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Load_of_an_absent_id_is_null()
    {
        Assert.That(LoadLedger(Guid.NewGuid()), Is.Null);
        using var session = Store.OpenSession();
        Assert.That(session.Load(Counters, 7L), Is.Null);
    }

    [Test]
    public void Every_storage_type_round_trips_exactly()
    {
        var ledger = new Ledger
        {
            Id = Guid.Parse("A0B1C2D3-E4F5-4607-8899-AABBCCDDEEFF"),
            Flag = true,
            Count = long.MinValue,
            Ratio = 0.1 + 0.2,
            Amount = 1.50m,
            Name = "héllo \"quoted\" 'single' 日本 \u0001",
            Reference = Guid.Parse("FFFFFFFF-0000-4000-8000-000000000001"),
            At = new DateTimeOffset(2024, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(5.5)).AddTicks(1234),
            When = new DateTime(2023, 12, 31, 23, 59, 59, DateTimeKind.Local).AddTicks(9999),
            Document = "{\"lines\":[{\"sku\":\"A\",\"qty\":2}]}",
            Status = LedgerStatus.Archived,
            Note = "",
            MaybeAmount = decimal.MaxValue,
            MaybeCount = long.MaxValue,
            MaybeFlag = false,
            MaybeRatio = double.Epsilon,
            MaybeReference = Guid.Empty,
            MaybeAt = DateTimeOffset.MinValue,
            MaybeWhen = DateTime.MaxValue,
            MaybeDocument = "[]",
        };
        Commit(Insert(ledger));

        var row = LoadLedger(ledger.Id)!.Value;
        var back = Ledgers.Reconstitute(row.Values, row.Version);
        Assert.Multiple(() =>
        {
            Assert.That(row.Version, Is.EqualTo(1));
            Assert.That(row.Values[0], Is.TypeOf<Guid>().And.EqualTo(ledger.Id));
            Assert.That(row.Values[1], Is.TypeOf<bool>().And.EqualTo(true));
            Assert.That(row.Values[2], Is.TypeOf<long>().And.EqualTo(long.MinValue));
            Assert.That(row.Values[3], Is.TypeOf<double>().And.EqualTo(0.1 + 0.2));
            Assert.That(row.Values[4], Is.TypeOf<decimal>());
            Assert.That(((decimal)row.Values[4]!).ToString(CultureInfo.InvariantCulture), Is.EqualTo("1.50"), "scale kept");
            Assert.That(row.Values[5], Is.EqualTo(ledger.Name));
            Assert.That(row.Values[6], Is.EqualTo(ledger.Reference));
            Assert.That(row.Values[9], Is.EqualTo(ledger.Document));
            Assert.That(row.Values[10], Is.TypeOf<long>().And.EqualTo(3L));
            Assert.That(row.Values[11], Is.EqualTo(""));
            Assert.That(row.Values[12], Is.EqualTo(decimal.MaxValue));
            Assert.That(row.Values[13], Is.EqualTo(long.MaxValue));
            Assert.That(row.Values[14], Is.TypeOf<bool>().And.EqualTo(false));
            Assert.That(row.Values[15], Is.EqualTo(double.Epsilon));
            Assert.That(row.Values[16], Is.EqualTo(Guid.Empty));
            Assert.That(row.Values[19], Is.EqualTo("[]"));

            // DateTimeOffset: the same instant, normalised to UTC.
            var at = (DateTimeOffset)row.Values[7]!;
            Assert.That(at, Is.EqualTo(ledger.At), "same instant");
            Assert.That(at.UtcTicks, Is.EqualTo(ledger.At.UtcTicks));
            Assert.That(at.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That((DateTimeOffset)row.Values[17]!, Is.EqualTo(DateTimeOffset.MinValue));

            // DateTime: the ticks, read back as UTC.
            var when = (DateTime)row.Values[8]!;
            Assert.That(when.Ticks, Is.EqualTo(ledger.When.Ticks));
            Assert.That(when.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(((DateTime)row.Values[18]!).Ticks, Is.EqualTo(DateTime.MaxValue.Ticks));

            Assert.That(back.Amount.ToString(CultureInfo.InvariantCulture), Is.EqualTo("1.50"));
            Assert.That(back.MaybeAmount, Is.EqualTo(decimal.MaxValue));
            Assert.That(back.Version, Is.EqualTo(1));
        });
    }

    [TestCase("1.50")]
    [TestCase("79228162514264337593543950335")]
    [TestCase("-79228162514264337593543950335")]
    [TestCase("0.0000000000000000000000000001")]
    [TestCase("-0.0000000000000000000000000001")]
    [TestCase("0.000")]
    [TestCase("123456789012345678.9012345678")]
    public async Task Decimals_round_trip_with_their_scale_and_are_stored_as_invariant_text(string text)
    {
        var amount = decimal.Parse(text, CultureInfo.InvariantCulture);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");   // a comma culture must not leak into storage
        try
        {
            var ledger = Ledger.Sample(amount: amount);
            Commit(Insert(ledger));
            var read = (decimal)LoadLedger(ledger.Id)!.Value.Values[4]!;
            Assert.That(read.ToString(CultureInfo.InvariantCulture), Is.EqualTo(text));

            await using var connection = await Factory().OpenAsync();
            Assert.That(await ScalarAsync(connection, $"SELECT amount FROM ledger WHERE id = '{ledger.Id:D}'"), Is.EqualTo(text));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public async Task Nulls_round_trip_and_every_nullable_column_stores_SQL_NULL()
    {
        var ledger = Ledger.Sample();
        Commit(Insert(ledger));
        var row = LoadLedger(ledger.Id)!.Value;
        Assert.That(row.Values[11..], Is.All.Null);

        await using var connection = await Factory().OpenAsync();
        Assert.That(
            await ScalarAsync(connection, "SELECT COUNT(*) FROM ledger WHERE note IS NULL AND maybe_amount IS NULL AND maybe_count IS NULL AND maybe_flag IS NULL AND maybe_ratio IS NULL AND maybe_reference IS NULL AND maybe_at IS NULL AND maybe_when IS NULL AND maybe_document IS NULL"),
            Is.EqualTo(1L));
    }

    [Test]
    public async Task Physical_values_are_the_documented_ones()
    {
        var ledger = Ledger.Sample();
        ledger.At = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.FromHours(-3));
        ledger.When = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Unspecified);
        ledger.Reference = Guid.Parse("ABCDEF01-2345-6789-ABCD-EF0123456789");
        Commit(Insert(ledger));

        await using var connection = await Factory().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT flag, typeof(flag), reference, \"at\", \"when\", typeof(ratio), typeof(amount), id FROM ledger";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.GetInt64(0), Is.EqualTo(1));
            Assert.That(reader.GetString(1), Is.EqualTo("integer"));
            Assert.That(reader.GetString(2), Is.EqualTo("abcdef01-2345-6789-abcd-ef0123456789"));
            Assert.That(reader.GetInt64(3), Is.EqualTo(ledger.At.UtcTicks));
            Assert.That(reader.GetInt64(4), Is.EqualTo(ledger.When.Ticks));
            Assert.That(reader.GetString(5), Is.EqualTo("real"));
            Assert.That(reader.GetString(6), Is.EqualTo("text"));
            Assert.That(reader.GetString(7), Is.EqualTo(ledger.Id.ToString("D")));
        });
    }

    [Test]
    public void A_session_reuses_its_connection_and_commands_across_many_operations()
    {
        using var session = (SqliteStoreSession)Store.OpenSession();
        Assert.That(session.Connection, Is.Null, "no I/O before first use");
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var ledger = Ledger.Sample(amount: i);
            ids.Add(ledger.Id);
            session.Commit([Insert(ledger)]);
        }

        var connection = session.Connection;
        Assert.That(connection, Is.Not.Null);
        foreach (var id in ids)
        {
            Assert.That(session.Load(Ledgers, id)!.Value.Values[0], Is.EqualTo(id));
        }

        Assert.That(session.Connection, Is.SameAs(connection));
        session.Dispose();
        Assert.That(session.Connection, Is.Null);
        Assert.That(() => session.Load(Ledgers, ids[0]), Throws.InstanceOf<ObjectDisposedException>());
        session.Dispose();
    }

    [Test]
    public async Task Async_methods_honour_cancellation_before_doing_anything()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await using var session = Store.OpenSession();
        Assert.Multiple(() =>
        {
            Assert.That(async () => await session.LoadAsync(Ledgers, Guid.NewGuid(), cts.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await session.QueryAsync(Ledgers, null, null, 0, cts.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await session.CountAsync(Ledgers, null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        });
        Assert.That(((SqliteStoreSession)session).Connection, Is.Null);
    }

    [Test]
    public async Task Async_methods_work()
    {
        var ledger = Ledger.Sample();
        await using var session = Store.OpenSession();
        await session.CommitAsync([Insert(ledger)], CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That((await session.LoadAsync(Ledgers, ledger.Id, CancellationToken.None))!.Value.Version, Is.EqualTo(1));
            Assert.That(await session.QueryAsync(Ledgers, null, null, 0, CancellationToken.None), Has.Count.EqualTo(1));
            Assert.That(await session.CountAsync(Ledgers, null, CancellationToken.None), Is.EqualTo(1));
        });
    }

    private sealed class OtherCounterMapping : AggregateMapping<Counter, long>
    {
        public static readonly OtherCounterMapping Instance = new();

        private OtherCounterMapping()
            : base("OtherCounter", "counter", [new PersistedColumn("id", StorageType.Int64, false), new PersistedColumn("other", StorageType.String, false)])
        {
        }

        public override long GetId(Counter aggregate) => aggregate.Id;

        public override object IdToStorage(long id) => id;

        public override void Write(Counter aggregate, Span<object?> row) => throw new NotSupportedException();

        public override Counter Reconstitute(ReadOnlySpan<object?> row, long version) => throw new NotSupportedException();
    }
}
