using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.ValueObjects;

/// <summary>The C# shape of a value object, which decides how equality and construction are emitted.</summary>
internal enum ValueObjectShape
{
    Class,
    Struct,
    Record,
    RecordStruct,
}

/// <summary>How instances are constructed, and so where validation can run.</summary>
internal enum ConstructionKind
{
    /// <summary>A positional record: validation runs in a generated property initializer.</summary>
    Positional,

    /// <summary>No user constructor: Bloom generates one that validates and assigns every member.</summary>
    Generated,

    /// <summary>The user wrote constructors; Bloom cannot hook them.</summary>
    UserDeclared,

    /// <summary>No state members.</summary>
    None,
}

/// <summary>Everything the value-object emitter needs, in equatable form.</summary>
internal sealed record ValueObjectModel(
    HierarchyInfo Hierarchy,
    ValueObjectShape Shape,
    bool IsSealed,
    EquatableArray<MemberModel> Members,
    ConstructionKind Construction,
    EquatableArray<MemberModel> ConstructorParameters,
    EquatableArray<string> SynthesizedPositionalProperties,
    bool HasValidate,
    bool DeclaresEquals,
    bool DeclaresGetHashCode,
    bool DeclaresToString,
    bool DeclaresOperators,
    bool DeclaresFactories,
    bool DeclaresJsonConverter,
    ConstructionModel? JsonConstruction,
    string BaseRecord,
    bool IsAbstract,
    bool BaseHasConverter);
