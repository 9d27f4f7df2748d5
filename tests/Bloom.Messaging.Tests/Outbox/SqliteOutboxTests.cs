using System.Text;
using Bloom.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bloom.Messaging.Tests.Outbox;

/// <summary>What only the SQLite outbox has: its tables, its rows on disk, and several publishers over one file.</summary>
[NonParallelizable]
public sealed class SqliteOutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private SqliteMessagingAdapter _adapter = null!;

    [SetUp]
    public async Task CreateAdapter() => _adapter = await SqliteMessagingAdapter.CreateAsync();

    [TearDown]
    public async Task DisposeAdapter() => await _adapter.DisposeAsync();

    [Test]
    public async Task Four_publishers_over_one_file_deliver_every_message_exactly_once_and_never_concurrently()
    {
        const int Messages = 400;
        const int Publishers = 4;
        var expected = new HashSet<Guid>();
        for (var commit = 0; commit < Messages / 10; commit++)
        {
            await using var uow = _adapter.Begin();
            for (var i = 0; i < 10; i++)
            {
                var account = Account.Open($"owner-{commit}-{i}");
                expected.Add(account.PendingEvents[0].EventId);
                await uow.Accounts.AddAsync(account, None);
            }

            await uow.CommitAsync(None);
        }

        // One transport shared by every publisher: it sees any overlap of two publishes of one message.
        var transport = new RecordingTransport { During = static async _ => await Task.Yield() };
        var publishers = Enumerable.Range(0, Publishers)
            .Select(i => new OutboxPublisher(_adapter.OpenOutbox(), transport, new OutboxPublisherOptions { OwnerId = "publisher-" + i, BatchSize = 16, LeaseDuration = TimeSpan.FromMinutes(5) }, _adapter.Time))
            .ToList();
        using var start = new ManualResetEventSlim();
        var runs = publishers.Select(p => Task.Run(async () =>
        {
            start.Wait();
            var total = 0;
            while (await _adapter.Outbox.CountPendingAsync(None) > 0)
            {
                total += await p.PublishPendingAsync(None);
            }

            return total;
        })).ToList();
        start.Set();
        var dispatched = await Task.WhenAll(runs);

        TestContext.Out.WriteLine($"dispatched per publisher: {string.Join(", ", dispatched)}");
        Assert.That(transport.Overlaps, Is.Zero, "two publishes of one message overlapped");
        Assert.That(transport.Calls, Is.EqualTo(Messages), "each message published exactly once (no lease expired)");
        Assert.That(transport.Confirmed.Select(e => e.EventId).ToHashSet().SetEquals(expected), Is.True);
        Assert.That(dispatched.Sum(), Is.EqualTo(Messages));
        Assert.That(await _adapter.Outbox.CountPendingAsync(None), Is.Zero);
    }

    [Test]
    public async Task The_tables_are_strict_and_EnsureSchema_of_either_store_is_idempotent_and_keeps_rows()
    {
        var messageId = Guid.CreateVersion7();
        await using (var uow = _adapter.Begin())
        {
            uow.MarkHandled(messageId, "billing");
            await uow.Accounts.AddAsync(Account.Open("ada"), None);
            await uow.CommitAsync(None);
        }

        var before = await DumpAsync();
        await _adapter.SqliteStore.EnsureSchemaAsync(MessagingAdapter.Mappings, None);
        await _adapter.SqliteStore.EnsureSchemaAsync([], None);
        await _adapter.Outbox.EnsureSchemaAsync(None);
        await _adapter.OpenOutbox().EnsureSchemaAsync(None);

        Assert.That(await DumpAsync(), Is.EqualTo(before));
        await using var connection = await _adapter.OpenConnectionAsync();
        foreach (var table in new[] { "bloom_outbox", "bloom_dead_letters", "bloom_inbox" })
        {
            Assert.That(await ScalarAsync(connection, $"SELECT strict FROM pragma_table_list WHERE name = '{table}'"), Is.EqualTo(1L), table);
        }

        Assert.That(
            await ScalarAsync(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'bloom_%' ORDER BY name)"),
            Is.EqualTo("bloom_inbox_processed_at,bloom_outbox_dispatched,bloom_outbox_pending"));
        Assert.That(SqliteOutboxStore.CreateSchemaSql, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task An_outbox_store_creates_the_tables_on_a_database_the_aggregate_store_never_touched()
    {
        var other = Path.Combine(Path.GetDirectoryName(_adapter.DatabasePath)!, "other.db");
        var store = new SqliteOutboxStore(new SqliteStoreOptions($"Data Source={other};Pooling=False"), _adapter.Time);

        await store.EnsureSchemaAsync(None);

        Assert.That(await store.CountPendingAsync(None), Is.Zero);
        Assert.That(await store.ListDeadLettersAsync(1, None), Is.Empty);
    }

    [Test]
    public async Task Rows_store_ids_as_lower_case_text_instants_as_utc_ticks_and_payloads_as_blobs_and_read_back_exactly()
    {
        var account = Account.Open("ada");
        await using (var uow = _adapter.Begin())
        {
            uow.CorrelationId = "corr-1";
            uow.CausationId = "cause-1";
            await uow.Accounts.AddAsync(account, None);
            await uow.CommitAsync(None);
        }

        var claimed = (await _adapter.Outbox.ClaimAsync("p1", 1, TimeSpan.FromSeconds(30), None))[0].Envelope;
        await using var connection = await _adapter.OpenConnectionAsync();
        Assert.That(
            await ScalarAsync(connection, "SELECT typeof(message_id) || typeof(occurred_at) || typeof(created_at) || typeof(payload) || typeof(schema_version) FROM bloom_outbox"),
            Is.EqualTo("textintegerintegerblobinteger"));
        Assert.That(await ScalarAsync(connection, "SELECT message_id FROM bloom_outbox"), Is.EqualTo(claimed.MessageId.ToString("D")));
        Assert.That(await ScalarAsync(connection, "SELECT created_at FROM bloom_outbox"), Is.EqualTo(_adapter.Time.GetUtcNow().UtcTicks));
        Assert.That(await ScalarAsync(connection, "SELECT payload FROM bloom_outbox"), Is.EqualTo(claimed.Payload.ToArray()));
        Assert.That(claimed.CorrelationId, Is.EqualTo("corr-1"));
        Assert.That(claimed.CausationId, Is.EqualTo("cause-1"));
        Assert.That(claimed.OccurredAt.Offset, Is.EqualTo(TimeSpan.Zero));
        var opened = (AccountOpened)MessagingAdapter.Serializer.Unwrap(claimed);
        Assert.That((opened.AccountId, opened.Owner), Is.EqualTo((account.Id, "ada")));
    }

    [Test]
    public async Task A_commit_that_fails_on_its_inbox_entry_leaves_the_database_byte_for_byte_as_before()
    {
        var messageId = Guid.CreateVersion7();
        var account = Account.Open("ada");
        await using (var uow = _adapter.Begin())
        {
            uow.MarkHandled(messageId, "billing");
            await uow.Accounts.AddAsync(account, None);
            await uow.CommitAsync(None);
        }

        var before = await DumpAsync();
        await using (var uow = _adapter.Begin())
        {
            (await uow.Accounts.GetAsync(account.Id, None)).Deposit(10);
            await uow.Accounts.AddAsync(Account.Open("bob"), None);
            uow.MarkHandled(Guid.CreateVersion7(), "billing");
            uow.MarkHandled(messageId, "billing");
            Assert.ThrowsAsync<DuplicateMessageException>(() => uow.CommitAsync(None));
        }

        Assert.That(await DumpAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_commit_that_fails_on_a_row_after_writing_its_inbox_entry_leaves_the_database_byte_for_byte_as_before()
    {
        var account = Account.Open("ada");
        await using (var uow = _adapter.Begin())
        {
            await uow.Accounts.AddAsync(account, None);
            await uow.CommitAsync(None);
        }

        string before;
        await using (var uow = _adapter.Begin())
        {
            uow.MarkHandled(Guid.CreateVersion7(), "billing");
            await uow.Accounts.AddAsync(Account.Open("bob"), None);
            (await uow.Accounts.GetAsync(account.Id, None)).Deposit(10);
            await using (var other = _adapter.Begin())
            {
                (await other.Accounts.GetAsync(account.Id, None)).Deposit(1);
                await other.CommitAsync(None);
            }

            before = await DumpAsync();
            Assert.ThrowsAsync<ConcurrencyException>(() => uow.CommitAsync(None));
        }

        Assert.That(await DumpAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_database_without_the_outbox_tables_fails_the_commit_with_guidance_and_writes_nothing()
    {
        await using (var connection = await _adapter.OpenConnectionAsync())
        {
            await ExecuteAsync(connection, "DROP TABLE bloom_outbox");
        }

        var before = await DumpAsync();
        await using var uow = _adapter.Begin();
        await uow.Accounts.AddAsync(Account.Open("ada"), None);

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => uow.CommitAsync(None));

        Assert.That(ex!.Message, Does.Contain("bloom_outbox").And.Contain("EnsureCreatedAsync"));
        Assert.That(await DumpAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task The_claim_finds_pending_messages_through_the_partial_index_in_commit_order()
    {
        await using var connection = await _adapter.OpenConnectionAsync();
        var plan = new StringBuilder();
        await using (var command = connection.CreateCommand())
        {
            // The claim's inner query, as SqliteOutboxStore runs it.
            command.CommandText =
                "EXPLAIN QUERY PLAN SELECT rowid FROM bloom_outbox WHERE dispatched_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= 1) " +
                "AND (lease_until IS NULL OR lease_until <= 1) ORDER BY rowid LIMIT 10";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(3));
            }
        }

        Assert.That(plan.ToString(), Does.Contain("bloom_outbox_pending"));
        Assert.That(plan.ToString(), Does.Not.Contain("TEMP B-TREE"), "rowid order comes from the index, no sort");
    }

    /// <summary>Every row of every table with each value's storage class (<c>quote()</c>), in rowid order.</summary>
    private async Task<string> DumpAsync()
    {
        await using var connection = await _adapter.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = "SELECT name FROM pragma_table_info($t)";
                info.Parameters.AddWithValue("$t", table);
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            dump.Append("# ").AppendLine(table);
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"quote(\"{c}\")"))} FROM \"{table}\" ORDER BY rowid";
            await using var rowReader = await rows.ExecuteReaderAsync();
            while (await rowReader.ReadAsync())
            {
                dump.AppendLine(rowReader.GetString(0));
            }
        }

        return dump.ToString();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
