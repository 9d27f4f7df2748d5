using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.DomainEvents;

/// <summary>
/// Generates <c>IDomainEvent</c> (time-ordered id, occurred-at), the stable type name and schema version, a reflection-free
/// JSON converter for each <c>[DomainEvent]</c>, and one <c>BloomDomainEvents.Registry</c> per assembly.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class DomainEventGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var events = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.DomainEventAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(GeneratorStepNames.DomainEvents);

        context.RegisterSourceOutput(events, static (spc, result) => GeneratorFailure.Emit(spc, result, Emit));

        // Sorted, so the registry does not depend on syntax-tree order.
        var registry = events
            .Select(static (result, _) => result.Model is { IsAccessibleFromAssembly: true } m
                ? new RegistryEntry(m.Hierarchy.GlobalName, m.EventName, m.SchemaVersion)
                : null)
            .Where(static entry => entry is not null)
            .Collect()
            .Select(static (entries, _) => entries.OrderBy(static e => e!.TypeName, StringComparer.Ordinal).Select(static e => e!).ToEquatableArray())
            .WithTrackingName(GeneratorStepNames.DomainEventRegistry);

        var assemblyNamespace = context.CompilationProvider
            .Select(static (compilation, _) => AssemblyNamespace(compilation.AssemblyName))
            .WithTrackingName(GeneratorStepNames.AssemblyNamespace);

        context.RegisterSourceOutput(registry.Combine(assemblyNamespace), static (spc, input) => EmitRegistry(spc, input.Left, input.Right));
    }
}
