namespace Bloom;

/// <summary>Something with an identity that stays the same while its state changes.</summary>
/// <typeparam name="TId">The identity type, ideally a <see cref="StronglyTypedIdAttribute">strongly typed id</see>.</typeparam>
public interface IEntity<out TId>
    where TId : notnull
{
    /// <summary>The identity. <see langword="default"/> means the entity is transient (not yet identified).</summary>
    TId Id { get; }
}
