namespace Bloom;

/// <summary>
/// Marks a <c>partial</c> class as an entity: something with an identity that lives inside an aggregate.
/// Bloom generates <see cref="IEntity{TId}"/> and identity equality by <c>Id</c>.
/// </summary>
/// <remarks>A transient entity (its <c>Id</c> still <see langword="default"/>) is equal only to itself.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class EntityAttribute : Attribute
{
}
