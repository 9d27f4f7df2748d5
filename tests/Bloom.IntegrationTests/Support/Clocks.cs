using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Bloom.IntegrationTests.Support;

/// <summary>Fixed instants and UUID v7 helpers shared by the tests.</summary>
internal static class Clocks
{
    /// <summary>An instant with sub-millisecond ticks, so round trips must keep full precision.</summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(891_2345);

    public static FakeTimeProvider NewFake() => new(Start);

    /// <summary>The Unix-millisecond timestamp stored in the first 48 bits of a version 7 UUID.</summary>
    public static long UnixMillisecondsOf(Guid uuidV7) =>
        long.Parse(uuidV7.ToString("N")[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
