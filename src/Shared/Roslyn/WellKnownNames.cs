namespace Bloom.Roslyn;

/// <summary>Metadata names of the Bloom.Abstractions types that generators and analyzers look for (they never reference the assembly).</summary>
internal static class WellKnownNames
{
    public const string AggregateAttribute = "Bloom.AggregateAttribute";
    public const string EntityAttribute = "Bloom.EntityAttribute";
    public const string ValueObjectAttribute = "Bloom.ValueObjectAttribute";
    public const string DomainEventAttribute = "Bloom.DomainEventAttribute";
    public const string StronglyTypedIdAttribute = "Bloom.StronglyTypedIdAttribute";

    public const string DomainServiceAttribute = "Bloom.DomainServiceAttribute";

    public const string ValidationErrors = "Bloom.ValidationErrors";
    public const string AggregateRootInterface = "Bloom.IAggregateRoot";

    /// <summary>Every attribute that makes a type a Bloom target (and so requires <c>partial</c>).</summary>
    public static readonly string[] TargetAttributes =
    [
        AggregateAttribute,
        EntityAttribute,
        ValueObjectAttribute,
        DomainEventAttribute,
        StronglyTypedIdAttribute,
    ];
}
