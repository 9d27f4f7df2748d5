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
/// Fixes BLM1003: a public setter becomes <c>private set</c>, a public field becomes <c>readonly</c>, and a property of a
/// mutable collection type is declared as the matching read-only interface (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> and
/// arrays → <c>IReadOnlyList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c> → <c>IReadOnlyCollection&lt;T&gt;</c>, dictionaries →
/// <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c>, sets → <c>IReadOnlySet&lt;T&gt;</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStateReadOnlyCodeFix))]
[Shared]
public sealed class MakeStateReadOnlyCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PublicMutableState);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(BoundaryDiagnosticProperties.Kind, out var kind))
            {
                continue;
            }

            var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            switch (kind)
            {
                case BoundaryDiagnosticProperties.KindSetter when node is PropertyDeclarationSyntax property && SetAccessor(property) is { } setter:
                    Register(
                        context,
                        diagnostic,
                        $"Make the setter of '{property.Identifier.ValueText}' private",
                        () => root.ReplaceNode(setter, MakePrivate(setter)));
                    break;

                case BoundaryDiagnosticProperties.KindField when node is VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } variable &&
                                                                  !field.Modifiers.Any(SyntaxKind.VolatileKeyword) &&
                                                                  !field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword):
                    Register(context, diagnostic, $"Make '{variable.Identifier.ValueText}' readonly", () => root.ReplaceNode(field, AddReadOnly(field)));
                    break;

                case BoundaryDiagnosticProperties.KindCollection when node is PropertyDeclarationSyntax property:
                    var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                    if (model is not null && ReadOnlyCollectionFix.TryCreate(property, model, context.CancellationToken) is { } replacement)
                    {
                        Register(
                            context,
                            diagnostic,
                            $"Expose '{property.Identifier.ValueText}' as '{replacement.TypeName}'",
                            () => root.ReplaceNode(property, replacement.Property));
                    }

                    break;
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, Func<SyntaxNode> newRoot) =>
        context.RegisterCodeFix(
            CodeAction.Create(
                title: title,
                createChangedDocument: _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot())),
                equivalenceKey: nameof(MakeStateReadOnlyCodeFix) + "." + diagnostic.Properties[BoundaryDiagnosticProperties.Kind]),
            diagnostic);

    private static AccessorDeclarationSyntax? SetAccessor(PropertyDeclarationSyntax property)
    {
        if (property.AccessorList is null)
        {
            return null;
        }

        foreach (var accessor in property.AccessorList.Accessors)
        {
            if (accessor.IsKind(SyntaxKind.SetAccessorDeclaration) && accessor.Modifiers.Count == 0)
            {
                return accessor;
            }
        }

        return null;
    }

    /// <summary><c>set;</c> → <c>private set;</c>, keeping the accessor's attributes and layout.</summary>
    private static AccessorDeclarationSyntax MakePrivate(AccessorDeclarationSyntax setter)
    {
        var keyword = setter.Keyword;
        var modifier = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PrivateKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return setter
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
            .WithModifiers(SyntaxFactory.TokenList(modifier));
    }

    /// <summary><c>public int Count;</c> → <c>public readonly int Count;</c> (readonly goes after the other modifiers).</summary>
    private static FieldDeclarationSyntax AddReadOnly(FieldDeclarationSyntax field)
    {
        var last = field.Modifiers.Last();
        var inserted = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, last.TrailingTrivia);
        return field.WithModifiers(field.Modifiers.Replace(last, last.WithTrailingTrivia(SyntaxFactory.Space)).Add(inserted));
    }
}
