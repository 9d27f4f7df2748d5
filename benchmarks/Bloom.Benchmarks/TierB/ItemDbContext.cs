using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bloom.Benchmarks.TierB;

/// <summary>
/// The EF Core peer maps the same <see cref="Item"/> aggregate to the same table, the way a DDD user of EF Core would: value
/// converter for the strongly typed id (lower-case Guid text, as the store writes it), the private version field as a mapped field,
/// Bloom's read-only members ignored. EF's own SQLite decimal handling (TEXT) is kept. EF writes version 0 for a new item (the
/// field's value); the store writes 1: the same work either way.
/// </summary>
public sealed class ItemDbContext(DbContextOptions<ItemDbContext> options) : DbContext(options)
{
    public DbSet<Item> Items => Set<Item>();

    /// <summary>Options over a connection opened by the store's connection factory (same PRAGMAs and collation as every other variant).</summary>
    public static DbContextOptions<ItemDbContext> Options(SqliteConnection connection) =>
        new DbContextOptionsBuilder<ItemDbContext>().UseSqlite(connection).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Item>(item =>
        {
            item.ToTable("item");
            item.HasKey(x => x.Id);
            item.Property(x => x.Id)
                .HasColumnName("id")
                .ValueGeneratedNever()
                .HasConversion(id => id.Value.ToString("D", CultureInfo.InvariantCulture), text => new ItemId(Guid.Parse(text)));
            item.Property(x => x.Sku).HasColumnName("sku");
            item.Property(x => x.Name).HasColumnName("name");
            item.Property(x => x.Quantity).HasColumnName("quantity");
            item.Property(x => x.Price).HasColumnName("price");
            item.Property(x => x.Status).HasColumnName("status");

            // Bloom's generated version field; EF reads and writes it directly.
            item.Property<long>("_bloomVersion").HasColumnName("version");
            item.Ignore(x => x.Version);
            item.Ignore(x => x.PendingEvents);
        });
    }
}
