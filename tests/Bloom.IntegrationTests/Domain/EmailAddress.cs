namespace Bloom.IntegrationTests.Domain;

/// <summary>
/// A positional record that declares its own property for the positional parameter (to normalize it), plus validation:
/// a common shape that must still validate on every construction path.
/// </summary>
[ValueObject]
public sealed partial record EmailAddress(string Address)
{
    public string Address { get; } = Address.Trim().ToLowerInvariant();

    private static void Validate(ref ValidationErrors errors, string address) =>
        errors.Ensure(address is not null && address.Contains('@', StringComparison.Ordinal), nameof(Address), "must contain '@'");
}
