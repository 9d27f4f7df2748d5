using System.Collections.Immutable;
using Bloom.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bloom.Analyzers;

/// <summary>
/// Finds the members that let a value object (BLM2001) or a domain event (BLM3001) change after creation: properties with
/// a <c>set</c> accessor, instance fields that are not readonly, and public members of a mutable collection type.
/// Each finding carries the advice for the message and the matching <see cref="ImmutabilityDiagnosticProperties"/> fix.
/// </summary>
internal static class ImmutabilityChecks
{
    private const string SetterWhat = "it has a set accessor";

    /// <summary>One mutable member: where to report it, the message arguments and the code-fix properties.</summary>
    internal sealed class Finding(Location location, string member, string what, string advice, ImmutableDictionary<string, string?> properties)
    {
        public Location Location { get; } = location;

        public string Member { get; } = member;

        public string What { get; } = what;

        public string Advice { get; } = advice;

        public ImmutableDictionary<string, string?> Properties { get; } = properties;
    }

    /// <summary>
    /// The mutable members declared in <paramref name="type"/> (inherited members are reported on their own type).
    /// With <paramref name="removeSetters"/> a setter is to be removed rather than turned into <c>init</c>: a value object
    /// with <c>Validate</c> would otherwise let <c>with</c> and object initializers skip its rules.
    /// </summary>
    public static List<Finding> Find(INamedTypeSymbol type, bool removeSetters, bool hasReadOnlySet, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case IPropertySymbol { IsStatic: false } property:
                    CheckProperty(property, removeSetters, hasReadOnlySet, findings, cancellationToken);
                    break;
                case IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false, IsFixedSizeBuffer: false } field:
                    CheckField(field, hasReadOnlySet, findings, cancellationToken);
                    break;
            }
        }

        return findings;
    }

    private static void CheckProperty(IPropertySymbol property, bool removeSetters, bool hasReadOnlySet, List<Finding> findings, CancellationToken cancellationToken)
    {
        // The compiler's own record members (EqualityContract) have no syntax: only what the user wrote counts.
        SyntaxNode? syntax = null;
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is ParameterSyntax or BasePropertyDeclarationSyntax)
            {
                syntax = reference.GetSyntax(cancellationToken);
                break;
            }
        }

        var (identifier, typeSyntax) = syntax switch
        {
            ParameterSyntax parameter => (parameter.Identifier, parameter.Type),
            PropertyDeclarationSyntax declaration => (declaration.Identifier, declaration.Type),
            IndexerDeclarationSyntax indexer => (indexer.ThisKeyword, indexer.Type),
            _ => (default(SyntaxToken), null),
        };
        if (typeSyntax is null)
        {
            return;
        }

        var location = identifier.GetLocation();
        if (property.SetMethod is { IsInitOnly: false })
        {
            if (syntax is ParameterSyntax)
            {
                // A positional parameter of a `record struct` that is not readonly: the compiler synthesizes `{ get; set; }`.
                findings.Add(new Finding(location, property.Name, "a record struct that is not readonly gives it a set accessor", "declare it 'readonly record struct'",
                    Properties(ImmutabilityDiagnosticProperties.FixReadonlyRecordStruct)));
            }
            else if (removeSetters)
            {
                findings.Add(new Finding(location, property.Name, SetterWhat, "remove the setter ('init' would let 'with' and object initializers skip Validate)",
                    Properties(ImmutabilityDiagnosticProperties.FixRemoveSetter)));
            }
            else
            {
                findings.Add(new Finding(location, property.Name, SetterWhat, "use 'init' instead of 'set'", Properties(ImmutabilityDiagnosticProperties.FixInit)));
            }
        }

        if (property.DeclaredAccessibility == Accessibility.Public && BloomSymbols.IsMutableCollection(property.Type))
        {
            findings.Add(CollectionFinding(location, property.Name, property.Type, hasReadOnlySet));
        }
    }

    private static void CheckField(IFieldSymbol field, bool hasReadOnlySet, List<Finding> findings, CancellationToken cancellationToken)
    {
        if (field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax declaration } declarator)
        {
            return;
        }

        var location = declarator.Identifier.GetLocation();
        if (!field.IsReadOnly)
        {
            // `readonly` cannot be combined with `volatile` or `required`: those need a hand-made change.
            var fixable = !declaration.Modifiers.Any(SyntaxKind.VolatileKeyword) && !declaration.Modifiers.Any(SyntaxKind.RequiredKeyword);
            findings.Add(new Finding(location, field.Name, "a field that is not readonly", "make the field readonly",
                fixable ? Properties(ImmutabilityDiagnosticProperties.FixReadonlyField) : ImmutableDictionary<string, string?>.Empty));
        }

        if (field.DeclaredAccessibility == Accessibility.Public && BloomSymbols.IsMutableCollection(field.Type))
        {
            findings.Add(CollectionFinding(location, field.Name, field.Type, hasReadOnlySet));
        }
    }

    private static Finding CollectionFinding(Location location, string member, ITypeSymbol type, bool hasReadOnlySet)
    {
        var what = $"its type {type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)} is a mutable collection";
        if (ReadOnlyReplacement(type, hasReadOnlySet) is not { } replacement)
        {
            return new Finding(location, member, what, "expose it through a read-only interface such as IReadOnlyList<T>", ImmutableDictionary<string, string?>.Empty);
        }

        var properties = Properties(ImmutabilityDiagnosticProperties.FixReadOnlyCollection)
            .Add(ImmutabilityDiagnosticProperties.ReadOnlyInterface, replacement.Interface);
        return new Finding(location, member, what, $"expose it as {replacement.Display}", properties);
    }

    /// <summary>
    /// The read-only interface that keeps the type arguments in the same order, so the fix can reuse them as written:
    /// arrays, lists and <c>ICollection&lt;T&gt;</c> become <c>IReadOnlyList&lt;T&gt;</c> (<c>IReadOnlyCollection&lt;T&gt;</c>
    /// for an <c>ICollection&lt;T&gt;</c> that is not a list), sets <c>IReadOnlySet&lt;T&gt;</c>, dictionaries
    /// <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c>.
    /// </summary>
    internal static (string Interface, string Display)? ReadOnlyReplacement(ITypeSymbol type, bool hasReadOnlySet)
    {
        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1 } array:
                return ("IReadOnlyList", $"IReadOnlyList<{Display(array.ElementType)}>");
            case INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named:
                var element = named.TypeArguments[0];
                var name = Implements(named, "System.Collections.Generic.IList<T>", element) ? "IReadOnlyList"
                    : Implements(named, "System.Collections.Generic.ISet<T>", element) ? hasReadOnlySet ? "IReadOnlySet" : "IReadOnlyCollection"
                    : Implements(named, "System.Collections.Generic.ICollection<T>", element) ? "IReadOnlyCollection"
                    : null;
                return name is null ? null : (name, $"{name}<{Display(element)}>");
            case INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named
                when Implements(named, "System.Collections.Generic.IDictionary<TKey, TValue>", named.TypeArguments[0], named.TypeArguments[1]):
                return ("IReadOnlyDictionary", $"IReadOnlyDictionary<{Display(named.TypeArguments[0])}, {Display(named.TypeArguments[1])}>");
            default:
                return null;
        }
    }

    private static bool Implements(INamedTypeSymbol type, string openInterface, params ITypeSymbol[] arguments)
    {
        if (Matches(type))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (Matches(candidate))
            {
                return true;
            }
        }

        return false;

        bool Matches(INamedTypeSymbol candidate)
        {
            if (candidate.OriginalDefinition.ToDisplayString() != openInterface || candidate.TypeArguments.Length != arguments.Length)
            {
                return false;
            }

            for (var i = 0; i < arguments.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(candidate.TypeArguments[i], arguments[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

    private static ImmutableDictionary<string, string?> Properties(string fix) =>
        ImmutableDictionary<string, string?>.Empty.Add(ImmutabilityDiagnosticProperties.Fix, fix);
}
