using static Bloom.Generators.Common.Names;

namespace Bloom.Generators.Common;

/// <summary>Per-member equality and hash expressions: scalars through EqualityComparer, collections element by element.</summary>
internal static class EqualityEmitter
{
    public static string EqualsExpression(MemberModel m)
    {
        var name = Id(m.Name);
        return m.Equality switch
        {
            EqualityKind.Operator => $"this.{name} == other.{name}",
            EqualityKind.String => $"string.Equals(this.{name}, other.{name})",
            EqualityKind.Array => $"global::Bloom.ValueObjectEquality.ArrayEqual(this.{name}, other.{name})",
            EqualityKind.List => $"global::Bloom.ValueObjectEquality.ListEqual(this.{name}, other.{name})",
            EqualityKind.ImmutableArray => $"global::Bloom.ValueObjectEquality.ImmutableArrayEqual(this.{name}, other.{name})",
            EqualityKind.Set => $"global::Bloom.ValueObjectEquality.SetEqual<{m.ElementTypeName}>(this.{name}, other.{name})",
            EqualityKind.Dictionary => $"global::Bloom.ValueObjectEquality.DictionaryEqual<{m.KeyTypeName}, {m.ValueTypeName}>(this.{name}, other.{name})",
            EqualityKind.Sequence => $"global::Bloom.ValueObjectEquality.SequenceEqual<{m.ElementTypeName}>(this.{name}, other.{name})",
            _ => $"{EqualityComparer}<{m.TypeName}>.Default.Equals(this.{name}, other.{name})",
        };
    }

    public static string HashExpression(MemberModel m)
    {
        var name = Id(m.Name);
        return m.Equality switch
        {
            EqualityKind.Array => $"global::Bloom.ValueObjectEquality.ArrayHash(this.{name})",
            EqualityKind.List => $"global::Bloom.ValueObjectEquality.ListHash(this.{name})",
            EqualityKind.ImmutableArray => $"global::Bloom.ValueObjectEquality.ImmutableArrayHash(this.{name})",
            EqualityKind.Set => $"global::Bloom.ValueObjectEquality.SetHash<{m.ElementTypeName}>(this.{name})",
            EqualityKind.Dictionary => $"global::Bloom.ValueObjectEquality.DictionaryHash<{m.KeyTypeName}, {m.ValueTypeName}>(this.{name})",
            EqualityKind.Sequence => $"global::Bloom.ValueObjectEquality.SequenceHash<{m.ElementTypeName}>(this.{name})",
            _ when m.CanBeNull => $"(this.{name} is null ? 0 : {EqualityComparer}<{m.TypeName}>.Default.GetHashCode(this.{name}))",
            _ => $"{EqualityComparer}<{m.TypeName}>.Default.GetHashCode(this.{name})",
        };
    }
}
