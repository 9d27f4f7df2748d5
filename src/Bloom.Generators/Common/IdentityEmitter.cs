using Bloom.Roslyn;
using static Bloom.Generators.Common.Names;

namespace Bloom.Generators.Common;

/// <summary>Emits identity equality (by <c>Id</c>) shared by entities and aggregates. A transient instance (default id) equals only itself.</summary>
internal static class IdentityEmitter
{
    public static void Emit(SourceWriter w, IdentityModel identity, string self)
    {
        var comparer = $"{EqualityComparer}<{identity.IdTypeName}>.Default";
        if (!identity.DeclaresEquals)
        {
            w.WriteLine("/// <summary>Whether <see cref=\"Id\"/> identifies the same instance as <paramref name=\"other\"/>'s. A transient instance (default id) equals only itself.</summary>");
            w.WriteLine("/// <param name=\"other\">The instance to compare with.</param>");
            w.WriteLine("/// <returns>Whether both have the same identity.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public bool Equals({self}? other)").OpenBlock();
            w.WriteLine("if (global::System.Object.ReferenceEquals(this, other)) return true;");
            w.WriteLine(identity.IsSealed ? "if (other is null) return false;" : "if (other is null || GetType() != other.GetType()) return false;");
            w.WriteLine("if (BloomIsTransient() || other.BloomIsTransient()) return false;");
            w.WriteLine($"return {comparer}.Equals(Id, other.Id);").CloseBlock().WriteLine();

            w.WriteLine("/// <inheritdoc />");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public override bool Equals(object? obj) => Equals(obj as {self});").WriteLine();
        }

        if (!identity.DeclaresGetHashCode)
        {
            w.WriteLine("/// <summary>A hash of <see cref=\"Id\"/>; of the reference while the instance is transient.</summary>");
            w.WriteLine("/// <returns>The hash code.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public override int GetHashCode() => BloomIsTransient() ? global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this) : {comparer}.GetHashCode(Id!);").WriteLine();
        }

        if (!identity.DeclaresOperators)
        {
            w.WriteLine("/// <summary>Whether both refer to the same identity.</summary>");
            w.WriteLine("/// <param name=\"left\">The first instance.</param>");
            w.WriteLine("/// <param name=\"right\">The second instance.</param>");
            w.WriteLine("/// <returns>Whether they are equal.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public static bool operator ==({self}? left, {self}? right) => left is null ? right is null : left.Equals(right);").WriteLine();
            w.WriteLine("/// <summary>Whether they refer to different identities.</summary>");
            w.WriteLine("/// <param name=\"left\">The first instance.</param>");
            w.WriteLine("/// <param name=\"right\">The second instance.</param>");
            w.WriteLine("/// <returns>Whether they differ.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public static bool operator !=({self}? left, {self}? right) => !(left == right);").WriteLine();
        }

        w.WriteLine(GeneratedCode);
        w.WriteLine(identity.IdCanBeNull
            ? $"private bool BloomIsTransient() => Id is null || {comparer}.Equals(Id, default!);"
            : $"private bool BloomIsTransient() => {comparer}.Equals(Id, default!);");
        w.WriteLine();
    }
}
