using System.Globalization;
using System.Linq.Expressions;
using Bloom;
using Bloom.Persistence;

namespace Bloom.Benchmarks.TierB;

// ---------------------------------------------------------------------------------------------
// The aggregate every Tier B variant reads and writes. Bloom generates its mapping (table "item":
// id TEXT PRIMARY KEY, version, sku, name, quantity, price TEXT COLLATE BLOOM_DECIMAL, status),
// the store creates the table, and the raw / Dapper / EF Core variants use that same table.
// ---------------------------------------------------------------------------------------------

/// <summary>The item's id: a Guid (version 7 from <c>ItemId.New()</c>), stored as lower-case text.</summary>
[StronglyTypedId]
public readonly partial struct ItemId;

public enum ItemStatus
{
    Draft = 0,
    Active = 1,
    Retired = 2,
}

/// <summary>A small state-stored aggregate: a strongly typed id, two strings, an int, a decimal and an enum.</summary>
[Aggregate(Table = "item")]
public sealed partial class Item
{
    private Item()
    {
    }

    public ItemId Id { get; private set; }

    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public int Quantity { get; private set; }

    public decimal Price { get; private set; }

    public ItemStatus Status { get; private set; }

    /// <summary>The domain's factory: a new item (version 0).</summary>
    public static Item Create(ItemId id, string sku, string name, int quantity, decimal price, ItemStatus status) => new()
    {
        Id = id,
        Sku = sku,
        Name = name,
        Quantity = quantity,
        Price = price,
        Status = status,
    };

    /// <summary>The hand-written rehydration the raw and Dapper variants use (a hand-written repository would have one).</summary>
    public static Item FromStorage(ItemId id, string sku, string name, int quantity, decimal price, ItemStatus status, long version)
    {
        var item = new Item
        {
            Id = id,
            Sku = sku,
            Name = name,
            Quantity = quantity,
            Price = price,
            Status = status,
        };
        ((IAggregateRoot)item).MarkCommitted(version);
        return item;
    }

    /// <summary>The change B2 commits: one column changes, the version goes up by one.</summary>
    public void Restock(int delta) => Quantity += delta;
}

/// <summary>The hand-written unit of work (the generated one needs a <c>[UnitOfWork]</c> interface; the runtime class is the same).</summary>
public sealed class BenchUow(IAggregateStore s) : UnitOfWork(s)
{
    private Repository<Item, ItemId>? _items;

    public Repository<Item, ItemId> Items => _items ??= new(this);
}

/// <summary>The column names and statement texts the raw and Dapper variants use: the same text the store prepares.</summary>
internal static class ItemSql
{
    public const string Columns = "\"id\", \"sku\", \"name\", \"quantity\", \"price\", \"status\"";

    public const string SelectList = Columns + ", \"version\"";

    public const string Insert = "INSERT INTO \"item\" (" + Columns + ", \"version\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @version)";

    public const string Update = "UPDATE \"item\" SET \"sku\" = @p1, \"name\" = @p2, \"quantity\" = @p3, \"price\" = @p4, \"status\" = @p5, \"version\" = @version WHERE \"id\" = @p0 AND \"version\" = @expected";

    public const string SelectById = "SELECT " + SelectList + " FROM \"item\" WHERE \"id\" = @p0";

    public const string SelectByStatus = "SELECT " + SelectList + " FROM \"item\" WHERE \"status\" = @p0";

    /// <summary>Physical id value: lower-case "D" text, as the store writes it.</summary>
    public static string Id(ItemId id) => id.Value.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Physical decimal value: invariant text, as the store writes it.</summary>
    public static string Price(decimal price) => price.ToString(CultureInfo.InvariantCulture);

    /// <summary>Hand mapping of the 7 selected columns (the select list order) to the aggregate.</summary>
    public static Item Read(Microsoft.Data.Sqlite.SqliteDataReader reader) => Item.FromStorage(
        new ItemId(Guid.Parse(reader.GetString(0))),
        reader.GetString(1),
        reader.GetString(2),
        (int)reader.GetInt64(3),
        decimal.Parse(reader.GetString(4), NumberStyles.Number, CultureInfo.InvariantCulture),
        (ItemStatus)reader.GetInt64(5),
        reader.GetInt64(6));
}

/// <summary>The Dapper row type: the physical column values, mapped to the aggregate by hand (Dapper has no Guid-as-text or decimal-as-text handling).</summary>
public sealed class ItemRow
{
    public string id { get; set; } = "";

    public string sku { get; set; } = "";

    public string name { get; set; } = "";

    public long quantity { get; set; }

    public string price { get; set; } = "";

    public long status { get; set; }

    public long version { get; set; }

    public Item ToItem() => Item.FromStorage(
        new ItemId(Guid.Parse(id)),
        sku,
        name,
        (int)quantity,
        decimal.Parse(price, NumberStyles.Number, CultureInfo.InvariantCulture),
        (ItemStatus)status,
        version);
}

/// <summary>Dapper's insert/update parameters: the physical values in the store's parameter names.</summary>
public sealed class ItemParameters
{
    public string p0 { get; set; } = "";

    public string p1 { get; set; } = "";

    public string p2 { get; set; } = "";

    public long p3 { get; set; }

    public string p4 { get; set; } = "";

    public long p5 { get; set; }

    public long version { get; set; }

    public long expected { get; set; }

    public static ItemParameters Of(Item item, long version, long expected) => new()
    {
        p0 = ItemSql.Id(item.Id),
        p1 = item.Sku,
        p2 = item.Name,
        p3 = item.Quantity,
        p4 = ItemSql.Price(item.Price),
        p5 = (long)item.Status,
        version = version,
        expected = expected,
    };
}

// ---------------------------------------------------------------------------------------------
// Specifications (B4 and A9).
// ---------------------------------------------------------------------------------------------

public sealed class ItemsWithStatus(ItemStatus status) : Specification<Item>
{
    public override Expression<Func<Item, bool>> ToExpression() => i => i.Status == status;
}

public sealed class ItemsWithQuantityAbove(int minimum) : Specification<Item>
{
    public override Expression<Func<Item, bool>> ToExpression() => i => i.Quantity > minimum;
}

public sealed class ItemsNamedLike(string prefix) : Specification<Item>
{
    public override Expression<Func<Item, bool>> ToExpression() => i => i.Name.StartsWith(prefix, StringComparison.Ordinal);
}
