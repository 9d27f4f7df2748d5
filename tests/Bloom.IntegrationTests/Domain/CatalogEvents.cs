namespace Bloom.IntegrationTests.Domain;

/// <summary>An event whose members cover the remaining JSON kinds Bloom writes itself.</summary>
[DomainEvent(Name = "catalog.product-listed")]
public sealed partial record ProductListed(
    Sku Sku,
    EmailAddress Contact,
    TimeOnly AvailableFrom,
    TimeSpan LeadTime,
    char Grade,
    bool Featured,
    double Rating,
    float Score,
    byte Stars,
    short Rank,
    uint Views,
    ulong Clicks,
    DateTime ListedAt,
    Guid CorrelationId,
    decimal? Discount);

/// <summary>An event with a value object whose dictionary member Bloom hands to JsonSerializer (the options' resolver).</summary>
[DomainEvent(Name = "catalog.stock-counted")]
public sealed partial record StockCounted(Sku Sku, ProductSheet Sheet);
