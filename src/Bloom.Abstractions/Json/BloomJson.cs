using System.ComponentModel;
using System.Text.Json;

namespace Bloom;

/// <summary>Small JSON helpers the generated converters call, so generated code stays short and uniform.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BloomJson
{
    /// <summary>
    /// Options used when a caller passes none. They carry no type-info resolver (Bloom stays reflection-free), so a member of a
    /// type Bloom does not serialize itself needs options with a resolver, such as a source-generated <c>JsonSerializerContext</c>.
    /// </summary>
    public static JsonSerializerOptions DefaultOptions { get; } = new();

    /// <summary>
    /// Writes a member of a type Bloom does not serialize itself, through the type information of <paramref name="options"/>.
    /// </summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">Options whose resolver knows <typeparamref name="T"/>.</param>
    /// <param name="member">The member, for the message.</param>
    public static void WriteWithOptions<T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options, string member) =>
        JsonSerializer.Serialize(writer, value, TypeInfo<T>(options, member));

    /// <summary>Reads a member of a type Bloom does not deserialize itself, through the type information of <paramref name="options"/>.</summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="options">Options whose resolver knows <typeparamref name="T"/>.</param>
    /// <param name="member">The member, for the message.</param>
    /// <returns>The value.</returns>
    public static T? ReadWithOptions<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, string member) =>
        JsonSerializer.Deserialize(ref reader, TypeInfo<T>(options, member));

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options, string member)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TypeInfoResolver is null)
        {
            throw new NotSupportedException(
                $"Bloom serializes ids, value objects, events, primitives, collections and dictionaries itself, but not '{member}' of type {typeof(T).Name}. " +
                $"Pass JsonSerializerOptions whose TypeInfoResolver knows {typeof(T).Name} (for example a JsonSerializerContext with [JsonSerializable(typeof({typeof(T).Name}))]).");
        }

        return (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    /// <summary>Throws unless the reader is on a start-object token.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The type being read, for the message.</param>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeName} but found {reader.TokenType}.");
        }
    }

    /// <summary>Throws unless the reader is on a start-array token.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="member">The member being read, for the message.</param>
    public static void ExpectStartArray(ref Utf8JsonReader reader, string member)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array for '{member}' but found {reader.TokenType}.");
        }
    }

    /// <summary>Throws because a required member was absent from the JSON.</summary>
    /// <param name="typeName">The type being read.</param>
    /// <param name="member">The JSON property that was missing.</param>
    /// <returns>Never returns.</returns>
    public static JsonException MissingMember(string typeName, string member) =>
        new($"The JSON for {typeName} has no '{member}' property.");

    /// <summary>Reads a string value that must not be null.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="member">The member being read, for the message.</param>
    /// <returns>The string.</returns>
    public static string GetRequiredString(ref Utf8JsonReader reader, string member) =>
        reader.GetString() ?? throw new JsonException($"'{member}' must not be null.");

    /// <summary>Reads an enum written by name (or by number).</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The enum value.</returns>
    public static TEnum GetEnum<TEnum>(ref Utf8JsonReader reader)
        where TEnum : struct, Enum
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            if (Enum.TryParse<TEnum>(text, ignoreCase: false, out var value))
            {
                return value;
            }

            throw new JsonException($"'{text}' is not a value of {typeof(TEnum).Name}.");
        }

        return (TEnum)Enum.ToObject(typeof(TEnum), reader.GetInt64());
    }

    /// <summary>Writes one value with a generated writer method and returns the JSON text (persistence of JSON columns).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">The generated writer.</param>
    /// <returns>The JSON text.</returns>
    public static string WriteToString<T>(T value, JsonWrite<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value, DefaultOptions);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads one value from JSON text with a generated reader method (persistence of JSON columns).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <param name="read">The generated reader, called with the reader on the first token.</param>
    /// <param name="member">The member, for the message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The text is empty or not valid for the member.</exception>
    public static T ReadFromString<T>(string json, JsonRead<T> read, string member)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(read);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read())
        {
            throw new JsonException($"The stored JSON of '{member}' is empty.");
        }

        return read(ref reader, DefaultOptions);
    }
}

/// <summary>A generated method that writes a value as JSON.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="writer">The writer.</param>
/// <param name="value">The value.</param>
/// <param name="options">The options (for members Bloom does not serialize itself).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void JsonWrite<in T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options);

/// <summary>A generated method that reads a value from JSON, the reader on its first token.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reader">The reader.</param>
/// <param name="options">The options (for members Bloom does not serialize itself).</param>
/// <returns>The value.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T JsonRead<out T>(ref Utf8JsonReader reader, JsonSerializerOptions options);
