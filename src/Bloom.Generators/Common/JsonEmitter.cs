using Microsoft.CodeAnalysis.CSharp;
using Bloom.Roslyn;

namespace Bloom.Generators.Common;

/// <summary>
/// Emits reflection-free System.Text.Json reading and writing code for one member type. Bloom writes this itself because
/// the STJ source generator cannot see Bloom-generated types (generators do not see each other's output).
/// </summary>
internal static class JsonEmitter
{
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
    private const string BloomJson = "global::Bloom.BloomJson";

    public static string Utf8Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true) + "u8";

    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>Writes <paramref name="expression"/> (of type <paramref name="type"/>) as a JSON value.</summary>
    public static void EmitWrite(SourceWriter w, JsonTypeModel type, string expression, ref int counter)
    {
        if (type.Kind == JsonKind.Nullable)
        {
            var value = "__v" + counter++;
            w.WriteLine($"if ({expression} is {{ }} {value})").OpenBlock();
            EmitWrite(w, type.Element!, value, ref counter);
            w.CloseBlock().WriteLine("else").OpenBlock().WriteLine("writer.WriteNullValue();").CloseBlock();
            return;
        }

        if (type.CanBeNull && type.Kind != JsonKind.String)
        {
            var value = "__v" + counter++;
            w.WriteLine($"if ({expression} is {{ }} {value})").OpenBlock();
            EmitWriteNotNull(w, type, value, ref counter);
            w.CloseBlock().WriteLine("else").OpenBlock().WriteLine("writer.WriteNullValue();").CloseBlock();
            return;
        }

        EmitWriteNotNull(w, type, expression, ref counter);
    }

    private static void EmitWriteNotNull(SourceWriter w, JsonTypeModel type, string e, ref int counter)
    {
        switch (type.Kind)
        {
            case JsonKind.String:
            case JsonKind.Guid:
            case JsonKind.DateTime:
            case JsonKind.DateTimeOffset:
                w.WriteLine($"writer.WriteStringValue({e});");
                break;
            case JsonKind.Boolean:
                w.WriteLine($"writer.WriteBooleanValue({e});");
                break;
            case JsonKind.Byte:
            case JsonKind.Int16:
                w.WriteLine($"writer.WriteNumberValue((int){e});");
                break;
            case JsonKind.Int32:
            case JsonKind.Int64:
            case JsonKind.UInt32:
            case JsonKind.UInt64:
            case JsonKind.Single:
            case JsonKind.Double:
            case JsonKind.Decimal:
                w.WriteLine($"writer.WriteNumberValue({e});");
                break;
            case JsonKind.DateOnly:
            case JsonKind.TimeOnly:
                w.WriteLine($"writer.WriteStringValue({e}.ToString(\"O\", {Invariant}));");
                break;
            case JsonKind.TimeSpan:
                w.WriteLine($"writer.WriteStringValue({e}.ToString(\"c\", {Invariant}));");
                break;
            case JsonKind.Char:
            case JsonKind.Enum:
                w.WriteLine($"writer.WriteStringValue({e}.ToString());");
                break;
            case JsonKind.BloomConverter:
                w.WriteLine($"{type.TypeOfName}.BloomJsonConverter.Instance.Write(writer, {e}, options);");
                break;
            case JsonKind.Collection:
                var item = "__i" + counter++;
                if (type.Shape == CollectionShape.ImmutableArray)
                {
                    w.WriteLine("writer.WriteStartArray();");
                    w.WriteLine($"if (!{e}.IsDefault)").OpenBlock();
                }
                else
                {
                    w.WriteLine("writer.WriteStartArray();").WriteLine("{");
                    w.Indentation++;
                }

                w.WriteLine($"foreach (var {item} in {e})").OpenBlock();
                EmitWrite(w, type.Element!, item, ref counter);
                w.CloseBlock();
                w.CloseBlock();
                w.WriteLine("writer.WriteEndArray();");
                break;
            case JsonKind.Dictionary:
                var entry = "__e" + counter++;
                w.WriteLine("writer.WriteStartObject();");
                w.WriteLine($"foreach (var {entry} in {e})").OpenBlock();
                var key = type.Key!;
                w.WriteLine(key.Kind switch
                {
                    JsonKind.String => $"writer.WritePropertyName({entry}.Key);",
                    JsonKind.BloomConverter => $"{key.TypeOfName}.BloomJsonConverter.Instance.WriteAsPropertyName(writer, {entry}.Key, options);",
                    JsonKind.Int32 or JsonKind.Int64 => $"writer.WritePropertyName({entry}.Key.ToString({Invariant}));",
                    _ => $"writer.WritePropertyName({entry}.Key.ToString());",
                });
                EmitWrite(w, type.Element!, entry + ".Value", ref counter);
                w.CloseBlock();
                w.WriteLine("writer.WriteEndObject();");
                break;
            default:
                w.WriteLine($"{BloomJson}.WriteWithOptions<{type.TypeName}>(writer, {e}, options, {Literal(type.TypeOfName)});");
                break;
        }
    }

    /// <summary>Reads the value the reader is on into <paramref name="destination"/>.</summary>
    public static void EmitRead(SourceWriter w, JsonTypeModel type, string destination, string context, ref int counter)
    {
        if (type.Kind == JsonKind.Nullable)
        {
            var value = "__v" + counter++;
            w.WriteLine("if (reader.TokenType == global::System.Text.Json.JsonTokenType.Null)").OpenBlock();
            w.WriteLine($"{destination} = null;").CloseBlock().WriteLine("else").OpenBlock();
            w.WriteLine($"{type.Element!.TypeName} {value};");
            EmitRead(w, type.Element, value, context, ref counter);
            w.WriteLine($"{destination} = {value};").CloseBlock();
            return;
        }

        if (type.CanBeNull)
        {
            w.WriteLine("if (reader.TokenType == global::System.Text.Json.JsonTokenType.Null)").OpenBlock();
            w.WriteLine($"{destination} = null;").CloseBlock().WriteLine("else").OpenBlock();
            EmitReadNotNull(w, type, destination, context, ref counter);
            w.CloseBlock();
            return;
        }

        EmitReadNotNull(w, type, destination, context, ref counter);
    }

    private static void EmitReadNotNull(SourceWriter w, JsonTypeModel type, string d, string context, ref int counter)
    {
        var ctx = Literal(context);
        switch (type.Kind)
        {
            case JsonKind.String:
                w.WriteLine($"{d} = {BloomJson}.GetRequiredString(ref reader, {ctx});");
                break;
            case JsonKind.Boolean: w.WriteLine($"{d} = reader.GetBoolean();"); break;
            case JsonKind.Byte: w.WriteLine($"{d} = reader.GetByte();"); break;
            case JsonKind.Int16: w.WriteLine($"{d} = reader.GetInt16();"); break;
            case JsonKind.Int32: w.WriteLine($"{d} = reader.GetInt32();"); break;
            case JsonKind.Int64: w.WriteLine($"{d} = reader.GetInt64();"); break;
            case JsonKind.UInt32: w.WriteLine($"{d} = reader.GetUInt32();"); break;
            case JsonKind.UInt64: w.WriteLine($"{d} = reader.GetUInt64();"); break;
            case JsonKind.Single: w.WriteLine($"{d} = reader.GetSingle();"); break;
            case JsonKind.Double: w.WriteLine($"{d} = reader.GetDouble();"); break;
            case JsonKind.Decimal: w.WriteLine($"{d} = reader.GetDecimal();"); break;
            case JsonKind.Guid: w.WriteLine($"{d} = reader.GetGuid();"); break;
            case JsonKind.DateTime: w.WriteLine($"{d} = reader.GetDateTime();"); break;
            case JsonKind.DateTimeOffset: w.WriteLine($"{d} = reader.GetDateTimeOffset();"); break;
            case JsonKind.DateOnly:
                w.WriteLine($"{d} = global::System.DateOnly.ParseExact({BloomJson}.GetRequiredString(ref reader, {ctx}), \"O\", {Invariant});");
                break;
            case JsonKind.TimeOnly:
                w.WriteLine($"{d} = global::System.TimeOnly.ParseExact({BloomJson}.GetRequiredString(ref reader, {ctx}), \"O\", {Invariant});");
                break;
            case JsonKind.TimeSpan:
                w.WriteLine($"{d} = global::System.TimeSpan.ParseExact({BloomJson}.GetRequiredString(ref reader, {ctx}), \"c\", {Invariant});");
                break;
            case JsonKind.Char:
                w.WriteLine($"{d} = char.Parse({BloomJson}.GetRequiredString(ref reader, {ctx}));");
                break;
            case JsonKind.Enum:
                w.WriteLine($"{d} = {BloomJson}.GetEnum<{type.TypeOfName}>(ref reader);");
                break;
            case JsonKind.BloomConverter:
                w.WriteLine($"{d} = {type.TypeOfName}.BloomJsonConverter.Instance.Read(ref reader, typeof({type.TypeOfName}), options)!;");
                break;
            case JsonKind.Collection:
                var list = "__l" + counter++;
                var item = "__i" + counter++;
                var element = type.Element!;
                w.WriteLine($"{BloomJson}.ExpectStartArray(ref reader, {ctx});");
                w.WriteLine($"var {list} = new global::System.Collections.Generic.List<{element.TypeName}>();");
                w.WriteLine($"while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndArray)").OpenBlock();
                w.WriteLine($"{element.TypeName} {item};");
                EmitRead(w, element, item, context, ref counter);
                w.WriteLine($"{list}.Add({item});").CloseBlock();
                w.WriteLine(type.Shape switch
                {
                    CollectionShape.Array => $"{d} = {list}.ToArray();",
                    CollectionShape.ImmutableArray => $"{d} = global::System.Collections.Immutable.ImmutableArray.CreateRange({list});",
                    CollectionShape.HashSet => $"{d} = new global::System.Collections.Generic.HashSet<{element.TypeName}>({list});",
                    _ => $"{d} = {list};",
                });
                break;
            case JsonKind.Dictionary:
                var map = "__m" + counter++;
                var keyName = "__k" + counter++;
                var valueName = "__v" + counter++;
                var k = type.Key!;
                w.WriteLine($"{BloomJson}.ExpectStartObject(ref reader, {ctx});");
                w.WriteLine($"var {map} = new global::System.Collections.Generic.Dictionary<{k.TypeName}, {type.Element!.TypeName}>();");
                w.WriteLine("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)").OpenBlock();
                w.WriteLine(k.Kind switch
                {
                    JsonKind.String => $"var {keyName} = {BloomJson}.GetRequiredString(ref reader, {ctx});",
                    JsonKind.Guid => $"var {keyName} = global::System.Guid.Parse({BloomJson}.GetRequiredString(ref reader, {ctx}));",
                    JsonKind.Int32 => $"var {keyName} = int.Parse({BloomJson}.GetRequiredString(ref reader, {ctx}), {Invariant});",
                    JsonKind.Int64 => $"var {keyName} = long.Parse({BloomJson}.GetRequiredString(ref reader, {ctx}), {Invariant});",
                    JsonKind.Enum => $"var {keyName} = global::System.Enum.Parse<{k.TypeOfName}>({BloomJson}.GetRequiredString(ref reader, {ctx}));",
                    _ => $"var {keyName} = {k.TypeOfName}.BloomJsonConverter.Instance.ReadAsPropertyName(ref reader, typeof({k.TypeOfName}), options);",
                });
                w.WriteLine("reader.Read();");
                w.WriteLine($"{type.Element.TypeName} {valueName};");
                EmitRead(w, type.Element, valueName, context, ref counter);
                w.WriteLine($"{map}[{keyName}] = {valueName};").CloseBlock();
                w.WriteLine($"{d} = {map};");
                break;
            default:
                w.WriteLine($"{d} = {BloomJson}.ReadWithOptions<{type.TypeName}>(ref reader, options, {ctx})!;");
                break;
        }
    }

    /// <summary>
    /// Emits a nested <c>BloomJsonConverter</c> that writes <paramref name="members"/> as a JSON object and reads them back
    /// through <paramref name="construction"/> (constructor arguments, then object-initializer members).
    /// </summary>
    public static void EmitObjectConverter(
        SourceWriter w,
        string typeName,
        string displayName,
        bool isValueType,
        EquatableArray<MemberModel> members,
        ConstructionModel? construction,
        bool hidesInherited = false)
    {
        EmitConverterHeader(w, typeName, isValueType, hidesInherited);

        // Read: one local per member, a property-name loop, then construction.
        var counter = 0;
        w.WriteLine($"global::Bloom.BloomJson.ExpectStartObject(ref reader, {Literal(displayName)});");
        foreach (var m in members)
        {
            w.WriteLine($"{m.TypeName} __{m.Name} = default!;");
            if (!m.CanBeNull)
            {
                w.WriteLine($"bool __has{m.Name} = false;");
            }
        }

        w.WriteLine("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)").OpenBlock();
        foreach (var m in members)
        {
            w.WriteLine($"if (reader.ValueTextEquals({Utf8Literal(m.JsonName)}))").OpenBlock();
            w.WriteLine("reader.Read();");
            EmitRead(w, m.Json, "__" + m.Name, m.JsonName, ref counter);
            if (!m.CanBeNull)
            {
                w.WriteLine($"__has{m.Name} = true;");
            }

            w.WriteLine("continue;").CloseBlock();
        }

        w.WriteLine("reader.Skip();").CloseBlock();
        foreach (var m in members)
        {
            // Non-nullable members are required; nullable ones default to null when absent.
            if (!m.CanBeNull)
            {
                w.WriteLine($"if (!__has{m.Name}) throw global::Bloom.BloomJson.MissingMember({Literal(displayName)}, {Literal(m.JsonName)});");
            }
        }

        if (construction is null)
        {
            w.WriteLine($"throw new global::System.Text.Json.JsonException({Literal(displayName + " cannot be read from JSON: declare a constructor whose parameters are named after its members.")});");
        }
        else
        {
            var arguments = string.Join(", ", construction.ParameterMembers.Select(static n => "__" + n));
            var initializers = construction.InitializerMembers.Select(static n => $"{Names.Id(n)} = __{n}").ToArray();
            var init = initializers.Length == 0 ? ";" : " { " + string.Join(", ", initializers) + " };";
            w.WriteLine($"return new {typeName}({arguments}){init}");
        }

        w.CloseBlock();
        w.WriteLine();

        // Write.
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine($"public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {typeName} value, global::System.Text.Json.JsonSerializerOptions options)").OpenBlock();
        w.WriteLine("writer.WriteStartObject();");
        foreach (var m in members)
        {
            w.WriteLine($"writer.WritePropertyName({Utf8Literal(m.JsonName)});");
            EmitWrite(w, m.Json, "value." + Names.Id(m.Name), ref counter);
        }

        w.WriteLine("writer.WriteEndObject();").CloseBlock();
        w.CloseBlock();
    }

    /// <summary>Emits a converter for a single-member value object that reads and writes the bare value.</summary>
    public static void EmitUnwrappedConverter(SourceWriter w, string typeName, bool isValueType, MemberModel member, bool hidesInherited = false)
    {
        EmitConverterHeader(w, typeName, isValueType, hidesInherited);
        var counter = 0;
        w.WriteLine($"{member.TypeName} __value;");
        EmitRead(w, member.Json, "__value", member.JsonName, ref counter);
        w.WriteLine($"return new {typeName}(__value);").CloseBlock().WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine($"public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {typeName} value, global::System.Text.Json.JsonSerializerOptions options)").OpenBlock();
        EmitWrite(w, member.Json, "value." + Names.Id(member.Name), ref counter);
        w.CloseBlock();
        w.CloseBlock();
    }

    private static void EmitConverterHeader(SourceWriter w, string typeName, bool isValueType, bool hidesInherited)
    {
        w.WriteLine("/// <summary>Reflection-free System.Text.Json converter generated by Bloom.</summary>");
        w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.WriteLine(Names.GeneratedCode);
        var modifier = hidesInherited ? "new " : string.Empty;
        w.WriteLine($"public {modifier}sealed class BloomJsonConverter : global::System.Text.Json.Serialization.JsonConverter<{typeName}>").OpenBlock();
        w.WriteLine("/// <summary>The shared instance generated code calls directly.</summary>");
        w.WriteLine("public static readonly BloomJsonConverter Instance = new();").WriteLine();
        w.WriteLine("/// <inheritdoc />");
        var returnType = isValueType ? typeName : typeName + "?";
        w.WriteLine($"public override {returnType} Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)").OpenBlock();
    }
}
