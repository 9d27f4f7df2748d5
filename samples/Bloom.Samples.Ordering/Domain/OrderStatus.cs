namespace Bloom.Samples.Ordering.Domain;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Placed, still accepting lines.</summary>
    Placed,

    /// <summary>Shipped; no more changes.</summary>
    Shipped,
}
