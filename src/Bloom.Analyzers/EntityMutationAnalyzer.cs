using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bloom.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bloom.Analyzers;

/// <summary>
/// BLM1002: an entity that is not an aggregate root is changed from code outside every aggregate: a property or field
/// assignment (compound, <c>??=</c>, <c>++</c>/<c>--</c>, deconstruction and object/<c>with</c> initializers included), a call
/// of a void instance method declared on the entity, or an Add/Remove/Insert/Clear/indexer write on a mutable collection
/// read from one of its members.
/// </summary>
/// <remarks>
/// Allowed callers: the entity itself (and types nested in it or derived from it), any aggregate root, and an entity that
/// holds this entity in one of its members (a parent entity inside the same aggregate). Which aggregate owns which entity
/// instance is not tracked: any aggregate may change any entity.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EntityMutationAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> CollectionMutators = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Add",
        "AddRange",
        "Clear",
        "Insert",
        "InsertRange",
        "Remove",
        "RemoveAll",
        "RemoveAt",
        "RemoveRange",
        "TryAdd");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.EntityMutatedOutsideAggregate);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (BloomSymbols.TryCreate(start.Compilation) is not { Entity: not null } symbols)
            {
                return;
            }

            var compilation = start.Compilation;
            var holders = new Lazy<EntityHolders>(() => EntityHolders.Build(compilation, symbols), LazyThreadSafetyMode.ExecutionAndPublication);
            var rule = new Rule(symbols, holders);
            start.RegisterOperationAction(
                rule.AnalyzeAssignment,
                OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment,
                OperationKind.CoalesceAssignment,
                OperationKind.Increment,
                OperationKind.Decrement,
                OperationKind.DeconstructionAssignment);
            start.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    /// <summary>The per-compilation state of the rule: Bloom's symbols and the lazily built holder index.</summary>
    private sealed class Rule(BloomSymbols symbols, Lazy<EntityHolders> holders)
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _childEntities = new(SymbolEqualityComparer.Default);

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            switch (context.Operation)
            {
                case IDeconstructionAssignmentOperation deconstruction:
                    AnalyzeDeconstructionTargets(context, deconstruction.Target);
                    break;
                case ISimpleAssignmentOperation { IsRef: true }:
                    break;
                case IAssignmentOperation assignment:
                    Check(context, MutatedEntity(assignment.Target), assignment.Syntax);
                    break;
                case IIncrementOrDecrementOperation increment:
                    Check(context, MutatedEntity(increment.Target), increment.Syntax);
                    break;
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.IsStatic || invocation.Instance is null)
            {
                return;
            }

            // A void method of the entity changes it (a method returning a value may be a query); collection mutators change
            // a collection the entity exposes.
            var entity = method.ReturnsVoid ? EntityOf(invocation.Instance) : null;
            if (entity is not null && !IsChildEntity(method.ContainingType))
            {
                entity = null; // a void method inherited from a type that is not an entity
            }

            if (entity is null && CollectionMutators.Contains(method.Name))
            {
                // In 'new OrderLine { Tags = { "a" } }' the Add call's receiver is implicit: the member being initialized.
                var collection = invocation is
                {
                    Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver },
                    Parent: IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation member },
                }
                    ? member.InitializedMember
                    : invocation.Instance;
                entity = EntityOwningCollection(collection);
            }

            Check(context, entity, invocation.Syntax);
        }

        private void AnalyzeDeconstructionTargets(OperationAnalysisContext context, IOperation target)
        {
            if (target is ITupleOperation tuple)
            {
                foreach (var element in tuple.Elements)
                {
                    AnalyzeDeconstructionTargets(context, element);
                }
            }
            else
            {
                Check(context, MutatedEntity(target), target.Syntax);
            }
        }

        private INamedTypeSymbol? MutatedEntity(IOperation target) => target switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => EntityOf(indexer.Instance) ?? EntityOwningCollection(indexer.Instance),
            IPropertyReferenceOperation property => EntityOf(property.Instance),
            IFieldReferenceOperation field => EntityOf(field.Instance),
            IArrayElementReferenceOperation element => EntityOwningCollection(element.ArrayReference),
            _ => null,
        };

        /// <summary>The entity type of a receiver, unless the receiver is <c>this</c> (the entity changing itself).</summary>
        private INamedTypeSymbol? EntityOf(IOperation? instance)
        {
            instance = BoundaryHelpers.WithoutConversions(instance);
            if (instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            {
                return null;
            }

            return instance.Type is INamedTypeSymbol type && IsChildEntity(type) ? type : null;
        }

        // Classification walks attributes and base types; assignments and calls hit the same few types over and over.
        private bool IsChildEntity(INamedTypeSymbol type)
        {
            if (!_childEntities.TryGetValue(type, out var isChildEntity))
            {
                isChildEntity = BoundaryHelpers.IsChildEntity(symbols, type);
                _childEntities.TryAdd(type, isChildEntity);
            }

            return isChildEntity;
        }

        /// <summary>The entity whose field or property holds the mutable collection <paramref name="collection"/>.</summary>
        private INamedTypeSymbol? EntityOwningCollection(IOperation? collection) => BoundaryHelpers.WithoutConversions(collection) switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: false } property when BloomSymbols.IsMutableCollection(property.Property.Type) => EntityOf(property.Instance),
            IFieldReferenceOperation field when BloomSymbols.IsMutableCollection(field.Field.Type) => EntityOf(field.Instance),
            _ => null,
        };

        private void Check(OperationAnalysisContext context, INamedTypeSymbol? entity, SyntaxNode syntax)
        {
            if (entity is null || BoundaryHelpers.ContainingTypeOf(context.ContainingSymbol) is not { } caller || IsAllowed(caller, entity))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.EntityMutatedOutsideAggregate,
                BoundaryHelpers.LocationOf(syntax),
                BoundaryHelpers.DisplayName(caller),
                BoundaryHelpers.DisplayName(entity),
                DescribeAggregates(holders.Value.AggregatesHolding(entity))));
        }

        private bool IsAllowed(INamedTypeSymbol caller, INamedTypeSymbol entity)
        {
            foreach (var type in BoundaryHelpers.SelfAndContainingTypes(caller))
            {
                if (BoundaryHelpers.IsSameOrDerivedFrom(type, entity) || BoundaryHelpers.IsAggregateRoot(symbols, type))
                {
                    return true;
                }

                if (symbols.IsEntity(type) && holders.Value.Holds(type, entity))
                {
                    return true;
                }
            }

            return false;
        }

        private static string DescribeAggregates(List<string> names) => names.Count switch
        {
            0 => "its aggregate root",
            1 => $"'{names[0]}'",
            _ => string.Join(", ", names.Take(names.Count - 1).Select(static n => $"'{n}'")) + $" or '{names[names.Count - 1]}'",
        };
    }
}
