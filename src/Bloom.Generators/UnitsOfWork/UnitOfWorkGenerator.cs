using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.UnitsOfWork;

/// <summary>
/// For each <c>[UnitOfWork] partial interface</c>: one repository property per persistable aggregate visible to the compilation
/// (declared here, or listed by <c>[assembly: BloomAggregate]</c> in a referenced assembly) and <c>[assembly: BloomUnitOfWork]</c>.
/// Where Bloom.Runtime and DI are referenced: the implementation of every unit of work declared here or listed by a referenced
/// assembly, and one internal <c>services.AddBloom(...)</c>, which also registers the event handlers and event registries of this
/// and referenced assemblies.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class UnitOfWorkGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var localAggregates = context.SyntaxProvider
            .ForAttributeWithMetadataName(WellKnownNames.AggregateAttribute, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => ParseAggregate(ctx, ct))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkAggregates)
            .Where(static aggregate => aggregate is not null)
            .Collect();

        // Reads only the referenced assemblies' attributes; the result is equatable, so an edit that changes nothing there stops here.
        var references = context.CompilationProvider
            .Select(static (compilation, ct) => ReadReferences(compilation, ct))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkReferences);

        var aggregates = localAggregates.Combine(references)
            .Select(static (input, _) => MergeAggregates(input.Left!, input.Right))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkAggregateSet);

        var interfaces = context.SyntaxProvider
            .ForAttributeWithMetadataName(UnitOfWorkNames.UnitOfWorkAttribute, static (node, _) => node is InterfaceDeclarationSyntax, static (ctx, ct) => ParseUnitOfWork(ctx, ct))
            .WithTrackingName(GeneratorStepNames.UnitsOfWork)
            .Combine(aggregates)
            .Select(static (input, _) => Resolve(input.Left, input.Right))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkInterfaces);

        context.RegisterSourceOutput(interfaces, static (spc, result) => GeneratorFailure.Emit(spc, result, EmitInterface));

        var registration = interfaces.Collect().Combine(references).Combine(aggregates).Combine(LocalEventSets(context))
            .Select(static (input, _) => BuildRegistration(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(GeneratorStepNames.UnitOfWorkRegistration);

        context.RegisterSourceOutput(registration, static (spc, result) => GeneratorFailure.Emit(spc, result, EmitRegistration));
    }
}
