namespace Bloom;

/// <summary>
/// Excludes a field or auto-property of an <c>[Aggregate]</c> or <c>[Entity]</c> from persistence (a cache, a derived value).
/// After reconstitution it has its default value (field initializers do run).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class NotPersistedAttribute : Attribute
{
}
