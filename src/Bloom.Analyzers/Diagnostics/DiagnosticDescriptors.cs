using Bloom.Roslyn;
using Microsoft.CodeAnalysis;

namespace Bloom.Analyzers.Diagnostics;

/// <summary>Every diagnostic Bloom.Analyzers reports. Ids live in <see cref="DiagnosticIds"/> and never change.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>BLM0001. {0} = the type to make partial, {1} = why (its own attribute, or the Bloom type nested in it).</summary>
    public static readonly DiagnosticDescriptor TypeMustBePartial = new(
        id: DiagnosticIds.TypeMustBePartial,
        title: "Type with a Bloom attribute must be partial",
        messageFormat: "Type '{0}' must be declared partial because {1}. The Bloom generator adds its members in a partial declaration and generates nothing until then; add the 'partial' modifier to '{0}'.",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Bloom generates the members of an aggregate, entity, value object, domain event or strongly typed id in a second partial declaration of the type. "
            + "C# only accepts that when the type and every type that contains it are declared 'partial'. Without it the generator skips the type, "
            + "so calls to generated members later fail with errors that do not mention Bloom.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.TypeMustBePartial));

    /// <summary>BLM0002. {0} = the target, {1} = its Bloom attribute, {2} = why it is unsupported.</summary>
    public static readonly DiagnosticDescriptor UnsupportedTarget = new(
        id: DiagnosticIds.UnsupportedTarget,
        title: "Bloom attribute on an unsupported target",
        messageFormat: "'{0}' is marked [{1}] but {2}, so the Bloom generator produces no code for it. Bloom targets must be non-generic types that are not nested inside a generic type.",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Bloom generates closed, non-generic code for each target: identity and equality members, static factories, a JSON converter and registry entries that name the type. "
            + "A generic type, or a type nested inside a generic type, has no single closed name to generate against, so the generator skips it and emits nothing. "
            + "Move the type out of the generic type, or make it non-generic (for example one concrete type per type argument).",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnsupportedTarget));

    /// <summary>AggregateHeldByReference.</summary>
    public static readonly DiagnosticDescriptor AggregateHeldByReference = new(
        id: DiagnosticIds.AggregateHeldByReference,
        title: "Aggregate holds another aggregate by reference",
        messageFormat: "Aggregate '{0}' holds aggregate '{1}' by reference in '{2}'; hold its id ({3}) instead and load '{1}' through its own repository when needed",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Each aggregate is its own consistency boundary, loaded and saved as a unit. Holding another aggregate by reference lets one transaction change two aggregates, drags the other aggregate's whole graph into every load, and breaks when they live in different stores. Reference other aggregates by their identity.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.AggregateHeldByReference));

    /// <summary>EntityMutatedOutsideAggregate.</summary>
    public static readonly DiagnosticDescriptor EntityMutatedOutsideAggregate = new(
        id: DiagnosticIds.EntityMutatedOutsideAggregate,
        title: "Child entity changed from outside its aggregate root",
        messageFormat: "'{0}' changes entity '{1}' from outside its aggregate root; make the change through a method on {2} so the aggregate can enforce its rules",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An aggregate root guards the invariants of everything inside its boundary. Code that sets a property of a child entity, calls one of its mutating methods or changes its collections from outside the root bypasses those rules. Add a method on the root that makes the change.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.EntityMutatedOutsideAggregate));

    /// <summary>PublicMutableState.</summary>
    public static readonly DiagnosticDescriptor PublicMutableState = new(
        id: DiagnosticIds.PublicMutableState,
        title: "Aggregate or entity state is publicly mutable",
        messageFormat: "'{0}' exposes mutable state through '{1}' ({2}); keep state private and change it through methods that enforce the rules",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Aggregates and entities protect their invariants by changing state only through their own methods. A public setter, a public non-readonly field or a publicly exposed mutable collection lets any caller put the object into a state its rules forbid.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.PublicMutableState));

    /// <summary>EventPlumbingOutsideAggregate.</summary>
    public static readonly DiagnosticDescriptor EventPlumbingOutsideAggregate = new(
        id: DiagnosticIds.EventPlumbingOutsideAggregate,
        title: "Aggregate event plumbing used from outside the aggregate",
        messageFormat: "'{0}' is called on aggregate '{1}' from '{2}'; only the aggregate raises its events, and only the unit of work clears or commits them",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Domain events record what an aggregate decided. Raising them for an aggregate from outside, or clearing/committing them from domain code, makes the event stream disagree with the state. Let the aggregate raise its own events and leave clearing to the unit of work.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.EventPlumbingOutsideAggregate));

    /// <summary>RepositoryForNonAggregate.</summary>
    public static readonly DiagnosticDescriptor RepositoryForNonAggregate = new(
        id: DiagnosticIds.RepositoryForNonAggregate,
        title: "Repository or unit-of-work member for a type that is not an aggregate root",
        messageFormat: "'{0}' gives direct access to '{1}', which is {2}, not an aggregate root; load its aggregate root instead",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Only aggregate roots are retrieved through repositories: entities inside an aggregate are reached through their root, and value objects and events are not stored on their own. A repository for anything else lets callers change part of an aggregate without its root.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.RepositoryForNonAggregate));

    /// <summary>MissingIdentity.</summary>
    public static readonly DiagnosticDescriptor MissingIdentity = new(
        id: DiagnosticIds.MissingIdentity,
        title: "Aggregate or entity without an identity",
        messageFormat: "'{0}' is marked [{1}] but has no 'Id' property, so Bloom generates nothing for it; add a property 'Id' of a strongly typed id type",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Aggregates and entities are defined by their identity. Bloom generates identity equality and the aggregate plumbing around a property named 'Id'; without it the type gets no generated code.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.MissingIdentity));

    /// <summary>IdNotStronglyTyped.</summary>
    public static readonly DiagnosticDescriptor IdNotStronglyTyped = new(
        id: DiagnosticIds.IdNotStronglyTyped,
        title: "Aggregate id is not a strongly typed id",
        messageFormat: "Aggregate '{0}' is identified by '{1}'; use a [StronglyTypedId] struct so ids of different aggregates cannot be mixed up",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A raw Guid, long or string id lets an OrderId be passed where a CustomerId is expected without a compile error. A [StronglyTypedId] struct costs nothing at run time and makes such mistakes impossible. Set the severity to none in .editorconfig if raw ids are a deliberate choice.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.IdNotStronglyTyped));

    /// <summary>DomainServiceMutableState.</summary>
    public static readonly DiagnosticDescriptor DomainServiceMutableState = new(
        id: DiagnosticIds.DomainServiceMutableState,
        title: "Domain service holds mutable instance state",
        messageFormat: "Domain service '{0}' holds mutable state in '{1}'; a domain service is stateless: pass the data it works on as arguments, or make the member readonly",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A domain service expresses domain logic that does not belong to one aggregate. It must not remember anything between calls: mutable instance state makes its results depend on call order and breaks when the service is shared.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DomainServiceMutableState));

    /// <summary>DomainServiceInfrastructure.</summary>
    public static readonly DiagnosticDescriptor DomainServiceInfrastructure = new(
        id: DiagnosticIds.DomainServiceInfrastructure,
        title: "Domain service depends on infrastructure",
        messageFormat: "Domain service '{0}' depends on infrastructure type '{1}' through '{2}'; keep it in the domain and move the I/O to an application service or an adapter behind a domain port",
        category: DiagnosticCategories.AggregateBoundaries,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Domain services belong to the domain model and must be testable without a database, network or framework. Loading data, calling HTTP endpoints or committing transactions is the job of application services and infrastructure adapters.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DomainServiceInfrastructure));

    /// <summary>ValueObjectMutableMember.</summary>
    public static readonly DiagnosticDescriptor ValueObjectMutableMember = new(
        id: DiagnosticIds.ValueObjectMutableMember,
        title: "Value object has a mutable member",
        messageFormat: "Value object '{0}' has mutable member '{1}' ({2}); value objects are immutable: {3}",
        category: DiagnosticCategories.ValueObjects,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A value object is defined by its values. If a value can change after creation, equal objects stop being equal, hash-based collections lose them and validated invariants no longer hold.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ValueObjectMutableMember));

    /// <summary>ValueObjectValidationBypassed.</summary>
    public static readonly DiagnosticDescriptor ValueObjectValidationBypassed = new(
        id: DiagnosticIds.ValueObjectValidationBypassed,
        title: "Value object created without running its validation",
        messageFormat: "'{0}' creates '{1}' without running its validation; create it with a constructor that takes its values or with {1}.Create(...)",
        category: DiagnosticCategories.ValueObjects,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "'default' and the parameterless constructor of a struct value object produce an instance whose validation never ran, so it may hold values its rules forbid.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ValueObjectValidationBypassed));

    /// <summary>ValueObjectValidationNotHooked.</summary>
    public static readonly DiagnosticDescriptor ValueObjectValidationNotHooked = new(
        id: DiagnosticIds.ValueObjectValidationNotHooked,
        title: "Value object validation does not run on every construction",
        messageFormat: "Value object '{0}' declares Validate, but {1}, so some ways of creating it skip the rules; {2}",
        category: DiagnosticCategories.ValueObjects,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Bloom runs a value object's Validate method from the constructor it generates or, for positional records, from the positional properties it generates. Constructors written by hand, or positional properties declared by hand, are construction paths Bloom cannot reach.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ValueObjectValidationNotHooked));

    /// <summary>DomainEventMutable.</summary>
    public static readonly DiagnosticDescriptor DomainEventMutable = new(
        id: DiagnosticIds.DomainEventMutable,
        title: "Domain event is mutable",
        messageFormat: "Domain event '{0}' has mutable member '{1}' ({2}); events record what happened and never change: {3}",
        category: DiagnosticCategories.DomainEvents,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A domain event is a fact. Once raised it is stored, published and replayed; changing it afterwards makes subscribers, the outbox and the event store disagree.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DomainEventMutable));

    /// <summary>DomainEventCarriesEntity.</summary>
    public static readonly DiagnosticDescriptor DomainEventCarriesEntity = new(
        id: DiagnosticIds.DomainEventCarriesEntity,
        title: "Domain event carries an aggregate or entity",
        messageFormat: "Domain event '{0}' carries {1} '{2}' in '{3}'; carry its id and the values subscribers need instead",
        category: DiagnosticCategories.DomainEvents,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Events are serialized, stored and read later by other processes. An aggregate or entity inside an event drags its whole mutable graph into the payload, ties subscribers to its internals, and shows its state at serialization time rather than when the event happened.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DomainEventCarriesEntity));

    /// <summary>DomainReferencesInfrastructure.</summary>
    public static readonly DiagnosticDescriptor DomainReferencesInfrastructure = new(
        id: DiagnosticIds.DomainReferencesInfrastructure,
        title: "Domain type references infrastructure",
        messageFormat: "Domain type '{0}' uses infrastructure type '{1}' ({2}); keep the domain free of persistence, messaging and transport code and put it behind a port",
        category: DiagnosticCategories.Layering,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Types marked [Aggregate], [Entity], [ValueObject], [DomainEvent] or [DomainService] form the domain model. When they reference database, HTTP, messaging or Bloom runtime types, the model cannot be tested or reused without that infrastructure.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DomainReferencesInfrastructure));

    /// <summary>DuplicateEventName. {0} = the event, {1} = the shared name, {2} = the other event.</summary>
    public static readonly DiagnosticDescriptor DuplicateEventName = new(
        id: DiagnosticIds.DuplicateEventName,
        title: "Two domain events share a stable name",
        messageFormat: "Domain event '{0}' has the stable name '{1}', which '{2}' already uses; give one of them a unique name with [DomainEvent(Name = \"...\")]",
        category: DiagnosticCategories.DomainEvents,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The stable name is what the event store and the outbox record; reading an event back looks its type up by that name. Two event types with one name cannot both be registered: the assembly's BloomDomainEvents.Registry would fail when first used. Names default to the type name, so two events called OrderPlaced in different namespaces collide too.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.DuplicateEventName),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>BLM4002. {0} = the aggregate, {1} = why it cannot be stored.</summary>
    public static readonly DiagnosticDescriptor AggregateNotPersistable = new(
        id: DiagnosticIds.AggregateNotPersistable,
        title: "Aggregate cannot be stored",
        messageFormat: "Aggregate '{0}' cannot be stored because {1}; Bloom generates no mapping and no repository for it",
        category: DiagnosticCategories.Persistence,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Bloom maps each state-stored aggregate to one table: scalars, strongly typed ids and value objects become columns, child entities and collections a JSON column, "
            + "and a generated reconstitution constructor restores private state. When an aggregate cannot be mapped, the generator emits no Mapping, no I{Name}Repository "
            + "and no unit-of-work property for it, and code that uses them fails to compile with errors that do not mention Bloom. This diagnostic says why.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.AggregateNotPersistable));
}
