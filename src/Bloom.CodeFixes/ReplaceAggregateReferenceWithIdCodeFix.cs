using System.Collections.Immutable;
using System.Composition;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bloom.CodeFixes;

/// <summary>
/// Fixes BLM1001 by replacing the held aggregate type, wherever it appears in the member's type (element, tuple part,
/// nullable, dictionary value), with the type of that aggregate's <c>Id</c> property: <c>List&lt;Customer&gt;</c> becomes
/// <c>List&lt;CustomerId&gt;</c>. Nothing else changes, so code that used the reference now fails to compile where it must
/// be rewritten to load the other aggregate by id.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceAggregateReferenceWithIdCodeFix))]
[Shared]
public sealed class ReplaceAggregateReferenceWithIdCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AggregateHeldByReference);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(BoundaryDiagnosticProperties.HeldAggregate, out var aggregateId) || aggregateId is null ||
                !diagnostic.Properties.TryGetValue(BoundaryDiagnosticProperties.IdType, out var idTypeId) || idTypeId is null ||
                DocumentationCommentId.GetFirstSymbolForDeclarationId(aggregateId, model.Compilation) is not INamedTypeSymbol aggregate ||
                DocumentationCommentId.GetFirstSymbolForDeclarationId(idTypeId, model.Compilation) is not INamedTypeSymbol idType ||
                root.FindNode(diagnostic.Location.SourceSpan) is not TypeSyntax memberType)
            {
                continue;
            }

            var occurrences = Occurrences(memberType, aggregate, model, context.CancellationToken);
            if (occurrences.Count == 0)
            {
                continue;
            }

            var idName = idType.ToMinimalDisplayString(model, memberType.SpanStart);
            context.RegisterCodeFix(
                CodeAction.Create(
                    title: $"Hold '{idName}' instead of '{aggregate.Name}'",
                    createChangedDocument: _ => Task.FromResult(context.Document.WithSyntaxRoot(
                        root.ReplaceNodes(occurrences, (original, _) => SyntaxFactory.ParseTypeName(idName).WithTriviaFrom(original)))),
                    equivalenceKey: nameof(ReplaceAggregateReferenceWithIdCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The outermost type names inside <paramref name="memberType"/> that bind to <paramref name="aggregate"/>.</summary>
    private static List<TypeSyntax> Occurrences(TypeSyntax memberType, INamedTypeSymbol aggregate, SemanticModel model, CancellationToken cancellationToken)
    {
        var occurrences = new List<TypeSyntax>();
        foreach (var node in memberType.DescendantNodesAndSelf().OfType<NameSyntax>())
        {
            // In 'Shop.Customer' both the qualified name and its right part bind to Customer: replace the whole name.
            if (node.Parent is QualifiedNameSyntax qualified && qualified.Right == node ||
                node.Parent is AliasQualifiedNameSyntax alias && alias.Name == node)
            {
                continue;
            }

            if (model.GetSymbolInfo(node, cancellationToken).Symbol is INamedTypeSymbol bound &&
                SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, aggregate))
            {
                occurrences.Add(node);
            }
        }

        return occurrences;
    }
}
