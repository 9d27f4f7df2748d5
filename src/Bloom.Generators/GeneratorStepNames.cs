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
    public const string UnitOfWorkAggregates = "Bloom.UnitOfWork.Aggregates";
    public const string UnitOfWorkReferences = "Bloom.UnitOfWork.References";
    public const string UnitOfWorkAggregateSet = "Bloom.UnitOfWork.AggregateSet";
    public const string UnitsOfWork = "Bloom.UnitsOfWork";
    public const string UnitOfWorkInterfaces = "Bloom.UnitOfWork.Interfaces";
    public const string UnitOfWorkRegistration = "Bloom.UnitOfWork.Registration";
    public const string UnitOfWorkEventHandlers = "Bloom.UnitOfWork.EventHandlers";
    public const string UnitOfWorkEventHandlerReferences = "Bloom.UnitOfWork.EventHandlerReferences";
    public const string UnitOfWorkEventTypes = "Bloom.UnitOfWork.EventTypes";
    public const string UnitOfWorkEventSets = "Bloom.UnitOfWork.EventSets";
    public const string EventHandlers = "Bloom.EventHandlers";
    public const string EventHandlerReferences = "Bloom.EventHandlers.References";
    public const string EventHandlerMap = "Bloom.EventHandlers.Map";

    public static readonly string[] All =
    [
        StronglyTypedIds, ValueObjects, Entities, Aggregates, DomainEvents, DomainEventRegistry, AssemblyNamespace,
        UnitOfWorkAggregates, UnitOfWorkReferences, UnitOfWorkAggregateSet, UnitsOfWork, UnitOfWorkInterfaces, UnitOfWorkRegistration,
        UnitOfWorkEventHandlers, UnitOfWorkEventHandlerReferences, UnitOfWorkEventTypes, UnitOfWorkEventSets,
        EventHandlers, EventHandlerReferences, EventHandlerMap,
    ];
}
