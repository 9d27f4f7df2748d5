using Bloom.Roslyn;

namespace Bloom.Generators.EventHandlers;

/// <summary>One handled event of a handler: the event type (<c>global::</c>-qualified) and which interface handles it.</summary>
internal sealed record HandledEventModel(string EventType, bool IsAsync);

/// <summary>
/// A <c>[DomainEventHandler]</c> class reachable from its assembly's top level: its type (<c>global::</c>-qualified), its retry
/// settings (already clamped to valid values) and the events it handles, ordered by event type name.
/// </summary>
internal sealed record EventHandlerModel(
    string HandlerType,
    int MaxAttempts,
    int BaseDelayMilliseconds,
    EquatableArray<HandledEventModel> Events);

/// <summary>
/// What the compilation and its references contribute. <c>CanHost</c>: Bloom.Runtime's descriptor and attribute and the DI
/// abstractions are referenced, so this assembly gets <c>BloomEventHandlers</c>; <c>Namespace</c> is the assembly's namespace
/// (where the class goes); <c>Adopted</c> are the handlers listed by referenced assemblies' <c>[assembly: BloomEventHandler]</c>
/// (empty unless <c>CanHost</c>), which could not host their own.
/// </summary>
internal sealed record EventHandlerReferencesModel(bool CanHost, string Namespace, EquatableArray<EventHandlerModel> Adopted);

/// <summary>
/// The per-assembly output: with <c>CanHost</c>, the <c>BloomEventHandlers</c> class over <c>Handlers</c> (local and adopted, by
/// handler type name); without, one <c>[assembly: BloomEventHandler]</c> per local handler.
/// </summary>
internal sealed record EventHandlerHostModel(bool CanHost, string Namespace, EquatableArray<EventHandlerModel> Handlers)
{
    /// <summary>The generated class, <c>global::</c>-qualified.</summary>
    public string ClassName => "global::" + Namespace + "." + EventHandlerNames.GeneratedClass;
}
