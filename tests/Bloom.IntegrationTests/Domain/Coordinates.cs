namespace Bloom.IntegrationTests.Domain;

/// <summary>A plain struct value object: Bloom generates the constructor, equality, operators and validation.</summary>
[ValueObject]
public readonly partial struct Coordinates
{
    public double Latitude { get; }

    public double Longitude { get; }

    private static void Validate(ref ValidationErrors errors, double latitude, double longitude)
    {
        errors.Ensure(latitude is >= -90 and <= 90, nameof(Latitude), "must be between -90 and 90");
        errors.Ensure(longitude is >= -180 and <= 180, nameof(Longitude), "must be between -180 and 180");
    }
}
