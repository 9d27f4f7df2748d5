using Microsoft.CodeAnalysis.CSharp;
using Bloom.Roslyn;

namespace Bloom.Generators.Common;

/// <summary>
/// Emits reflection-free System.Text.Json reading and writing code for one member type. Bloom writes this itself because
/// the STJ source generator cannot see Bloom-generated types (generators do not see each other's output).
/// </summary>
internal static partial class JsonEmitter
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
}
