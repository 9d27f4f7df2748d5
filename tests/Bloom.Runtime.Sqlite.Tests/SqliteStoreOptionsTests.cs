namespace Bloom.Sqlite.Tests;

public sealed class SqliteStoreOptionsTests
{
    [Test]
    public void Defaults_are_five_second_busy_timeout_and_synchronous_full()
    {
        var options = new SqliteStoreOptions("Data Source=shop.db");
        Assert.Multiple(() =>
        {
            Assert.That(options.ConnectionString, Is.EqualTo("Data Source=shop.db"));
            Assert.That(options.BusyTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(options.Synchronous, Is.EqualTo(SqliteSynchronousMode.Full));
        });
    }

    [Test]
    public void Null_connection_string_is_rejected() =>
        Assert.That(() => new SqliteStoreOptions(null!), Throws.ArgumentNullException);

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("Data Source=")]
    [TestCase("Data Source=:memory:")]
    [TestCase(":memory:")]
    [TestCase("Data Source=file::memory:?cache=shared")]
    [TestCase("Data Source=file:db1?mode=memory&cache=shared")]
    [TestCase("Data Source=shared;Mode=Memory;Cache=Shared")]
    [TestCase("Data Source=x.db;NoSuchKeyword=1")]
    [TestCase("Data Source=x.db;Mode=Sideways")]
    public void Invalid_connection_strings_are_rejected(string connectionString) =>
        Assert.That(() => new SqliteStoreOptions(connectionString), Throws.ArgumentException.With.Property("ParamName").EqualTo("connectionString"));

    [Test]
    public void Negative_busy_timeout_is_rejected() =>
        Assert.That(() => new SqliteStoreOptions("Data Source=x.db") { BusyTimeout = TimeSpan.FromMilliseconds(-1) }, Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Huge_busy_timeout_is_rejected() =>
        Assert.That(() => new SqliteStoreOptions("Data Source=x.db") { BusyTimeout = TimeSpan.FromDays(30) }, Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Undefined_synchronous_mode_is_rejected() =>
        Assert.That(() => new SqliteStoreOptions("Data Source=x.db") { Synchronous = (SqliteSynchronousMode)7 }, Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Zero_busy_timeout_and_normal_are_allowed()
    {
        var options = new SqliteStoreOptions("Data Source=x.db") { BusyTimeout = TimeSpan.Zero, Synchronous = SqliteSynchronousMode.Normal };
        Assert.That(options.BusyTimeout, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Factory_rejects_null_options() =>
        Assert.That(() => new SqliteConnectionFactory(null!), Throws.ArgumentNullException);
}
