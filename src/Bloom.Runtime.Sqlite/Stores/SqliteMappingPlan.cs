using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Bloom.Persistence;
using Bloom.Specifications;

namespace Bloom.Sqlite;

/// <summary>
/// Everything about one <see cref="AggregateMapping"/> that does not depend on a connection: quoted names, the statement texts,
/// the column types and the specification adapter. Built once per mapping instance and shared by all stores and sessions.
/// </summary>
/// <remarks>
/// Parameters: column <c>i</c> binds to <c>@p{i}</c> (the id is <c>@p0</c>), the expected version to <c>@expected</c>, the new
/// version to <c>@version</c> (an insert writes the literal version 1).
/// </remarks>
internal sealed class SqliteMappingPlan
{
    public const string ExpectedVersionParameter = "@expected";
    public const string NewVersionParameter = "@version";

    private static readonly ConditionalWeakTable<AggregateMapping, SqliteMappingPlan> Plans = new();

    private object? _specificationMapping;

    private SqliteMappingPlan(AggregateMapping mapping)
    {
        Mapping = mapping;
        var columns = mapping.Columns;
        Types = new StorageType[columns.Count];
        Nullable = new bool[columns.Count];
        ColumnNames = new string[columns.Count];
        ParameterNames = new string[columns.Count];
        var quoted = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            Types[i] = columns[i].Type;
            Nullable[i] = columns[i].IsNullable;
            ColumnNames[i] = columns[i].Name;
            ParameterNames[i] = "@p" + i.ToString(CultureInfo.InvariantCulture);
            quoted[i] = Quote(columns[i].Name);
        }

        QuotedTable = Quote(mapping.Table);
        var id = quoted[0];
        SelectList = string.Join(", ", quoted) + ", \"version\"";
        SelectByIdSql = $"SELECT {SelectList} FROM {QuotedTable} WHERE {id} = @p0";
        SelectVersionSql = $"SELECT \"version\" FROM {QuotedTable} WHERE {id} = @p0";
        InsertSql = $"INSERT INTO {QuotedTable} ({string.Join(", ", quoted)}, \"version\") VALUES ({string.Join(", ", ParameterNames)}, 1)";

        var set = new StringBuilder();
        for (var i = 1; i < quoted.Length; i++)
        {
            set.Append(quoted[i]).Append(" = ").Append(ParameterNames[i]).Append(", ");
        }

        set.Append("\"version\" = ").Append(NewVersionParameter);
        UpdateSql = $"UPDATE {QuotedTable} SET {set} WHERE {id} = @p0 AND \"version\" = {ExpectedVersionParameter}";
        DeleteSql = $"DELETE FROM {QuotedTable} WHERE {id} = @p0 AND \"version\" = {ExpectedVersionParameter}";
        CreateTableSql = BuildCreateTable(mapping, quoted);
    }

    public AggregateMapping Mapping { get; }

    /// <summary>The logical type of each column, in column order.</summary>
    public StorageType[] Types { get; }

    /// <summary>Which columns admit NULL; only those are checked with <c>IsDBNull</c> when reading (the others are NOT NULL in a STRICT table).</summary>
    public bool[] Nullable { get; }

    /// <summary>The unquoted column names, for messages.</summary>
    public string[] ColumnNames { get; }

    /// <summary><c>@p0</c>, <c>@p1</c>, … one per column.</summary>
    public string[] ParameterNames { get; }

    public string QuotedTable { get; }

    /// <summary>The quoted columns then <c>"version"</c>: what every row-returning statement selects.</summary>
    public string SelectList { get; }

    public string SelectByIdSql { get; }

    public string SelectVersionSql { get; }

    public string InsertSql { get; }

    public string UpdateSql { get; }

    public string DeleteSql { get; }

    public string CreateTableSql { get; }

    public static SqliteMappingPlan For(AggregateMapping mapping) => Plans.GetValue(mapping, static m => new SqliteMappingPlan(m));

    /// <summary>The specification adapter of this mapping's aggregate type (created on first use, then shared).</summary>
    /// <typeparam name="TAggregate">The aggregate type of <see cref="Mapping"/>.</typeparam>
    /// <returns>The adapter.</returns>
    public AggregateSpecificationMapping<TAggregate> SpecificationMapping<TAggregate>()
    {
        if (Volatile.Read(ref _specificationMapping) is AggregateSpecificationMapping<TAggregate> existing)
        {
            return existing;
        }

        var created = new AggregateSpecificationMapping<TAggregate>(Mapping, static (type, value) => SqliteValues.ToPhysical(type, value));
        return Interlocked.CompareExchange(ref _specificationMapping, created, null) as AggregateSpecificationMapping<TAggregate> ?? created;
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string BuildCreateTable(AggregateMapping mapping, string[] quoted)
    {
        var columns = mapping.Columns;
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE IF NOT EXISTS ").Append(Quote(mapping.Table)).Append(" (\n");
        AppendColumn(sql, quoted[0], columns[0].Type, nullable: false).Append(" PRIMARY KEY,\n");
        sql.Append("    \"version\" INTEGER NOT NULL");
        for (var i = 1; i < columns.Count; i++)
        {
            AppendColumn(sql.Append(",\n"), quoted[i], columns[i].Type, columns[i].IsNullable);
        }

        return sql.Append("\n) STRICT").ToString();
    }

    private static StringBuilder AppendColumn(StringBuilder sql, string quotedName, StorageType type, bool nullable)
    {
        // "TEXT COLLATE X" splits so NOT NULL sits between the type and the collation, the conventional order.
        var physical = SqliteValues.ColumnType(type);
        var space = physical.IndexOf(' ', StringComparison.Ordinal);
        var typeName = space < 0 ? physical : physical[..space];
        var collation = space < 0 ? string.Empty : physical[space..];
        sql.Append("    ").Append(quotedName).Append(' ').Append(typeName);
        if (!nullable)
        {
            sql.Append(" NOT NULL");
        }

        return sql.Append(collation);
    }
}
