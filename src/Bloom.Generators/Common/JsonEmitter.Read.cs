using Microsoft.CodeAnalysis.CSharp;
using Bloom.Roslyn;

namespace Bloom.Generators.Common;

/// <summary>Reading: code that turns the JSON value the reader is on into a member value.</summary>
internal static partial class JsonEmitter
{
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
}
