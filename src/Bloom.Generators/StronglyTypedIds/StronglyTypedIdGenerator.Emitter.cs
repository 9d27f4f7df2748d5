using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Bloom.Generators.Common;
using Bloom.Roslyn;
using static Bloom.Generators.Common.Names;

namespace Bloom.Generators.StronglyTypedIds;

public sealed partial class StronglyTypedIdGenerator
{
    private static void Emit(SourceProductionContext context, StronglyTypedIdModel model)
    {
        var h = model.Hierarchy;
        var self = h.GlobalName;
        var (raw, description) = model.Backing switch
        {
            IdBackingKind.Long => ("long", "a 64-bit integer"),
            IdBackingKind.String => ("string", "a string"),
            _ => ("global::System.Guid", "a GUID such as 0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f"),
        };

        var w = new SourceWriter();
        var attributes = model.DeclaresJsonConverter
            ? []
            : new[] { $"[global::System.Text.Json.Serialization.JsonConverter(typeof({self}.BloomJsonConverter))]" };
        OpenHierarchy(w, h, $" : global::Bloom.IStronglyTypedId<{self}, {raw}>, global::System.IComparable", attributes);

        var isString = model.Backing == IdBackingKind.String;
        var value = isString ? "Value" : "_value";
        var body = Template
            .Replace("$NAME$", h.Name)
            .Replace("$SELF$", self)
            .Replace("$RAW$", raw)
            .Replace("$DESCRIPTION$", description)
            .Replace("$GENERATED$", GeneratedCode)
            .Replace("$CTOR_GUARD$", isString ? "global::System.ArgumentNullException.ThrowIfNull(value);\n    " : string.Empty)
            .Replace("$VALUE_GETTER$", isString ? "_value ?? string.Empty" : "_value")
            .Replace("$EQUALS$", isString ? "string.Equals(Value, other.Value, global::System.StringComparison.Ordinal)" : "_value.Equals(other._value)")
            .Replace("$HASH$", isString ? "global::System.StringComparer.Ordinal.GetHashCode(Value)" : "_value.GetHashCode()")
            .Replace("$COMPARE$", isString ? "string.CompareOrdinal(Value, other.Value)" : "_value.CompareTo(other._value)")
            .Replace("$TRYPARSE$", model.Backing switch
            {
                IdBackingKind.Long => "if (long.TryParse(s, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out var raw))\n    {\n        result = new(raw);\n        return true;\n    }\n\n    result = default;\n    return false;",
                IdBackingKind.String => "result = new(s.ToString());\n    return true;",
                _ => "if (global::System.Guid.TryParse(s, out var raw))\n    {\n        result = new(raw);\n        return true;\n    }\n\n    result = default;\n    return false;",
            })
            .Replace("$JSON_READ$", model.Backing switch
            {
                IdBackingKind.Long => "new(reader.GetInt64())",
                IdBackingKind.String => $"new(global::Bloom.BloomJson.GetRequiredString(ref reader, {JsonEmitter.Literal(h.Name)}))",
                _ => "new(reader.GetGuid())",
            })
            .Replace("$JSON_WRITE$", model.Backing == IdBackingKind.Long ? "writer.WriteNumberValue(value._value);" : $"writer.WriteStringValue(value.{value});");
        w.WriteLine(body);

        if (model.Backing == IdBackingKind.Guid)
        {
            w.WriteLine(GuidMembers.Replace("$SELF$", self).Replace("$NAME$", h.Name).Replace("$GENERATED$", GeneratedCode));
        }

        if (!model.DeclaresToString)
        {
            w.WriteLine("/// <summary>The raw value as text (invariant culture); <c>Parse</c> reads it back.</summary>");
            w.WriteLine("/// <returns>The raw value as text.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine(model.Backing switch
            {
                IdBackingKind.Long => "public override string ToString() => _value.ToString(global::System.Globalization.CultureInfo.InvariantCulture);",
                IdBackingKind.String => "public override string ToString() => Value;",
                _ => "public override string ToString() => _value.ToString();",
            });
        }

        CloseHierarchy(w, h);
        context.AddSource($"{h.FilenameHint}.StronglyTypedId.g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
    }

    private const string GuidMembers = """
        /// <summary>A new time-ordered (UUID version 7) id, stamped with <see cref="global::Bloom.DomainClock"/>.</summary>
        /// <returns>The new id.</returns>
        $GENERATED$
        public static $SELF$ New() => new(global::System.Guid.CreateVersion7(global::Bloom.DomainClock.UtcNow));

        /// <summary>A new time-ordered (UUID version 7) id stamped with <paramref name="timeProvider"/>.</summary>
        /// <param name="timeProvider">The clock to take the timestamp from.</param>
        /// <returns>The new id.</returns>
        $GENERATED$
        public static $SELF$ New(global::System.TimeProvider timeProvider)
        {
            global::System.ArgumentNullException.ThrowIfNull(timeProvider);
            return new(global::System.Guid.CreateVersion7(timeProvider.GetUtcNow()));
        }

        /// <summary>The empty id (all zeros), which marks an entity that has no identity yet.</summary>
        $GENERATED$
        public static $SELF$ Empty => default;

        """;

    private const string Template = """
        private readonly $RAW$ _value;

        /// <summary>Wraps a raw value.</summary>
        /// <param name="value">The raw value.</param>
        $GENERATED$
        public $NAME$($RAW$ value)
        {
            $CTOR_GUARD$_value = value;
        }

        /// <summary>The raw value, for persistence and interop.</summary>
        $GENERATED$
        public $RAW$ Value => $VALUE_GETTER$;

        /// <summary>Wraps a raw value (for example one read from storage).</summary>
        /// <param name="value">The raw value.</param>
        /// <returns>The id.</returns>
        $GENERATED$
        public static $SELF$ From($RAW$ value) => new(value);

        /// <inheritdoc />
        $GENERATED$
        public bool Equals($SELF$ other) => $EQUALS$;

        /// <inheritdoc />
        $GENERATED$
        public override bool Equals(object? obj) => obj is $SELF$ other && Equals(other);

        /// <inheritdoc />
        $GENERATED$
        public override int GetHashCode() => $HASH$;

        /// <inheritdoc />
        $GENERATED$
        public int CompareTo($SELF$ other) => $COMPARE$;

        $GENERATED$
        int global::System.IComparable.CompareTo(object? obj) => obj switch
        {
            null => 1,
            $SELF$ other => CompareTo(other),
            _ => throw new global::System.ArgumentException("Object must be of type $NAME$.", nameof(obj)),
        };

        /// <summary>Whether two ids are equal.</summary>
        /// <param name="left">The first id.</param>
        /// <param name="right">The second id.</param>
        /// <returns>Whether they are equal.</returns>
        $GENERATED$
        public static bool operator ==($SELF$ left, $SELF$ right) => left.Equals(right);

        /// <summary>Whether two ids differ.</summary>
        /// <param name="left">The first id.</param>
        /// <param name="right">The second id.</param>
        /// <returns>Whether they differ.</returns>
        $GENERATED$
        public static bool operator !=($SELF$ left, $SELF$ right) => !left.Equals(right);

        /// <summary>Whether <paramref name="left"/> orders before <paramref name="right"/>.</summary>
        /// <param name="left">The first id.</param>
        /// <param name="right">The second id.</param>
        /// <returns>The comparison result.</returns>
        $GENERATED$
        public static bool operator <($SELF$ left, $SELF$ right) => left.CompareTo(right) < 0;

        /// <summary>Whether <paramref name="left"/> orders after <paramref name="right"/>.</summary>
        /// <param name="left">The first id.</param>
        /// <param name="right">The second id.</param>
        /// <returns>The comparison result.</returns>
        $GENERATED$
        public static bool operator >($SELF$ left, $SELF$ right) => left.CompareTo(right) > 0;

        /// <summary>Whether <paramref name="left"/> orders before or with <paramref name="right"/>.</summary>
        /// <param name="left">The first id.</param>
        /// <param name="right">The second id.</param>
        /// <returns>The comparison result.</returns>
        $GENERATED$
        public static bool operator <=($SELF$ left, $SELF$ right) => left.CompareTo(right) <= 0;

        /// <summary>Whether <paramref name="left"/> orders after or with <paramref name="right"/>.</summary>
        /// <param name="left">The first id.</param>
        /// <param name="right">The second id.</param>
        /// <returns>The comparison result.</returns>
        $GENERATED$
        public static bool operator >=($SELF$ left, $SELF$ right) => left.CompareTo(right) >= 0;

        /// <summary>Parses text written by <c>ToString</c>.</summary>
        /// <param name="s">The text.</param>
        /// <returns>The id.</returns>
        /// <exception cref="global::System.FormatException">The text is not $DESCRIPTION$.</exception>
        $GENERATED$
        public static $SELF$ Parse(string s) => Parse(s, null);

        /// <inheritdoc />
        $GENERATED$
        public static $SELF$ Parse(string s, global::System.IFormatProvider? provider)
        {
            global::System.ArgumentNullException.ThrowIfNull(s);
            return Parse(global::System.MemoryExtensions.AsSpan(s), provider);
        }

        /// <inheritdoc />
        $GENERATED$
        public static $SELF$ Parse(global::System.ReadOnlySpan<char> s, global::System.IFormatProvider? provider) =>
            TryParse(s, provider, out var result)
                ? result
                : throw new global::System.FormatException("'" + s.ToString() + "' is not a valid $NAME$: expected $DESCRIPTION$.");

        /// <summary>Tries to parse text written by <c>ToString</c>.</summary>
        /// <param name="s">The text.</param>
        /// <param name="result">The id, when the text is valid.</param>
        /// <returns>Whether the text is valid.</returns>
        $GENERATED$
        public static bool TryParse([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s, out $SELF$ result) => TryParse(s, null, out result);

        /// <inheritdoc />
        $GENERATED$
        public static bool TryParse([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s, global::System.IFormatProvider? provider, out $SELF$ result)
        {
            if (s is null)
            {
                result = default;
                return false;
            }

            return TryParse(global::System.MemoryExtensions.AsSpan(s), provider, out result);
        }

        /// <inheritdoc />
        $GENERATED$
        public static bool TryParse(global::System.ReadOnlySpan<char> s, global::System.IFormatProvider? provider, out $SELF$ result)
        {
            $TRYPARSE$
        }

        /// <summary>Reflection-free System.Text.Json converter generated by Bloom (also handles dictionary keys).</summary>
        [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
        $GENERATED$
        public sealed class BloomJsonConverter : global::System.Text.Json.Serialization.JsonConverter<$SELF$>
        {
            /// <summary>The shared instance generated code calls directly.</summary>
            public static readonly BloomJsonConverter Instance = new();

            /// <inheritdoc />
            public override $SELF$ Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) =>
                $JSON_READ$;

            /// <inheritdoc />
            public override void Write(global::System.Text.Json.Utf8JsonWriter writer, $SELF$ value, global::System.Text.Json.JsonSerializerOptions options) =>
                $JSON_WRITE$

            /// <inheritdoc />
            public override $SELF$ ReadAsPropertyName(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)
            {
                var text = global::Bloom.BloomJson.GetRequiredString(ref reader, "$NAME$");
                return TryParse(text, global::System.Globalization.CultureInfo.InvariantCulture, out var id)
                    ? id
                    : throw new global::System.Text.Json.JsonException("'" + text + "' is not a valid $NAME$ dictionary key: expected $DESCRIPTION$.");
            }

            /// <inheritdoc />
            public override void WriteAsPropertyName(global::System.Text.Json.Utf8JsonWriter writer, $SELF$ value, global::System.Text.Json.JsonSerializerOptions options) =>
                writer.WritePropertyName(value.ToString());
        }

        """;
}
