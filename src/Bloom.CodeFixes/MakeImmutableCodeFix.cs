using System.Collections.Immutable;
using System.Composition;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Bloom.CodeFixes;

/// <summary>
/// Fixes BLM2001 (value objects) and BLM3001 (domain events) the way the analyzer chose (see
/// <see cref="ImmutabilityDiagnosticProperties"/>): <c>set</c> → <c>init</c> or no setter, <c>readonly</c> on a field,
/// a read-only collection interface for a mutable collection type, <c>readonly record struct</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeImmutableCodeFix))]
[Shared]
public sealed class MakeImmutableCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ValueObjectMutableMember, DiagnosticIds.DomainEventMutable);

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
            // One equivalence key for every kind: Fix All makes a whole type (or solution) immutable in one go.
            // Every diagnostic sits on a member's identifier (a parameter's, for positional record members).
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            diagnostic.Properties.TryGetValue(ImmutabilityDiagnosticProperties.Fix, out var fix);
            diagnostic.Properties.TryGetValue(ImmutabilityDiagnosticProperties.ReadOnlyInterface, out var readOnlyInterface);
            if (Plan(token, fix, readOnlyInterface) is not { } plan)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    title: plan.Title,
                    createChangedDocument: _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(plan.Node, plan.Replacement))),
                    equivalenceKey: nameof(MakeImmutableCodeFix)),
                diagnostic);
        }
    }

    private static (string Title, SyntaxNode Node, SyntaxNode Replacement)? Plan(SyntaxToken token, string? fix, string? readOnlyInterface)
    {
        switch (fix)
        {
            case ImmutabilityDiagnosticProperties.FixInit when SetAccessor(token) is { } setter:
                var init = SyntaxFactory.Token(setter.Keyword.LeadingTrivia, SyntaxKind.InitKeyword, setter.Keyword.TrailingTrivia);
                var initAccessor = SyntaxFactory.AccessorDeclaration(
                    SyntaxKind.InitAccessorDeclaration, setter.AttributeLists, setter.Modifiers, init, setter.Body, setter.ExpressionBody, setter.SemicolonToken);
                return ("Use 'init' instead of 'set'", setter, initAccessor);

            case ImmutabilityDiagnosticProperties.FixRemoveSetter when SetAccessor(token) is { Parent: AccessorListSyntax accessors } setter:
                return ("Remove the setter", accessors, accessors.WithAccessors(accessors.Accessors.Remove(setter)));

            case ImmutabilityDiagnosticProperties.FixReadonlyField when token.Parent?.Parent?.Parent is FieldDeclarationSyntax field:
                return ("Make the field readonly", field, AddReadonly(field));

            case ImmutabilityDiagnosticProperties.FixReadonlyRecordStruct when token.Parent is ParameterSyntax parameter &&
                                                                              parameter.FirstAncestorOrSelf<RecordDeclarationSyntax>() is { } record:
                return ("Declare it 'readonly record struct'", record, AddReadonly(record));

            case ImmutabilityDiagnosticProperties.FixReadOnlyCollection when readOnlyInterface is not null &&
                                                                             ReadOnlyMember(token, readOnlyInterface) is { } member:
                return ($"Expose it as {readOnlyInterface}", member.Node, member.Replacement);

            default:
                return null;
        }
    }

    private static AccessorDeclarationSyntax? SetAccessor(SyntaxToken identifier) =>
        identifier.Parent is BasePropertyDeclarationSyntax { AccessorList: { } accessors }
            ? accessors.Accessors.FirstOrDefault(static a => a.IsKind(SyntaxKind.SetAccessorDeclaration))
            : null;

    /// <summary>
    /// The member with its type changed to the read-only interface. A target-typed <c>new()</c> initializer cannot create an
    /// interface, so it gets the original type spelled out: <c>IReadOnlyList&lt;string&gt; Items = new List&lt;string&gt;()</c>.
    /// </summary>
    private static (SyntaxNode Node, SyntaxNode Replacement)? ReadOnlyMember(SyntaxToken identifier, string readOnlyInterface)
    {
        switch (identifier.Parent)
        {
            case PropertyDeclarationSyntax property when ReadOnlyType(property.Type, readOnlyInterface) is { } type:
                var initializer = property.Initializer is { Value: ImplicitObjectCreationExpressionSyntax creation } value
                    ? value.WithValue(Explicit(creation, property.Type))
                    : property.Initializer;
                return (property, property.WithType(type).WithInitializer(initializer));

            case IndexerDeclarationSyntax indexer when ReadOnlyType(indexer.Type, readOnlyInterface) is { } type:
                return (indexer, indexer.WithType(type));

            case ParameterSyntax { Type: { } parameterType } parameter when ReadOnlyType(parameterType, readOnlyInterface) is { } type:
                return (parameter, parameter.WithType(type));

            case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } when ReadOnlyType(declaration.Type, readOnlyInterface) is { } type:
                var variables = declaration.Variables.Select(v => v.Initializer is { Value: ImplicitObjectCreationExpressionSyntax creation } value
                    ? v.WithInitializer(value.WithValue(Explicit(creation, declaration.Type)))
                    : v);
                return (declaration, declaration.WithType(type).WithVariables(SyntaxFactory.SeparatedList(variables, declaration.Variables.GetSeparators())));

            default:
                return null;
        }

        static ObjectCreationExpressionSyntax Explicit(ImplicitObjectCreationExpressionSyntax creation, TypeSyntax type) =>
            SyntaxFactory.ObjectCreationExpression(
                creation.NewKeyword.WithTrailingTrivia(SyntaxFactory.Space),
                (type is NullableTypeSyntax nullable ? nullable.ElementType : type).WithoutTrivia(),
                creation.ArgumentList.WithoutLeadingTrivia(),
                creation.Initializer).WithTriviaFrom(creation);
    }

    /// <summary>
    /// <c>List&lt;T&gt;</c> → <c>IReadOnlyList&lt;T&gt;</c>, <c>T[]</c> → <c>IReadOnlyList&lt;T&gt;</c>, keeping the type arguments
    /// and a trailing <c>?</c> as written. The interface is written fully qualified and simplified by the workspace, so the
    /// result is <c>IReadOnlyList&lt;T&gt;</c> wherever <c>System.Collections.Generic</c> is imported.
    /// </summary>
    private static TypeSyntax? ReadOnlyType(TypeSyntax type, string readOnlyInterface)
    {
        if (type is NullableTypeSyntax nullable)
        {
            return ReadOnlyType(nullable.ElementType, readOnlyInterface) is { } inner
                ? nullable.WithElementType(inner.WithoutTrivia())
                : null;
        }

        TypeArgumentListSyntax? arguments = type switch
        {
            ArrayTypeSyntax array when array.RankSpecifiers[0].Rank == 1 => SyntaxFactory.TypeArgumentList(
                SyntaxFactory.SingletonSeparatedList(array.RankSpecifiers.Count == 1
                    ? array.ElementType
                    : array.WithRankSpecifiers(SyntaxFactory.List(array.RankSpecifiers.Skip(1))).WithoutTrivia())),
            GenericNameSyntax generic => generic.TypeArgumentList,
            QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic.TypeArgumentList,
            AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList,
            _ => null,
        };
        if (arguments is null)
        {
            return null;
        }

        var name = SyntaxFactory.QualifiedName(
            SyntaxFactory.ParseName("global::System.Collections.Generic"),
            SyntaxFactory.GenericName(SyntaxFactory.Identifier(readOnlyInterface), arguments.WithoutTrivia()));
        return name.WithTriviaFrom(type).WithAdditionalAnnotations(Simplifier.Annotation);
    }

    // `readonly` goes after the other field modifiers: `public static` is never reported, so `private readonly`, `public new readonly`.
    private static FieldDeclarationSyntax AddReadonly(FieldDeclarationSyntax field)
    {
        if (field.Modifiers.Count == 0)
        {
            var type = field.Declaration.Type;
            var keyword = SyntaxFactory.Token(type.GetLeadingTrivia(), SyntaxKind.ReadOnlyKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return field
                .WithDeclaration(field.Declaration.WithType(type.WithLeadingTrivia(SyntaxFactory.TriviaList())))
                .WithModifiers(SyntaxFactory.TokenList(keyword));
        }

        var last = field.Modifiers.Last();
        var modifiers = field.Modifiers
            .Replace(last, last.WithTrailingTrivia(SyntaxFactory.Space))
            .Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, last.TrailingTrivia));
        return field.WithModifiers(modifiers);
    }

    // `readonly` must come before `partial`, which C# requires right before `record`: `public readonly partial record struct`.
    private static RecordDeclarationSyntax AddReadonly(RecordDeclarationSyntax record)
    {
        var modifiers = record.Modifiers;
        var partialIndex = modifiers.IndexOf(SyntaxKind.PartialKeyword);
        if (partialIndex >= 0)
        {
            var partial = modifiers[partialIndex];
            var keyword = SyntaxFactory.Token(partial.LeadingTrivia, SyntaxKind.ReadOnlyKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return record.WithModifiers(modifiers
                .Replace(partial, partial.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .Insert(partialIndex, keyword));
        }

        if (modifiers.Count == 0)
        {
            var recordKeyword = record.Keyword;
            var keyword = SyntaxFactory.Token(recordKeyword.LeadingTrivia, SyntaxKind.ReadOnlyKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return record
                .WithKeyword(recordKeyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(keyword));
        }

        var last = modifiers.Last();
        return record.WithModifiers(modifiers
            .Replace(last, last.WithTrailingTrivia(SyntaxFactory.Space))
            .Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, last.TrailingTrivia)));
    }
}
