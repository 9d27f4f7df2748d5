using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bloom.Analyzers;

/// <summary>Where domain code touches an infrastructure type.</summary>
internal enum InfrastructureUsageKind
{
    Field,
    Property,
    Event,
    ReturnType,
    Parameter,
    BaseType,
    Interface,
    ObjectCreation,
    Invocation,
    MemberReference,
}

/// <summary>
/// One use of an infrastructure type (<see cref="BloomSymbols.IsInfrastructure"/>) at one syntax location. Found the same
/// way for BLM1102 (domain services) and BLM4001 (other domain types), which differ only in the types they own and the wording.
/// </summary>
/// <param name="Location">The type syntax of the declaration, or the whole creation/call/member-access expression.</param>
/// <param name="InfrastructureType">The infrastructure type (for <c>List&lt;DbConnection&gt;</c>, <c>DbConnection</c>).</param>
/// <param name="Kind">What kind of use.</param>
/// <param name="Name">The member or parameter name, the base type's name, or the used member as <c>Type.Member</c>.</param>
/// <param name="Member">For parameters and return types, the method or constructor they belong to.</param>
internal readonly record struct InfrastructureUsage(Location Location, ITypeSymbol InfrastructureType, InfrastructureUsageKind Kind, string Name, ISymbol? Member)
{
    private static readonly SymbolDisplayFormat ShortTypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    /// <summary>The infrastructure type's full name for messages, without a nullable annotation: <c>System.Data.Common.DbConnection</c>.</summary>
    public string TypeDisplay => InfrastructureType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();

    /// <summary>
    /// The domain type that owns code declared in <paramref name="type"/>: the type itself or the nearest containing type that
    /// carries a Bloom domain attribute. A plain helper class nested in an aggregate is part of that aggregate's code.
    /// </summary>
    public static INamedTypeSymbol? FindOwner(INamedTypeSymbol? type, BloomSymbols symbols)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeKind is TypeKind.Class or TypeKind.Struct && symbols.IsDomainType(current))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The innermost type whose code contains the operations of <paramref name="symbol"/>'s body.</summary>
    public static INamedTypeSymbol? DeclaringTypeOf(ISymbol symbol) => symbol as INamedTypeSymbol ?? symbol.ContainingType;

    /// <summary>Infrastructure types in the declared types of a field, property, event or method (parameters and return type).</summary>
    public static void FindInMember(ISymbol member, List<InfrastructureUsage> found, CancellationToken cancellationToken)
    {
        if (member.IsImplicitlyDeclared)
        {
            return;
        }

        switch (member)
        {
            case IFieldSymbol field when field.AssociatedSymbol is null:
                if (BloomSymbols.IsInfrastructure(field.Type, out var fieldType) &&
                    FirstDeclaratorType(field, cancellationToken) is { } fieldSyntax)
                {
                    found.Add(new InfrastructureUsage(fieldSyntax.GetLocation(), fieldType!, InfrastructureUsageKind.Field, field.Name, null));
                }

                break;
            case IPropertySymbol property:
                if (BloomSymbols.IsInfrastructure(property.Type, out var propertyType))
                {
                    foreach (var reference in property.DeclaringSyntaxReferences)
                    {
                        // Positional record properties are declared by the record's parameter, which the constructor reports.
                        if (reference.GetSyntax(cancellationToken) is BasePropertyDeclarationSyntax declaration)
                        {
                            found.Add(new InfrastructureUsage(declaration.Type.GetLocation(), propertyType!, InfrastructureUsageKind.Property, property.Name, null));
                        }
                    }
                }

                FindInParameters(property.Parameters, property, found, cancellationToken);
                break;
            case IEventSymbol @event:
                if (BloomSymbols.IsInfrastructure(@event.Type, out var eventType))
                {
                    foreach (var reference in @event.DeclaringSyntaxReferences)
                    {
                        var syntax = reference.GetSyntax(cancellationToken) switch
                        {
                            EventDeclarationSyntax declaration => declaration.Type,
                            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator when declaration.Variables[0] == declarator => declaration.Type,
                            _ => null,
                        };
                        if (syntax is not null)
                        {
                            found.Add(new InfrastructureUsage(syntax.GetLocation(), eventType!, InfrastructureUsageKind.Event, @event.Name, null));
                        }
                    }
                }

                break;
            case IMethodSymbol method when method.AssociatedSymbol is null:
                if (!method.ReturnsVoid && BloomSymbols.IsInfrastructure(method.ReturnType, out var returnType))
                {
                    foreach (var reference in method.DeclaringSyntaxReferences)
                    {
                        var syntax = reference.GetSyntax(cancellationToken) switch
                        {
                            MethodDeclarationSyntax declaration => declaration.ReturnType,
                            OperatorDeclarationSyntax declaration => declaration.ReturnType,
                            ConversionOperatorDeclarationSyntax declaration => declaration.Type,
                            _ => null,
                        };
                        if (syntax is not null)
                        {
                            found.Add(new InfrastructureUsage(syntax.GetLocation(), returnType!, InfrastructureUsageKind.ReturnType, method.Name, method));
                        }
                    }
                }

                FindInParameters(method.Parameters, method, found, cancellationToken);
                break;
        }
    }

    /// <summary>Infrastructure base types and interfaces in one base list.</summary>
    public static void FindInBaseList(BaseListSyntax baseList, SemanticModel model, List<InfrastructureUsage> found, CancellationToken cancellationToken)
    {
        foreach (var baseType in baseList.Types)
        {
            if (model.GetTypeInfo(baseType.Type, cancellationToken).Type is { } type && BloomSymbols.IsInfrastructure(type, out var offending))
            {
                var kind = type.TypeKind == TypeKind.Interface ? InfrastructureUsageKind.Interface : InfrastructureUsageKind.BaseType;
                found.Add(new InfrastructureUsage(baseType.Type.GetLocation(), offending!, kind, type.ToDisplayString(ShortTypeFormat), null));
            }
        }
    }

    /// <summary>An object creation of, a call into, or a member access on an infrastructure type; null for anything else.</summary>
    public static InfrastructureUsage? FindInOperation(IOperation operation)
        => FindUsage(operation) is { } usage && !IsInsideNameOf(operation) ? usage : null;

    private static InfrastructureUsage? FindUsage(IOperation operation)
    {
        ITypeSymbol? offending;
        switch (operation)
        {
            case IObjectCreationOperation creation:
                return BloomSymbols.IsInfrastructure(creation.Type, out offending)
                    ? new InfrastructureUsage(operation.Syntax.GetLocation(), offending!, InfrastructureUsageKind.ObjectCreation, creation.Type!.ToDisplayString(ShortTypeFormat), null)
                    : null;
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;

                // The type that declares the method, then what it returns (a port that hands out a DbConnection leaks it too).
                return BloomSymbols.IsInfrastructure(method.ContainingType, out offending) ||
                    (!method.ReturnsVoid && BloomSymbols.IsInfrastructure(method.ReturnType, out offending)) ||
                    AnyInfrastructure(method.TypeArguments, out offending)
                    ? new InfrastructureUsage(operation.Syntax.GetLocation(), offending!, InfrastructureUsageKind.Invocation, MemberName(method), method)
                    : null;
            case IMemberReferenceOperation reference when reference.Member.ContainingType is { } containing:
                return BloomSymbols.IsInfrastructure(containing, out offending)
                    ? new InfrastructureUsage(operation.Syntax.GetLocation(), offending!, InfrastructureUsageKind.MemberReference, MemberName(reference.Member), reference.Member)
                    : null;
            default:
                return null;
        }
    }

    // nameof(SqliteConnection.Open) is a string constant: nothing of the type is used at run time.
    private static bool IsInsideNameOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static string MemberName(ISymbol member) => member.ContainingType is { } type ? type.Name + "." + member.Name : member.Name;

    private static bool AnyInfrastructure(IEnumerable<ITypeSymbol> types, out ITypeSymbol? offending)
    {
        foreach (var type in types)
        {
            if (BloomSymbols.IsInfrastructure(type, out offending))
            {
                return true;
            }
        }

        offending = null;
        return false;
    }

    private static void FindInParameters(IEnumerable<IParameterSymbol> parameters, ISymbol member, List<InfrastructureUsage> found, CancellationToken cancellationToken)
    {
        foreach (var parameter in parameters)
        {
            if (!BloomSymbols.IsInfrastructure(parameter.Type, out var offending))
            {
                continue;
            }

            foreach (var reference in parameter.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type })
                {
                    found.Add(new InfrastructureUsage(type.GetLocation(), offending!, InfrastructureUsageKind.Parameter, parameter.Name, member));
                }
            }
        }
    }

    // 'DbConnection _a, _b;' declares two fields with one type syntax: report it once, for the first.
    private static TypeSyntax? FirstDeclaratorType(IFieldSymbol field, CancellationToken cancellationToken)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator &&
                declaration.Variables[0] == declarator)
            {
                return declaration.Type;
            }
        }

        return null;
    }
}
