namespace Bloom.IntegrationTests.Domain;

/// <summary>A readonly record struct value object with one member (serialized as the bare number) and validation.</summary>
[ValueObject]
public readonly partial record struct Temperature(decimal Celsius)
{
    private static void Validate(ref ValidationErrors errors, decimal celsius) =>
        errors.Ensure(celsius >= -273.15m, nameof(Celsius), "must not be below absolute zero");
}
