using Microsoft.CodeAnalysis;
using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Persistence;

/// <summary>
/// Maps an aggregate's state members to columns (DESIGN §5): scalars, strongly typed ids and single-value value objects to one
/// column; multi-member value objects of scalars flattened (<c>total_amount</c>, <c>total_currency</c>); anything else Bloom can
/// serialize (child entities, collections) to a JSON column. Returns null when the aggregate cannot be persisted.
/// </summary>
internal static class PersistenceParser
{
    private const string Row = "row";

    /// <summary>How one scalar type converts between the member and its logical stored value.</summary>
    /// <remarks><see cref="InnerPath"/> is the wrapped value's member (".Value") for ids and single-value value objects, queryable too.</remarks>
    private sealed record Scalar(string StorageType, Func<string, string> Write, Func<string, string> Read, string ToStorage = "", string InnerPath = "");

    public static PersistenceModel? TryCreate(INamedTypeSymbol aggregate, AttributeData? attribute, CancellationToken cancellationToken) =>
        Analyze(aggregate, attribute, cancellationToken, out _);

    /// <summary>The mapping, or null with <paramref name="reason"/> saying why (a clause: "member 'X' of type 'Y' has no storage mapping").</summary>
    public static PersistenceModel? Analyze(INamedTypeSymbol aggregate, AttributeData? attribute, CancellationToken cancellationToken, out string? reason)
    {
        reason = aggregate.ContainingType is not null ? "it is nested inside another type" : Reconstitution.WhyNotEligible(aggregate, cancellationToken);
        if (reason is not null)
        {
            return null;
        }

        var members = Reconstitution.StateMembers(aggregate, cancellationToken);
        var idIndex = members.FindIndex(static m => m.Name == "Id" && m.Symbol is IPropertySymbol);
        if (idIndex < 0)
        {
            reason = "its Id is not an auto-property declared in the class (or is marked [NotPersisted])";
            return null;
        }

        // The id is always the first column.
        var id = members[idIndex];
        members.RemoveAt(idIndex);
        members.Insert(0, id);

        var columns = new List<ColumnModel>();
        var assignments = new List<AssignmentModel>();
        var json = new List<JsonColumnModel>();
        // Columns first (in declaration order), JSON documents last.
        var deferred = new List<(ISymbol Symbol, ITypeSymbol Type, string Name)>();
        foreach (var member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TryMap(member.Type, member.Name, columns, assignments, json, allowJson: false))
            {
                deferred.Add(member);
            }
        }

        foreach (var member in deferred)
        {
            if (!TryMap(member.Type, member.Name, columns, assignments, json, allowJson: true))
            {
                reason = $"member '{member.Name}' of type '{member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' has no storage mapping " +
                         "(mark it [NotPersisted], or make its type a [ValueObject], [Entity] or [StronglyTypedId])";
                return null;
            }
        }

        var idType = id.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (columns[0].StorageType == "Json" || !TryScalar(idType, out var idScalar))
        {
            reason = $"its id type '{idType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' is not a scalar (use a [StronglyTypedId], Guid, long or string)";
            return null;
        }

        var duplicate = columns.GroupBy(static c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(static g => g.Count() > 1 || g.Key.Equals("version", StringComparison.OrdinalIgnoreCase));
        if (duplicate is not null)
        {
            reason = $"two members map to the column '{duplicate.Key}', or one maps to 'version', which Bloom reserves (rename a member)";
            return null;
        }

        var table = attribute?.NamedArguments.FirstOrDefault(static a => a.Key == "Table").Value.Value as string;
        return new PersistenceModel(
            Table: string.IsNullOrWhiteSpace(table) ? Reconstitution.SnakeCase(aggregate.Name) : table!,
            RepositoryName: "I" + aggregate.Name + "Repository",
            PropertyName: Reconstitution.Plural(aggregate.Name),
            IdStorage: idScalar.Write("id"),
            Columns: columns.ToEquatableArray(),
            Assignments: assignments.ToEquatableArray(),
            JsonColumns: json.ToEquatableArray(),
            NeedsDefaultConstructor: !MemberCollector.HasDeclaredConstructor(aggregate),
            IsPublic: aggregate.DeclaredAccessibility == Accessibility.Public);
    }

    private static bool TryMap(ITypeSymbol type, string name, List<ColumnModel> columns, List<AssignmentModel> assignments, List<JsonColumnModel> json, bool allowJson)
    {
        var column = Reconstitution.SnakeCase(name);
        var access = "a." + Names.Id(name);
        var nullable = TypeAnalysis.CanBeNull(type);
        var underlying = TypeAnalysis.IsNullableValueType(type) ? ((INamedTypeSymbol)type).TypeArguments[0] : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var path = name.StartsWith("_", StringComparison.Ordinal) ? EquatableArray<string>.Empty : new[] { name }.ToEquatableArray();

        if (TryScalar(underlying, out var scalar))
        {
            var index = columns.Count;
            if (path.Count > 0 && !nullable && scalar.InnerPath.Length > 0)
            {
                path = new[] { name, name + scalar.InnerPath }.ToEquatableArray();
            }

            columns.Add(new ColumnModel(column, scalar.StorageType, nullable, path, WriteNullable(access, scalar, nullable, underlying.IsValueType), scalar.ToStorage));
            assignments.Add(new AssignmentModel(name, ReadNullable($"{Row}[{index}]", scalar, nullable, TypeAnalysis.NameOf(type))));
            return true;
        }

        if (TryFlatten(underlying, out var parts, out var construct))
        {
            var first = columns.Count;
            var reads = new List<string>();
            foreach (var (partName, partScalar) in parts)
            {
                var partPath = path.Count == 0 ? EquatableArray<string>.Empty : new[] { name + "." + partName }.ToEquatableArray();
                var toStorage = partScalar.ToStorage;
                if (nullable && path.Count > 0 && columns.Count == first)
                {
                    // "o.Refund == null": a null value object has every column null, so its first column answers null checks; comparing the
                    // whole value object with a value is not translatable (compare its members instead).
                    partPath = new[] { name, name + "." + partName }.ToEquatableArray();
                    var voTypeName = TypeAnalysis.NameOf(underlying);
                    var message = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(
                        $"A whole {underlying.Name} cannot be compared in SQL; test '{name}' against null or compare its members (e.g. '{name}.{partName}').", quote: true);
                    toStorage = $"static v => v is {voTypeName} ? throw new global::Bloom.UntranslatableSpecificationException({Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: true)}, {message}) : v";
                }

                var partAccess = (nullable ? access + "!." : access + ".") + Names.Id(partName);
                var write = nullable ? $"{access} is null ? null : (object?){partScalar.Write(partAccess)}" : $"(object?){partScalar.Write(partAccess)}";
                columns.Add(new ColumnModel(column + "_" + Reconstitution.SnakeCase(partName), partScalar.StorageType, nullable, partPath, write, toStorage));
                reads.Add(partScalar.Read($"{Row}[{columns.Count - 1}]!"));
            }

            var created = construct(reads);
            assignments.Add(new AssignmentModel(name, nullable ? $"{Row}[{first}] is null ? null : {created}" : created));
            return true;
        }

        var model = TypeAnalysis.CreateMember(name, type, isPublic: false);
        if (!allowJson || ContainsFallback(model.Json))
        {
            return false;
        }

        var suffix = "_" + name.TrimStart('_');
        var jsonIndex = columns.Count;
        var typeName = TypeAnalysis.NameOf(type);
        columns.Add(new ColumnModel(column, "Json", nullable, EquatableArray<string>.Empty,
            nullable
                ? $"{access} is null ? null : global::Bloom.BloomJson.WriteToString<{typeName}>({access}, __BloomWriteJson{suffix})"
                : $"global::Bloom.BloomJson.WriteToString<{typeName}>({access}, __BloomWriteJson{suffix})",
            string.Empty));
        var read = $"global::Bloom.BloomJson.ReadFromString<{typeName}>((string){Row}[{jsonIndex}]!, __BloomReadJson{suffix}, {Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: true)})";
        assignments.Add(new AssignmentModel(name, nullable ? $"{Row}[{jsonIndex}] is null ? null : {read}" : read));
        json.Add(new JsonColumnModel(name, suffix, model.Json));
        return true;
    }

    private static string WriteNullable(string access, Scalar scalar, bool nullable, bool valueType)
    {
        if (!nullable)
        {
            return $"(object?){scalar.Write(access)}";
        }

        return valueType
            ? $"{access}.HasValue ? (object?){scalar.Write(access + ".GetValueOrDefault()")} : null"
            : $"{access} is null ? null : (object?){scalar.Write(access)}";
    }

    private static string ReadNullable(string cell, Scalar scalar, bool nullable, string typeName) =>
        nullable ? $"{cell} is null ? ({typeName})null : {scalar.Read(cell + "!")}" : scalar.Read(cell + "!");

    /// <summary>Types that are one column: primitives, enums, dates, <see cref="Guid"/>, strongly typed ids, single-value value objects.</summary>
    private static bool TryScalar(ITypeSymbol type, out Scalar scalar)
    {
        var name = TypeAnalysis.NameOf(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
        Scalar? found = type.SpecialType switch
        {
            SpecialType.System_String => new Scalar("String", static e => e, static c => $"(string){c}"),
            SpecialType.System_Boolean => new Scalar("Boolean", static e => e, static c => $"(bool){c}"),
            SpecialType.System_Int64 => new Scalar("Int64", static e => e, static c => $"(long){c}"),
            SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_SByte or SpecialType.System_Byte or
                SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_Char =>
                new Scalar("Int64", static e => $"(long){e}", c => $"({name})(long){c}"),
            SpecialType.System_UInt64 => new Scalar("Int64", static e => $"unchecked((long){e})", static c => $"unchecked((ulong)(long){c})"),
            SpecialType.System_Double => new Scalar("Double", static e => e, static c => $"(double){c}"),
            SpecialType.System_Single => new Scalar("Double", static e => $"(double){e}", static c => $"(float)(double){c}"),
            SpecialType.System_Decimal => new Scalar("Decimal", static e => e, static c => $"(decimal){c}"),
            SpecialType.System_DateTime => new Scalar("DateTime", static e => e, static c => $"(global::System.DateTime){c}"),
            _ => null,
        };

        if (found is null && type.TypeKind == TypeKind.Enum)
        {
            found = new Scalar("Int64", static e => $"(long){e}", c => $"({name})(long){c}");
        }

        if (found is null && type is INamedTypeSymbol named)
        {
            found = TypeAnalysis.FullMetadataName(named) switch
            {
                "System.Guid" => new Scalar("Guid", static e => e, static c => $"(global::System.Guid){c}"),
                "System.DateTimeOffset" => new Scalar("DateTimeOffset", static e => e, static c => $"(global::System.DateTimeOffset){c}"),
                "System.DateOnly" => new Scalar("Int64", static e => $"(long){e}.DayNumber", static c => $"global::System.DateOnly.FromDayNumber((int)(long){c})"),
                "System.TimeOnly" => new Scalar("Int64", static e => $"{e}.Ticks", static c => $"new global::System.TimeOnly((long){c})"),
                "System.TimeSpan" => new Scalar("Int64", static e => $"{e}.Ticks", static c => $"global::System.TimeSpan.FromTicks((long){c})"),
                _ => StronglyTypedId(named, name) ?? SingleValueObject(named, name),
            };
        }

        scalar = found!;
        return found is not null;
    }

    private static Scalar? StronglyTypedId(INamedTypeSymbol type, string name)
    {
        var attribute = type.GetAttributes().FirstOrDefault(static a => a.AttributeClass is { } c && TypeAnalysis.FullMetadataName(c) == WellKnownNames.StronglyTypedIdAttribute);
        if (attribute is null || type.TypeKind != TypeKind.Struct)
        {
            return null;
        }

        var backing = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int raw ? raw : 0;
        var (storage, cast) = backing switch
        {
            1 => ("Int64", "long"),
            2 => ("String", "string"),
            _ => ("Guid", "global::System.Guid"),
        };
        return new Scalar(storage, static e => $"{e}.Value", c => $"new {name}(({cast}){c})", $"static v => v is {name} __id ? (object)__id.Value : v", ".Value");
    }

    private static Scalar? SingleValueObject(INamedTypeSymbol type, string name)
    {
        if (!TryValueObjectParts(type, out var parts, out _) || parts.Count != 1 || TypeAnalysis.CanBeNull(parts[0].Type) ||
            !TryScalar(parts[0].Type, out var inner) || inner.ToStorage.Length > 0)
        {
            return null;
        }

        var member = Names.Id(parts[0].Name);
        return new Scalar(
            inner.StorageType,
            e => inner.Write($"{e}.{member}"),
            c => $"new {name}({inner.Read(c)})",
            $"static v => v is {name} __vo ? (object){inner.Write("__vo." + member)} : v",
            "." + parts[0].Name);
    }

    private static bool TryFlatten(ITypeSymbol type, out List<(string Name, Scalar Scalar)> parts, out Func<List<string>, string> construct)
    {
        parts = [];
        construct = static _ => string.Empty;
        if (type is not INamedTypeSymbol named || !TryValueObjectParts(named, out var members, out var order) || members.Count < 2)
        {
            return false;
        }

        foreach (var member in members)
        {
            if (TypeAnalysis.CanBeNull(member.Type) || !TryScalar(member.Type, out var scalar))
            {
                return false;
            }

            parts.Add((member.Name, scalar));
        }

        var typeName = TypeAnalysis.NameOf(named.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
        var names = members.Select(static m => m.Name).ToList();
        construct = reads => $"new {typeName}({string.Join(", ", order.Select(n => reads[names.IndexOf(n)]))})";
        return true;
    }

    /// <summary>A value object's state members and the order its constructor takes them in (all of them, or it does not qualify).</summary>
    private static bool TryValueObjectParts(INamedTypeSymbol type, out List<(ISymbol Symbol, ITypeSymbol Type, string Name)> members, out List<string> order)
    {
        members = [];
        order = [];
        if (!TypeAnalysis.HasAttribute(type, WellKnownNames.ValueObjectAttribute) || type.IsGenericType || type.IsAbstract)
        {
            return false;
        }

        members = Reconstitution.StateMembers(type, CancellationToken.None);
        if (members.Count == 0)
        {
            return false;
        }

        var models = members.Select(static m => TypeAnalysis.CreateMember(m.Name, m.Type, true)).ToList();
        if (MemberCollector.PrimaryConstructor(type, CancellationToken.None) is { } primary)
        {
            order = primary.Parameters.Select(static p => p.Name).ToList();
        }
        else if (!MemberCollector.HasDeclaredConstructor(type))
        {
            order = members.Select(static m => m.Name).ToList(); // Bloom generates a constructor taking every member in order
        }
        else if (MemberCollector.Construction(type, models, static _ => false) is { } construction)
        {
            order = construction.ParameterMembers.ToList();
        }

        var names = members.Select(static m => m.Name).ToList();
        return order.Count == members.Count && order.All(names.Contains);
    }

    private static bool ContainsFallback(JsonTypeModel? model) =>
        model is not null && (model.Kind == JsonKind.Fallback || ContainsFallback(model.Element) || ContainsFallback(model.Key));
}
