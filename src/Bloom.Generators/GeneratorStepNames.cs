namespace Bloom.Generators;

/// <summary>Tracking names of every pipeline step, so incrementality tests can find each one.</summary>
internal static class GeneratorStepNames
{
    public const string StronglyTypedIds = "Bloom.StronglyTypedIds";
    public const string ValueObjects = "Bloom.ValueObjects";
    public const string Entities = "Bloom.Entities";
    public const string Aggregates = "Bloom.Aggregates";
    public const string DomainEvents = "Bloom.DomainEvents";
    public const string DomainEventRegistry = "Bloom.DomainEventRegistry";
    public const string AssemblyNamespace = "Bloom.AssemblyNamespace";

    public static readonly string[] All =
    [
        StronglyTypedIds, ValueObjects, Entities, Aggregates, DomainEvents, DomainEventRegistry, AssemblyNamespace,
    ];
}
