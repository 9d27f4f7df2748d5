using Microsoft.CodeAnalysis;

namespace Bloom.Roslyn;

/// <summary>
/// The one rule for a domain event's stable name, shared by the generator (which writes it into the registry) and the
/// analyzer that reports duplicates (BLM3003), so the two can never disagree.
/// </summary>
internal static class DomainEventNames
{
    /// <summary><c>[DomainEvent(Name = "...")]</c> when set and not blank; else the type name with its containing types, no namespace.</summary>
    public static string StableName(INamedTypeSymbol type, AttributeData? attribute)
    {
        if (attribute is not null)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Name" && argument.Value.Value is string name && !string.IsNullOrWhiteSpace(name))
                {
                    return name;
                }
            }
        }

        var nested = type.Name;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            nested = outer.Name + "." + nested;
        }

        return nested;
    }
}
