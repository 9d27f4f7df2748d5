using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Persistence;

/// <summary>Which types can get a generated reconstitution constructor, and which of their members are persisted state.</summary>
internal static class Reconstitution
{
    private const string NotPersisted = "Bloom.NotPersistedAttribute";

    /// <summary>
    /// A generated constructor must be able to assign every state member and call <c>base()</c>: a non-generic, non-abstract class
    /// deriving from <see cref="object"/>, without a class primary constructor (other constructors would have to chain to it).
    /// </summary>
    public static bool IsEligible(INamedTypeSymbol type, CancellationToken cancellationToken) => WhyNotEligible(type, cancellationToken) is null;

    /// <summary>Why <see cref="IsEligible"/> is false, as a clause for a diagnostic ("it is abstract"); null when eligible.</summary>
    public static string? WhyNotEligible(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsRecord)
        {
            return "it is not a plain class";
        }

        if (type.IsAbstract)
        {
            return "it is abstract";
        }

        if (type.IsGenericType)
        {
            return "it is generic";
        }

        if (type.BaseType is not { SpecialType: SpecialType.System_Object })
        {
            return $"it derives from '{type.BaseType?.Name}' (the reconstitution constructor cannot restore a base class's state; seal aggregates instead of deriving them)";
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax)
                {
                    return "it has a primary constructor (every other constructor, including the generated one, would have to call it)";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Declaring the reconstitution constructor removes the implicit parameterless one, so it is re-declared (public, as the
    /// compiler's was) when the user wrote no constructor.
    /// </summary>
    public static void EmitDefaultConstructor(SourceWriter w, string typeName)
    {
        w.WriteLine("/// <summary>Creates an instance (the constructor C# would have declared; kept because Bloom adds a reconstitution constructor).</summary>");
        w.WriteLine(Names.GeneratedCode);
        w.WriteLine($"public {typeName}()").OpenBlock().CloseBlock().WriteLine();
    }

    /// <summary>Persisted state: explicit instance fields and auto-properties (as symbols), minus <c>[NotPersisted]</c>, in declaration order.</summary>
    public static List<(ISymbol Symbol, ITypeSymbol Type, string Name)> StateMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var found = new List<(ISymbol Symbol, ITypeSymbol Type, string Name)>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // "_bloom…" fields are the aggregate plumbing Bloom generates (version, pending events): analyzers see them, the generator does not.
            if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field || field.Name.StartsWith("_bloom", StringComparison.Ordinal))
            {
                continue;
            }

            if (field.AssociatedSymbol is IPropertySymbol property)
            {
                if (!TypeAnalysis.HasAttribute(property, NotPersisted))
                {
                    found.Add((property, property.Type, property.Name));
                }
            }
            else if (!field.IsImplicitlyDeclared && !TypeAnalysis.HasAttribute(field, NotPersisted))
            {
                found.Add((field, field.Type, field.Name));
            }
        }

        return MemberCollector.InDeclarationOrder(found, static f => f.Symbol).ToList();
    }

    /// <summary>"CustomerId" → "customer_id", "_lines" → "lines", "IOValue" → "io_value", "m_count" → "count".</summary>
    public static string SnakeCase(string name)
    {
        if (name.StartsWith("m_", StringComparison.Ordinal))
        {
            name = name.Substring(2);
        }

        name = name.TrimStart('_');
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((previousLower || acronymEnd) && sb.Length > 0 && sb[sb.Length - 1] != '_')
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>A simple English plural for unit-of-work property names: Order → Orders, Category → Categories, Box → Boxes.</summary>
    public static string Plural(string name)
    {
        if (name.Length > 1 && name.EndsWith("y", StringComparison.Ordinal) && "aeiou".IndexOf(name[name.Length - 2]) < 0)
        {
            return name.Substring(0, name.Length - 1) + "ies";
        }

        return name.EndsWith("s", StringComparison.Ordinal) || name.EndsWith("x", StringComparison.Ordinal) || name.EndsWith("z", StringComparison.Ordinal) ||
               name.EndsWith("ch", StringComparison.Ordinal) || name.EndsWith("sh", StringComparison.Ordinal)
            ? name + "es"
            : name + "s";
    }
}
