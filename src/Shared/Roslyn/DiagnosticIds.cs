namespace Bloom.Roslyn;

/// <summary>
/// Stable, hand-assigned diagnostic ids. Never renumber or reuse one: users' .editorconfig files and #pragmas refer to them.
/// Ranges: BLM0xxx usage/generation, BLM1xxx aggregate boundaries, BLM2xxx value objects, BLM3xxx domain events, BLM4xxx runtime.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>A Bloom generator hit an unexpected error (a bug-report diagnostic, reported by the generator itself).</summary>
    public const string GeneratorFailed = "BLM0000";

    /// <summary>A type carrying a Bloom attribute must be declared <c>partial</c>.</summary>
    public const string TypeMustBePartial = "BLM0001";

    /// <summary>A Bloom attribute sits on a type the generator cannot extend (generic, or nested inside a generic type).</summary>
    public const string UnsupportedTarget = "BLM0002";

    // BLM1xxx: aggregate boundaries and domain services.

    /// <summary>An aggregate holds another aggregate by reference instead of by id.</summary>
    public const string AggregateHeldByReference = "BLM1001";

    /// <summary>A child entity is changed from outside its aggregate root.</summary>
    public const string EntityMutatedOutsideAggregate = "BLM1002";

    /// <summary>Aggregate or entity state is publicly mutable (public setter, public mutable field or collection).</summary>
    public const string PublicMutableState = "BLM1003";

    /// <summary>Raise / pending-event plumbing used from outside the aggregate.</summary>
    public const string EventPlumbingOutsideAggregate = "BLM1004";

    /// <summary>A repository or unit-of-work member is declared for a type that is not an aggregate root.</summary>
    public const string RepositoryForNonAggregate = "BLM1005";

    /// <summary>An aggregate or entity has no <c>Id</c> property.</summary>
    public const string MissingIdentity = "BLM1006";

    /// <summary>An aggregate's id is not a strongly typed id.</summary>
    public const string IdNotStronglyTyped = "BLM1007";

    /// <summary>A domain service holds mutable instance state.</summary>
    public const string DomainServiceMutableState = "BLM1101";

    /// <summary>A domain service depends on infrastructure.</summary>
    public const string DomainServiceInfrastructure = "BLM1102";

    // BLM2xxx: value objects.

    /// <summary>A value object has a mutable member.</summary>
    public const string ValueObjectMutableMember = "BLM2001";

    /// <summary>A value object is created in a way that skips its validation (<c>default</c> / parameterless <c>new</c> of a struct).</summary>
    public const string ValueObjectValidationBypassed = "BLM2002";

    /// <summary>A value object with validation has construction paths the generator cannot hook.</summary>
    public const string ValueObjectValidationNotHooked = "BLM2003";

    // BLM3xxx: domain events.

    /// <summary>A domain event is mutable.</summary>
    public const string DomainEventMutable = "BLM3001";

    /// <summary>A domain event carries an aggregate or entity instead of ids and values.</summary>
    public const string DomainEventCarriesEntity = "BLM3002";

    /// <summary>Two domain events in one assembly share a stable event type name.</summary>
    public const string DuplicateEventName = "BLM3003";

    // BLM4xxx: runtime usage, persistence and layering.

    /// <summary>A domain type references an infrastructure namespace.</summary>
    public const string DomainReferencesInfrastructure = "BLM4001";

    /// <summary>An aggregate cannot be state-stored, so it gets no mapping and no repository.</summary>
    public const string AggregateNotPersistable = "BLM4002";

    /// <summary>Base address of the diagnostic help pages.</summary>
    public const string HelpLinkBase = "https://github.com/bloom-toolkit/bloom/blob/main/docs/diagnostics/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
