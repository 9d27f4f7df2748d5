using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Persistence;

/// <summary>One mapped column: its SQL name, logical type, queryable member paths and the code that writes it from the aggregate <c>a</c>.</summary>
/// <param name="Name">The column name (snake_case).</param>
/// <param name="StorageType">The <c>Bloom.Persistence.StorageType</c> member name.</param>
/// <param name="IsNullable">Whether the column admits null.</param>
/// <param name="Paths">Member paths specifications may use.</param>
/// <param name="Write">An expression of type <c>object?</c> computing the value from <c>a</c>.</param>
/// <param name="ToStorage">A lambda converting a member-typed value to the logical value, or empty.</param>
internal sealed record ColumnModel(string Name, string StorageType, bool IsNullable, EquatableArray<string> Paths, string Write, string ToStorage);

/// <summary>One state member assignment in the reconstitution constructor: <c>{Member} = {Read};</c>, reading from <c>row</c>.</summary>
internal sealed record AssignmentModel(string Member, string Read);

/// <summary>A member stored as a JSON column: the generated writer and reader methods need its JSON shape.</summary>
internal sealed record JsonColumnModel(string Member, string MethodSuffix, JsonTypeModel Json);

/// <summary>How a persistable aggregate is stored; null on the aggregate model when it is not persistable.</summary>
internal sealed record PersistenceModel(
    string Table,
    string RepositoryName,
    string PropertyName,
    string IdStorage,
    EquatableArray<ColumnModel> Columns,
    EquatableArray<AssignmentModel> Assignments,
    EquatableArray<JsonColumnModel> JsonColumns,
    bool NeedsDefaultConstructor,
    bool IsPublic);
