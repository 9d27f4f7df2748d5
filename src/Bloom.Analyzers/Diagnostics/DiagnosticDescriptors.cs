using Bloom.Roslyn;
using Microsoft.CodeAnalysis;

namespace Bloom.Analyzers.Diagnostics;

/// <summary>Every diagnostic Bloom.Analyzers reports. Ids live in <see cref="DiagnosticIds"/> and never change.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>BLM0001. {0} = the type to make partial, {1} = why (its own attribute, or the Bloom type nested in it).</summary>
    public static readonly DiagnosticDescriptor TypeMustBePartial = new(
        id: DiagnosticIds.TypeMustBePartial,
        title: "Type with a Bloom attribute must be partial",
        messageFormat: "Type '{0}' must be declared partial because {1}. The Bloom generator adds its members in a partial declaration and generates nothing until then; add the 'partial' modifier to '{0}'.",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Bloom generates the members of an aggregate, entity, value object, domain event or strongly typed id in a second partial declaration of the type. "
            + "C# only accepts that when the type and every type that contains it are declared 'partial'. Without it the generator skips the type, "
            + "so calls to generated members later fail with errors that do not mention Bloom.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.TypeMustBePartial));

    /// <summary>BLM0002. {0} = the target, {1} = its Bloom attribute, {2} = why it is unsupported.</summary>
    public static readonly DiagnosticDescriptor UnsupportedTarget = new(
        id: DiagnosticIds.UnsupportedTarget,
        title: "Bloom attribute on an unsupported target",
        messageFormat: "'{0}' is marked [{1}] but {2}, so the Bloom generator produces no code for it. Bloom targets must be non-generic types that are not nested inside a generic type.",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Bloom generates closed, non-generic code for each target: identity and equality members, static factories, a JSON converter and registry entries that name the type. "
            + "A generic type, or a type nested inside a generic type, has no single closed name to generate against, so the generator skips it and emits nothing. "
            + "Move the type out of the generic type, or make it non-generic (for example one concrete type per type argument).",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnsupportedTarget));
}
