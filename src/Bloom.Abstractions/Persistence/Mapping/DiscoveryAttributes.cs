using System.ComponentModel;

namespace Bloom.Persistence;

/// <summary>
/// Written by the generator into an assembly for each persistable aggregate it declares, so a <c>[UnitOfWork]</c> in another
/// project finds the aggregate without scanning types (DESIGN §6). Not for use in hand-written code.
/// </summary>
/// <param name="aggregate">The aggregate type.</param>
/// <param name="repository">Its generated repository interface.</param>
/// <param name="propertyName">The unit-of-work property name (the pluralised type name, e.g. <c>Orders</c>).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class BloomAggregateAttribute(Type aggregate, Type repository, string propertyName) : Attribute
{
    /// <summary>The aggregate type.</summary>
    public Type Aggregate { get; } = aggregate;

    /// <summary>The generated repository interface.</summary>
    public Type Repository { get; } = repository;

    /// <summary>The unit-of-work property name.</summary>
    public string PropertyName { get; } = propertyName;
}

/// <summary>
/// Written by the generator into an assembly for each <c>[UnitOfWork]</c> interface it declares, so the project that registers
/// services (often Infrastructure) generates its implementation. Not for use in hand-written code.
/// </summary>
/// <param name="unitOfWork">The unit-of-work interface.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class BloomUnitOfWorkAttribute(Type unitOfWork) : Attribute
{
    /// <summary>The unit-of-work interface.</summary>
    public Type UnitOfWork { get; } = unitOfWork;
}
