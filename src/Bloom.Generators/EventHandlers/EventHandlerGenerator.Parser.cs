using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Generators.DomainEvents;
using Bloom.Roslyn;

namespace Bloom.Generators.EventHandlers;

public sealed partial class EventHandlerGenerator
{
    /// <summary>Parses one <c>[DomainEventHandler]</c> class. Shared with the unit-of-work generator, which must agree on the output.</summary>
    internal static ParseResult<EventHandlerModel> ParseHandler(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var compilation = context.SemanticModel.Compilation;
        return GeneratorFailure.Parse(symbol.Name, () => Describe(symbol, context.Attributes.FirstOrDefault(), compilation, cancellationToken));
    }

    /// <summary>
    /// The handler's model, or null when it cannot be in a map: not a concrete, non-generic class reachable from the assembly's
    /// top level, or handling no concrete event type. Works on source and metadata symbols alike.
    /// </summary>
    internal static EventHandlerModel? Describe(INamedTypeSymbol symbol, AttributeData? attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        if (symbol.TypeKind != TypeKind.Class || symbol.IsAbstract || symbol.IsStatic || IsGenericOrInGeneric(symbol) ||
            !compilation.IsSymbolAccessibleWithin(symbol, compilation.Assembly))
        {
            return null;
        }

        // Event type → handled asynchronously. A class implementing both interfaces for one event is called once, through the
        // async one (otherwise one delivery would run it twice).
        var events = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var candidate in symbol.AllInterfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = TypeAnalysis.FullMetadataName(candidate.OriginalDefinition);
            var isAsync = name == EventHandlerNames.AsyncHandler;
            if ((!isAsync && name != EventHandlerNames.SyncHandler) || !IsConcreteEvent(candidate.TypeArguments[0], compilation))
            {
                continue;
            }

            var eventType = TypeAnalysis.TypeOfNameOf(candidate.TypeArguments[0]);
            events[eventType] = isAsync || (events.TryGetValue(eventType, out var handledAsync) && handledAsync);
        }

        if (events.Count == 0)
        {
            return null;
        }

        int maxAttempts = 1, baseDelay = 100;
        foreach (var argument in attribute?.NamedArguments ?? ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            switch (argument.Key)
            {
                case "MaxAttempts" when argument.Value.Value is int attempts:
                    maxAttempts = Math.Max(1, attempts);
                    break;
                case "BaseDelayMilliseconds" when argument.Value.Value is int delay:
                    baseDelay = Math.Max(0, delay);
                    break;
            }
        }

        return new EventHandlerModel(
            TypeAnalysis.TypeOfNameOf(symbol),
            maxAttempts,
            baseDelay,
            events.Select(static e => new HandledEventModel(e.Key, e.Value)).ToEquatableArray());
    }

    /// <summary>
    /// Whether this compilation can host a handler map, its namespace, and the handlers referenced runtime-less assemblies listed
    /// with <c>[assembly: BloomEventHandler]</c> (read from assembly attributes only, never by enumerating types; DESIGN §6).
    /// Shared with the unit-of-work generator.
    /// </summary>
    internal static EventHandlerReferencesModel ReadReferences(Compilation compilation, CancellationToken cancellationToken)
    {
        var ns = DomainEventGenerator.AssemblyNamespace(compilation.AssemblyName);
        if (!CanHost(compilation))
        {
            return new EventHandlerReferencesModel(false, ns, EquatableArray<EventHandlerModel>.Empty);
        }

        var adopted = new SortedDictionary<string, EventHandlerModel>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReferencesAbstractions(assembly))
            {
                continue;
            }

            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass &&
                    TypeAnalysis.FullMetadataName(attributeClass) == EventHandlerNames.BloomEventHandlerAttribute &&
                    attribute.ConstructorArguments.Length == 1 &&
                    attribute.ConstructorArguments[0].Value is INamedTypeSymbol handler &&
                    Describe(handler, HandlerAttributeOf(handler), compilation, cancellationToken) is { } model &&
                    !adopted.ContainsKey(model.HandlerType))
                {
                    adopted.Add(model.HandlerType, model);
                }
            }
        }

        return new EventHandlerReferencesModel(true, ns, adopted.Values.ToEquatableArray());
    }

    /// <summary>This compilation's output: local handlers and (where it can host) adopted ones, by handler type name.</summary>
    internal static ParseResult<EventHandlerHostModel> BuildHost(ImmutableArray<ParseResult<EventHandlerModel>> local, EventHandlerReferencesModel references)
    {
        var handlers = new SortedDictionary<string, EventHandlerModel>(StringComparer.Ordinal);
        foreach (var result in local)
        {
            if (result.Model is { } model && !handlers.ContainsKey(model.HandlerType))
            {
                handlers.Add(model.HandlerType, model);
            }
        }

        foreach (var model in references.Adopted)
        {
            if (!handlers.ContainsKey(model.HandlerType))
            {
                handlers.Add(model.HandlerType, model);
            }
        }

        const string Target = EventHandlerNames.GeneratedClass;
        return handlers.Count == 0
            ? ParseResult<EventHandlerHostModel>.Skip(Target)
            : new ParseResult<EventHandlerHostModel>(new EventHandlerHostModel(references.CanHost, references.Namespace, handlers.Values.ToEquatableArray()), null, Target);
    }

    /// <summary>
    /// Whether Bloom.Runtime (the descriptor and the assembly attribute) and the DI abstractions are referenced; each type is
    /// looked up in the one assembly that ships it, not in the whole compilation.
    /// </summary>
    private static bool CanHost(Compilation compilation)
    {
        bool runtime = false, dependencyInjection = false;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            switch (assembly.Name)
            {
                case EventHandlerNames.RuntimeAssembly:
                    runtime = IsPublic(assembly.GetTypeByMetadataName(EventHandlerNames.Descriptor)) &&
                              IsPublic(assembly.GetTypeByMetadataName(EventHandlerNames.BloomEventHandlersAttribute));
                    break;
                case EventHandlerNames.DependencyInjectionAssembly:
                    dependencyInjection = IsPublic(assembly.GetTypeByMetadataName(EventHandlerNames.ServiceCollection)) &&
                                          IsPublic(assembly.GetTypeByMetadataName(EventHandlerNames.ServiceCollectionExtensions));
                    break;
            }
        }

        return runtime && dependencyInjection;

        static bool IsPublic(INamedTypeSymbol? type) => type?.DeclaredAccessibility == Accessibility.Public;
    }

    /// <summary>Only assemblies built against Bloom.Abstractions can carry Bloom's assembly attributes.</summary>
    internal static bool ReferencesAbstractions(IAssemblySymbol assembly)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (referenced.Name == EventHandlerNames.AbstractionsAssembly)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static AttributeData? HandlerAttributeOf(INamedTypeSymbol handler)
    {
        foreach (var attribute in handler.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && TypeAnalysis.FullMetadataName(attributeClass) == EventHandlerNames.HandlerAttribute)
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool IsGenericOrInGeneric(INamedTypeSymbol symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A type the map can key on: a class or struct that is not abstract, fully resolved and nameable here. Handlers are found by
    /// an event's exact runtime type, so a handler of an interface or an abstract base would never run.
    /// </summary>
    private static bool IsConcreteEvent(ITypeSymbol type, Compilation compilation) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsUnboundGenericType: false } named &&
        !ContainsErrorsOrTypeParameters(named) &&
        compilation.IsSymbolAccessibleWithin(named, compilation.Assembly);

    private static bool ContainsErrorsOrTypeParameters(ITypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Error or TypeKind.TypeParameter)
        {
            return true;
        }

        if (type is IArrayTypeSymbol array)
        {
            return ContainsErrorsOrTypeParameters(array.ElementType);
        }

        if (type is INamedTypeSymbol named)
        {
            for (var current = named; current is not null; current = current.ContainingType)
            {
                foreach (var argument in current.TypeArguments)
                {
                    if (ContainsErrorsOrTypeParameters(argument))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
