using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Generators.DomainEvents;
using Bloom.Generators.EventHandlers;
using Bloom.Roslyn;

namespace Bloom.Generators.UnitsOfWork;

public sealed partial class UnitOfWorkGenerator
{
    /// <summary>
    /// Whether this compilation gets a <c>BloomEventHandlers</c> and a <c>BloomDomainEvents</c> class. Generators do not see each
    /// other's output, so this runs the event-handler generator's own parser and host rule, and the domain-event generator's
    /// registry rule, over the same targets: both sides agree by construction.
    /// </summary>
    private static IncrementalValueProvider<LocalEventSetsModel> LocalEventSets(IncrementalGeneratorInitializationContext context)
    {
        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(EventHandlerNames.HandlerAttribute, static (node, _) => EventHandlerGenerator.IsCandidate(node), static (ctx, ct) => EventHandlerGenerator.ParseHandler(ctx, ct))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkEventHandlers)
            .Collect();

        var handlerReferences = context.CompilationProvider
            .Select(static (compilation, ct) => EventHandlerGenerator.ReadReferences(compilation, ct))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkEventHandlerReferences);

        var events = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.DomainEventAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax,
                static (ctx, ct) => IsRegisteredEvent((INamedTypeSymbol)ctx.TargetSymbol, ct))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkEventTypes)
            .Collect();

        return handlers.Combine(handlerReferences).Combine(events)
            .Select(static (input, _) => ToLocalEventSets(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkEventSets);
    }

    private static bool IsRegisteredEvent(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        try
        {
            return DomainEventGenerator.IsRegistered(symbol, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false; // the domain-event generator reports BLM0000 for it
        }
    }

    private static LocalEventSetsModel ToLocalEventSets(
        ImmutableArray<ParseResult<EventHandlerModel>> handlers,
        EventHandlerReferencesModel references,
        ImmutableArray<bool> registeredEvents)
    {
        var host = EventHandlerGenerator.BuildHost(handlers, references).Model;
        return new LocalEventSetsModel(
            host is { CanHost: true } ? host.ClassName : string.Empty,
            registeredEvents.Contains(true) ? "global::" + references.Namespace + ".BloomDomainEvents" : string.Empty);
    }
}
