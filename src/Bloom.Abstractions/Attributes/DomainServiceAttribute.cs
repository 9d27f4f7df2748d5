namespace Bloom;

/// <summary>
/// Marks a domain service: stateless domain logic that does not belong to one aggregate or value object
/// (for example a pricing policy that needs several aggregates' data). Analyzers check that it holds no mutable
/// instance state (BLM1101) and does not depend on infrastructure (BLM1102). Application services, which load
/// aggregates, commit units of work and call infrastructure, are not domain services and should not carry this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DomainServiceAttribute : Attribute
{
}
