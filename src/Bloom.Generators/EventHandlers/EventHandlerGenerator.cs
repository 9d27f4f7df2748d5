using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Generators.Common;

namespace Bloom.Generators.EventHandlers;

/// <summary>
/// For the <c>[DomainEventHandler]</c> classes of a compilation: where Bloom.Runtime and DI are referenced, one
/// <c>{AssemblyNamespace}.BloomEventHandlers</c> (descriptors for the handler map, and DI registration) plus
/// <c>[assembly: BloomEventHandlers(...)]</c>, also covering handlers that referenced runtime-less assemblies listed; elsewhere,
/// one <c>[assembly: BloomEventHandler(typeof(...))]</c> per handler, for the project that composes services.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class EventHandlerGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(EventHandlerNames.HandlerAttribute, static (node, _) => IsCandidate(node), static (ctx, ct) => ParseHandler(ctx, ct))
            .WithTrackingName(GeneratorStepNames.EventHandlers);

        // BLM0000 for a handler whose parsing failed; the handler is left out of the map.
        context.RegisterSourceOutput(handlers, static (spc, result) => GeneratorFailure.Emit(spc, result, static (_, _) => { }));

        // Reads only the referenced assemblies' attributes; equatable, so an edit that changes nothing there stops here.
        var references = context.CompilationProvider
            .Select(static (compilation, ct) => ReadReferences(compilation, ct))
            .WithTrackingName(GeneratorStepNames.EventHandlerReferences);

        var host = handlers.Collect().Combine(references)
            .Select(static (input, _) => BuildHost(input.Left, input.Right))
            .WithTrackingName(GeneratorStepNames.EventHandlerMap);

        context.RegisterSourceOutput(host, static (spc, result) => GeneratorFailure.Emit(spc, result, Emit));
    }

    /// <summary>The syntactic filter: a class or record class declaration.</summary>
    internal static bool IsCandidate(SyntaxNode node) =>
        node is ClassDeclarationSyntax || (node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StructKeyword));
}
