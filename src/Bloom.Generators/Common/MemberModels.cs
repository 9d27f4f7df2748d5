using Bloom.Roslyn;

namespace Bloom.Generators.Common;

/// <summary>How a member takes part in structural equality.</summary>
internal enum EqualityKind
{
    Scalar,

    /// <summary>Integral types, decimal, bool, char and enums: <c>==</c> means the same as <c>Equals</c> and is cheaper.</summary>
    Operator,

    /// <summary>Strings: ordinal <c>string.Equals</c>, as <c>EqualityComparer&lt;string&gt;.Default</c> does.</summary>
    String,
    Array,
    List,
    ImmutableArray,
    Sequence,
    Set,
    Dictionary,
}

/// <summary>How Bloom writes and reads a type as JSON without reflection.</summary>
internal enum JsonKind
{
    String,
    Boolean,
    Byte,
    Int16,
    Int32,
    Int64,
    UInt32,
    UInt64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Char,
    Enum,
    BloomConverter,
    Nullable,
    Collection,
    Dictionary,
    Fallback,
}

/// <summary>The concrete collection a JSON array is read into.</summary>
internal enum CollectionShape
{
    None,
    Array,
    List,
    ImmutableArray,
    HashSet,
}

/// <summary>A type as the JSON emitter sees it; <see cref="Element"/> is set for nullable value types and collections.</summary>
internal sealed record JsonTypeModel(JsonKind Kind, string TypeName, string TypeOfName, bool CanBeNull, CollectionShape Shape, JsonTypeModel? Element, JsonTypeModel? Key = null);

/// <summary>One state member of a generated type (a field, or an auto-property by its property name).</summary>
internal sealed record MemberModel(
    string Name,
    string TypeName,
    string ParameterName,
    string JsonName,
    bool IsPublic,
    bool CanBeNull,
    EqualityKind Equality,
    string ElementTypeName,
    string KeyTypeName,
    string ValueTypeName,
    JsonTypeModel Json)
{
    /// <summary>Whether the member compares element by element (a collection).</summary>
    public bool IsCollection => Equality is not (EqualityKind.Scalar or EqualityKind.Operator or EqualityKind.String);
}

/// <summary>Constructor parameters matched to serialized members, for JSON reading.</summary>
internal sealed record ConstructionModel(EquatableArray<string> ParameterMembers, EquatableArray<string> InitializerMembers);
