namespace Bloom;

/// <summary>
/// Marks a <c>partial interface</c> as a unit of work: Bloom generates one typed repository property per persistable aggregate
/// (<c>IOrderRepository Orders { get; }</c>) — those declared in this project and in the projects it references — and makes it
/// extend <see cref="IUnitOfWork"/> and <see cref="ISyncUnitOfWork"/>. In a project that references Bloom.Runtime, Bloom also
/// generates its implementation and the <c>services.AddBloom(...)</c> registration.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class UnitOfWorkAttribute : Attribute
{
}
