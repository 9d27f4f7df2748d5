namespace Bloom;

/// <summary>
/// Marks a <c>partial</c> class, struct, record or record struct as a value object. Bloom generates
/// structural equality over every member (collections compare element by element), <c>==</c>/<c>!=</c>,
/// a consistent <c>GetHashCode</c>, a readable <c>ToString</c>, a System.Text.Json converter and, when the type
/// declares a <c>Validate</c> method, validation on every construction path.
/// </summary>
/// <example>
/// <code>
/// [ValueObject]
/// public sealed partial record Money(decimal Amount, string Currency)
/// {
///     private static void Validate(ref ValidationErrors errors, decimal amount, string currency)
///     {
///         if (amount &lt; 0) errors.Add(nameof(Amount), "must not be negative");
///         if (currency is not { Length: 3 }) errors.Add(nameof(Currency), "must be a three-letter ISO code");
///     }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class ValueObjectAttribute : Attribute
{
}
