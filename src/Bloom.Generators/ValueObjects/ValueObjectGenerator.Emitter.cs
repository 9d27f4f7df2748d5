using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Bloom.Generators.Common;
using Bloom.Roslyn;
using static Bloom.Generators.Common.Names;

namespace Bloom.Generators.ValueObjects;

public sealed partial class ValueObjectGenerator
{
    // Output sketch (sealed positional record with a Validate method):
    //   [JsonConverter(typeof(Money.BloomJsonConverter))]
    //   partial record Money : IValueObject
    //   {
    //       public decimal Amount { get; } = __BloomValidated(Amount, Currency);   // runs the rules on construction
    //       public string Currency { get; } = Currency;
    //       public bool Equals(Money? other) ... public override int GetHashCode() ... public override string ToString() ...
    //       public static Money Create(...); public static bool TryCreate(..., out Money? value, out IReadOnlyList<ValidationError> errors);
    //       public sealed class BloomJsonConverter : JsonConverter<Money> { ... }
    //   }
    private static void Emit(SourceProductionContext context, ValueObjectModel model)
    {
        var w = new SourceWriter();
        var h = model.Hierarchy;
        var self = h.GlobalName;
        var isValueType = model.Shape is ValueObjectShape.Struct or ValueObjectShape.RecordStruct;
        var interfaces = model.Shape is ValueObjectShape.Class or ValueObjectShape.Struct
            ? $" : global::Bloom.IValueObject, global::System.IEquatable<{self}>"
            : " : global::Bloom.IValueObject";
        // An abstract value object cannot be read back: only its concrete subtypes get a converter.
        var attributes = model.DeclaresJsonConverter || model.IsAbstract
            ? []
            : new[] { $"[global::System.Text.Json.Serialization.JsonConverter(typeof({self}.BloomJsonConverter))]" };
        OpenHierarchy(w, h, interfaces, attributes);

        EmitConstruction(w, model, self);
        EmitEquality(w, model, self, isValueType);
        EmitToString(w, model);
        EmitFactories(w, model, self, isValueType);

        var parameters = model.ConstructorParameters;
        if (model.IsAbstract)
        {
            // no converter
        }
        else if (model.Construction is ConstructionKind.Positional or ConstructionKind.Generated && parameters.Count == 1)
        {
            JsonEmitter.EmitUnwrappedConverter(w, self, isValueType, parameters[0], model.BaseHasConverter);
        }
        else
        {
            var jsonMembers = model.Construction is ConstructionKind.Positional or ConstructionKind.Generated ? parameters : model.Members;
            JsonEmitter.EmitObjectConverter(w, self, h.NestedName, isValueType, jsonMembers, model.JsonConstruction, model.BaseHasConverter);
        }

        CloseHierarchy(w, h);
        context.AddSource($"{h.FilenameHint}.ValueObject.g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
    }

    private static string Unique(string preferred, HashSet<string> taken)
    {
        var candidate = preferred;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(candidate);
        return candidate;
    }

    private static string ParameterList(EquatableArray<MemberModel> parameters) =>
        string.Join(", ", parameters.Select(static p => $"{p.TypeName} {p.ParameterName}"));

    private static string ArgumentList(EquatableArray<MemberModel> parameters) =>
        string.Join(", ", parameters.Select(static p => p.ParameterName));

    private static void EmitConstruction(SourceWriter w, ValueObjectModel model, string self)
    {
        var name = model.Hierarchy.NestedName;
        var parameters = model.ConstructorParameters;
        var validates = model.HasValidate && model.Construction is ConstructionKind.Positional or ConstructionKind.Generated;

        if (validates)
        {
            w.WriteLine("/// <summary>Runs the type's <c>Validate</c> rules and collects every failure.</summary>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"private static global::Bloom.ValidationErrors __BloomCollectErrors({ParameterList(parameters)})").OpenBlock();
            w.WriteLine("var __errors = default(global::Bloom.ValidationErrors);");
            w.WriteLine($"Validate(ref __errors{string.Concat(parameters.Select(static p => ", " + p.ParameterName))});");
            w.WriteLine("return __errors;").CloseBlock().WriteLine();
        }

        if (model.Construction == ConstructionKind.Positional && validates && model.SynthesizedPositionalProperties.Count > 0)
        {
            // Redeclaring the positional properties lets the first initializer run the rules inside the primary constructor,
            // which every construction path (new, deserialization, Create) goes through. Get-only: `with` cannot bypass them.
            var first = true;
            foreach (var parameter in parameters.Where(p => model.SynthesizedPositionalProperties.Contains(p.Name)))
            {
                w.WriteLine($"/// <summary>The {parameter.Name} component of this {name}.</summary>");
                w.WriteLine(GeneratedCode);
                if (first)
                {
                    w.WriteLine($"public {parameter.TypeName} {Id(parameter.Name)} {{ get; }} = __BloomValidated({string.Join(", ", parameters.Select(static p => Id(p.Name)))});");
                    first = false;
                }
                else
                {
                    w.WriteLine($"public {parameter.TypeName} {Id(parameter.Name)} {{ get; }} = {Id(parameter.Name)};");
                }

                w.WriteLine();
            }

            var firstValidated = parameters.First(p => model.SynthesizedPositionalProperties.Contains(p.Name));
            w.WriteLine(GeneratedCode);
            w.WriteLine($"private static {firstValidated.TypeName} __BloomValidated({ParameterList(parameters)})").OpenBlock();
            w.WriteLine($"__BloomCollectErrors({ArgumentList(parameters)}).ThrowIfAny({JsonEmitter.Literal(name)});");
            w.WriteLine($"return {firstValidated.ParameterName};").CloseBlock().WriteLine();
        }

        if (model.Construction == ConstructionKind.Positional && validates && model.SynthesizedPositionalProperties.Count == 0)
        {
            // Every positional property is declared by hand, so none can carry the hook; a field initializer still runs
            // inside the primary constructor and sees its parameters. It costs one bool field per instance.
            w.WriteLine(GeneratedCode);
            w.WriteLine($"private readonly bool __bloomValidated = __BloomValidated({string.Join(", ", parameters.Select(static p => Id(p.Name)))});").WriteLine();
            w.WriteLine(GeneratedCode);
            w.WriteLine($"private static bool __BloomValidated({ParameterList(parameters)})").OpenBlock();
            w.WriteLine($"__BloomCollectErrors({ArgumentList(parameters)}).ThrowIfAny({JsonEmitter.Literal(name)});");
            w.WriteLine("return true;").CloseBlock().WriteLine();
        }

        if (model.Construction == ConstructionKind.Generated)
        {
            w.WriteLine($"/// <summary>Creates a {name}{(validates ? ", running its validation rules" : string.Empty)}.</summary>");
            foreach (var p in parameters)
            {
                w.WriteLine($"/// <param name=\"{p.ParameterName.TrimStart('@')}\">The {p.Name}.</param>");
            }

            if (validates)
            {
                w.WriteLine("/// <exception cref=\"global::Bloom.ValidationException\">One or more rules failed; every failure is listed.</exception>");
            }

            w.WriteLine(GeneratedCode);
            w.WriteLine($"public {model.Hierarchy.Name}({ParameterList(parameters)})").OpenBlock();
            if (validates)
            {
                w.WriteLine($"__BloomCollectErrors({ArgumentList(parameters)}).ThrowIfAny({JsonEmitter.Literal(name)});");
            }

            foreach (var p in parameters)
            {
                w.WriteLine($"this.{Id(p.Name)} = {p.ParameterName};");
            }

            w.CloseBlock().WriteLine();
        }
    }

    private static void EmitEquality(SourceWriter w, ValueObjectModel model, string self, bool isValueType)
    {
        var nullableSelf = isValueType ? self : self + "?";
        if (!model.DeclaresEquals)
        {
            var isRecordClass = model.Shape == ValueObjectShape.Record;
            var modifier = isRecordClass && !model.IsSealed ? "virtual " : string.Empty;
            w.WriteLine("/// <summary>Compares every member; collection members compare element by element.</summary>");
            w.WriteLine("/// <param name=\"other\">The value to compare with.</param>");
            w.WriteLine("/// <returns>Whether both values are equal.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public {modifier}bool Equals({nullableSelf} other)").OpenBlock();
            if (!isValueType)
            {
                w.WriteLine("if (global::System.Object.ReferenceEquals(this, other)) return true;");
                w.WriteLine("if (other is null) return false;");
                if (!model.IsSealed && model.BaseRecord.Length == 0)
                {
                    w.WriteLine(isRecordClass
                        ? "if (EqualityContract != other.EqualityContract) return false;"
                        : "if (GetType() != other.GetType()) return false;");
                }
            }

            var comparisons = model.Members.Select(static m => EqualityEmitter.EqualsExpression(m)).ToList();
            if (model.BaseRecord.Length > 0)
            {
                // A derived record's equality includes its base's state (and EqualityContract, checked by the base).
                comparisons.Insert(0, $"base.Equals(({model.BaseRecord}?)other)");
            }

            w.WriteLine(comparisons.Count == 0 ? "return true;" : "return " + string.Join("\n    && ", comparisons) + ";");
            w.CloseBlock().WriteLine();

            if (model.Shape is ValueObjectShape.Class or ValueObjectShape.Struct)
            {
                w.WriteLine("/// <inheritdoc />");
                w.WriteLine(GeneratedCode);
                w.WriteLine(isValueType
                    ? $"public override bool Equals(object? obj) => obj is {self} other && Equals(other);"
                    : $"public override bool Equals(object? obj) => Equals(obj as {self});");
                w.WriteLine();
            }
        }

        if (!model.DeclaresGetHashCode)
        {
            w.WriteLine("/// <summary>A hash over every member, consistent with <c>Equals</c>.</summary>");
            w.WriteLine("/// <returns>The hash code.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine("public override int GetHashCode()").OpenBlock();
            w.WriteLine("unchecked").OpenBlock();
            w.WriteLine(model.BaseRecord.Length > 0 ? "var hash = base.GetHashCode();" : "var hash = 0x2D2816FE;");
            foreach (var m in model.Members)
            {
                w.WriteLine($"hash = (hash * -1521134295) + {EqualityEmitter.HashExpression(m)};");
            }

            w.WriteLine("return hash;").CloseBlock().CloseBlock().WriteLine();
        }

        if (model.Shape is ValueObjectShape.Class or ValueObjectShape.Struct && !model.DeclaresOperators)
        {
            var left = isValueType ? "left.Equals(right)" : "left is null ? right is null : left.Equals(right)";
            w.WriteLine("/// <summary>Whether two values are equal.</summary>");
            w.WriteLine("/// <param name=\"left\">The first value.</param>");
            w.WriteLine("/// <param name=\"right\">The second value.</param>");
            w.WriteLine("/// <returns>Whether both are equal.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public static bool operator ==({nullableSelf} left, {nullableSelf} right) => {left};").WriteLine();
            w.WriteLine("/// <summary>Whether two values differ.</summary>");
            w.WriteLine("/// <param name=\"left\">The first value.</param>");
            w.WriteLine("/// <param name=\"right\">The second value.</param>");
            w.WriteLine("/// <returns>Whether they differ.</returns>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"public static bool operator !=({nullableSelf} left, {nullableSelf} right) => !(left == right);").WriteLine();
        }
    }

    private static void EmitToString(SourceWriter w, ValueObjectModel model)
    {
        if (model.DeclaresToString)
        {
            return;
        }

        var parts = model.Members.Where(static m => m.IsPublic).Select(static m =>
            !m.IsCollection
                ? $"{m.Name} = {{this.{Id(m.Name)}}}"
                : $"{m.Name} = {{(global::Bloom.ValueObjectEquality.Format(this.{Id(m.Name)}))}}").ToList();
        var body = parts.Count == 0 ? model.Hierarchy.Name : model.Hierarchy.Name + " {{ " + string.Join(", ", parts) + " }}";
        w.WriteLine("/// <summary>Shows the type and its public members, formatted with the invariant culture.</summary>");
        w.WriteLine("/// <returns>For example <c>Money { Amount = 10.00, Currency = EUR }</c>.</returns>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"public override string ToString() => string.Create(global::System.Globalization.CultureInfo.InvariantCulture, $\"{body}\");");
        w.WriteLine();
    }

    private static void EmitFactories(SourceWriter w, ValueObjectModel model, string self, bool isValueType)
    {
        if (!model.HasValidate || model.DeclaresFactories || model.Construction is not (ConstructionKind.Positional or ConstructionKind.Generated))
        {
            return;
        }

        var name = model.Hierarchy.NestedName;
        var parameters = model.ConstructorParameters;
        var docs = parameters.Select(static p => $"/// <param name=\"{p.ParameterName.TrimStart('@')}\">The {p.Name}.</param>").ToList();
        w.WriteLine($"/// <summary>Creates a validated {name}.</summary>");
        docs.ForEach(d => w.WriteLine(d));
        w.WriteLine($"/// <returns>The new {name}.</returns>");
        w.WriteLine("/// <exception cref=\"global::Bloom.ValidationException\">One or more rules failed; every failure is listed.</exception>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"public static {self} Create({ParameterList(parameters)}) => new({ArgumentList(parameters)});").WriteLine();

        // The out parameters must not collide with the value object's own parameter names (a member called Value is common).
        var taken = new HashSet<string>(parameters.Select(static p => p.ParameterName.TrimStart('@')), StringComparer.Ordinal);
        var valueName = Unique("value", taken);
        var errorsName = Unique("errors", taken);
        var outValue = isValueType ? $"out {self} {valueName}" : $"[global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {self}? {valueName}";
        w.WriteLine($"/// <summary>Tries to create a {name}; on failure returns every broken rule instead of throwing.</summary>");
        docs.ForEach(d => w.WriteLine(d));
        w.WriteLine($"/// <param name=\"{valueName}\">The new value when every rule holds.</param>");
        w.WriteLine($"/// <param name=\"{errorsName}\">Every failed rule (empty on success).</param>");
        w.WriteLine("/// <returns>Whether the value was created.</returns>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"public static bool TryCreate({ParameterList(parameters)}, {outValue}, out global::System.Collections.Generic.IReadOnlyList<global::Bloom.ValidationError> {errorsName})").OpenBlock();
        w.WriteLine($"var __collected = __BloomCollectErrors({ArgumentList(parameters)});");
        w.WriteLine("if (__collected.HasErrors)").OpenBlock();
        w.WriteLine($"{valueName} = default;").WriteLine($"{errorsName} = __collected.ToList();").WriteLine("return false;").CloseBlock();
        w.WriteLine($"{valueName} = new({ArgumentList(parameters)});");
        w.WriteLine($"{errorsName} = global::System.Array.Empty<global::Bloom.ValidationError>();");
        w.WriteLine("return true;").CloseBlock().WriteLine();
    }
}
