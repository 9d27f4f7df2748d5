using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bloom.Specifications;

public sealed partial class SqlSpecificationTranslator
{
    private sealed partial class Context<T>(ISpecificationMapping<T> mapping, ParameterExpression parameter)
    {
        private const int MaxLikePatternBytes = 50_000;

        public List<object?> Parameters { get; } = [];

        public string AddParameter(object? value)
        {
            if (value is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                // Microsoft.Data.Sqlite binds long text NUL-terminated: "a\0b…" would silently become "a". Bloom's SQL stores
                // neither store nor compare such text (writes are refused too), so the in-memory store rejects it alike.
                throw new UntranslatableSpecificationException(
                    "a string value",
                    "It contains U+0000 (NUL), which SQLite text parameters cannot carry reliably; Bloom's stores refuse such text.");
            }

            Parameters.Add(value);
            return "@p" + (Parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        public void OrderBy(PageRequest<T> page, StringBuilder sql, SqlColumn? tieBreaker)
        {
            var keys = page.SortKeys;
            var tieBreakerUsed = false;
            for (var i = 0; i < keys.Count; i++)
            {
                var key = keys[i];
                if (key.Member.Parameters.Count != 1)
                {
                    throw new UntranslatableSpecificationException(key.Member, "A sort key must be a lambda with one parameter, the item.");
                }

                var body = StripConversions(key.Member.Body);
                var column = ResolveMember(body, key.Member.Parameters[0], key.Member)
                    ?? throw new UntranslatableSpecificationException(key.Member, "A sort key must be a mapped member of the item, e.g. 'o => o.PlacedAt'.");
                CheckSortable(key.Member, body, column);
                sql.Append(i == 0 ? "ORDER BY " : ", ").Append(column.QuotedName).Append(key.Descending ? " DESC" : " ASC");
                tieBreakerUsed |= tieBreaker is not null && string.Equals(column.Name, tieBreaker.Name, StringComparison.Ordinal);
            }

            if (tieBreaker is not null && !tieBreakerUsed)
            {
                sql.Append(keys.Count == 0 ? "ORDER BY " : ", ").Append(tieBreaker.QuotedName).Append(" ASC");
            }
        }

        // In memory a page is sorted with Comparer<TKey>.Default on the member's value, so a key must be comparable there and must
        // not go through a value object that can be null (that throws in C#, while SQL would sort NULLs first): same outcome in both.
        private static void CheckSortable(LambdaExpression key, Expression body, SqlColumn column)
        {
            var type = Nullable.GetUnderlyingType(body.Type) ?? body.Type;
            if (!typeof(IComparable).IsAssignableFrom(type))
            {
                throw new UntranslatableSpecificationException(key, $"'{type.Name}' is not comparable, so it cannot be a sort key; sort by its value instead (e.g. 'o => o.Email.Value').");
            }

            if (column.IsNullable && body is MemberExpression { Expression: MemberExpression owner } && !CanBeNull(body) && owner.Expression is not null)
            {
                throw new UntranslatableSpecificationException(key, $"'{owner}' can be null, so '{body}' cannot be a sort key (it would throw in memory); sort by a member that is never null.");
            }
        }

        /// <summary>Appends <paramref name="node"/> (a bool expression) as a two-valued SQL predicate, negated when asked.</summary>
        public void Predicate(Expression node, bool negated, StringBuilder sql)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (node.NodeType)
            {
                case ExpressionType.AndAlso:
                case ExpressionType.OrElse:
                    {
                        var binary = (BinaryExpression)node;
                        if (binary.Method is not null)
                        {
                            throw new UntranslatableSpecificationException(node, "A user-defined && or || operator cannot be translated.");
                        }

                        var and = (node.NodeType == ExpressionType.AndAlso) != negated;
                        sql.Append('(');
                        Predicate(binary.Left, negated, sql);
                        sql.Append(and ? " AND " : " OR ");
                        Predicate(binary.Right, negated, sql);
                        sql.Append(')');
                        return;
                    }

                case ExpressionType.Not when node.Type == typeof(bool) && ((UnaryExpression)node).Method is null:
                    Predicate(((UnaryExpression)node).Operand, !negated, sql);
                    return;

                case ExpressionType.Constant when node.Type == typeof(bool):
                    sql.Append(((bool)((ConstantExpression)node).Value!) != negated ? "1 = 1" : "0 = 1");
                    return;

                case ExpressionType.Equal:
                case ExpressionType.NotEqual:
                case ExpressionType.LessThan:
                case ExpressionType.LessThanOrEqual:
                case ExpressionType.GreaterThan:
                case ExpressionType.GreaterThanOrEqual:
                    if (DependsOnParameter(node))
                    {
                        Comparison((BinaryExpression)node, negated, sql);
                        return;
                    }

                    break;

                case ExpressionType.Call when DependsOnParameter(node):
                    Call((MethodCallExpression)node, negated, sql);
                    return;

                case ExpressionType.MemberAccess when node.Type == typeof(bool) && DependsOnParameter(node):
                    {
                        var column = RequireColumn(node);
                        var p = AddParameter(column.ToStored(true));
                        if (negated)
                        {
                            AppendOrNull(sql, column.QuotedName + " <> " + p, column.QuotedName, CanBeNull(node));
                        }
                        else
                        {
                            sql.Append(column.QuotedName).Append(" = ").Append(p);
                        }

                        return;
                    }
            }

            if (node.Type == typeof(bool) && !DependsOnParameter(node))
            {
                // A captured condition, e.g. 'includeAll || o.Active': a parameter, so the text does not depend on its value.
                var value = (bool)Evaluate(node)!;
                sql.Append(AddParameter(value ? 1L : 0L)).Append(negated ? " = 0" : " = 1");
                return;
            }

            throw new UntranslatableSpecificationException(node, "Only comparisons of mapped members with values, &&, ||, !, null checks, bool members, string StartsWith/EndsWith/Contains and collection Contains can be translated to SQL.");
        }

        private void Comparison(BinaryExpression node, bool negated, StringBuilder sql)
        {
            Expression member;
            Expression value;
            var op = node.NodeType;
            var leftDepends = DependsOnParameter(node.Left);
            var rightDepends = DependsOnParameter(node.Right);
            if (leftDepends && rightDepends)
            {
                throw new UntranslatableSpecificationException(node, "Comparing two members of the candidate is not supported; compare a member with a value.");
            }

            if (leftDepends)
            {
                member = node.Left;
                value = node.Right;
            }
            else
            {
                member = node.Right;
                value = node.Left;
                op = Flip(op);
            }

            if (node.Method is not null && node.Left.Type != node.Right.Type)
            {
                throw new UntranslatableSpecificationException(node, $"The operator method '{node.Method.Name}' compares different types and cannot be translated.");
            }

            var stripped = StripConversions(member);
            var column = RequireColumn(stripped);
            var raw = Evaluate(value);
            if (negated)
            {
                op = Negate(op);
            }

            var q = column.QuotedName;
            if (raw is null)
            {
                sql.Append(op switch
                {
                    ExpressionType.Equal => q + " IS NULL",
                    ExpressionType.NotEqual => q + " IS NOT NULL",

                    // An ordering comparison with null is false in C# (lifted operators); negated it is true.
                    _ => IsNegatedOrdering(op) ? "1 = 1" : "0 = 1",
                });
                return;
            }

            var p = AddParameter(column.ToStored(raw));
            var nullable = CanBeNull(stripped);
            switch (op)
            {
                case ExpressionType.Equal:
                    sql.Append(q).Append(" = ").Append(p);
                    break;
                case ExpressionType.NotEqual:
                    AppendOrNull(sql, q + " <> " + p, q, nullable);
                    break;
                case ExpressionType.LessThan:
                case ExpressionType.LessThanOrEqual:
                case ExpressionType.GreaterThan:
                case ExpressionType.GreaterThanOrEqual:
                    sql.Append(q).Append(' ').Append(Operator(op)).Append(' ').Append(p);
                    break;
                default:
                    // A negated ordering comparison: the complementary operator, plus null (which C# treats as 'not less than').
                    AppendOrNull(sql, q + " " + Operator(op) + " " + p, q, nullable);
                    break;
            }
        }

        private void Call(MethodCallExpression node, bool negated, StringBuilder sql)
        {
            var method = node.Method;
            if (method.DeclaringType == typeof(string) && !method.IsStatic && node.Object is not null && DependsOnParameter(node.Object)
                && node.Arguments.Count is 1 or 2 && node.Arguments[0].Type == typeof(string)
                && method.Name is nameof(string.StartsWith) or nameof(string.EndsWith) or nameof(string.Contains))
            {
                Like(node, negated, sql);
                return;
            }

            if (method.Name == "Contains" && TryGetContainsOperands(node, out var source, out var item))
            {
                In(node, source, item, negated, sql);
                return;
            }

            throw new UntranslatableSpecificationException(node, $"The method '{method.DeclaringType?.Name}.{method.Name}' cannot be translated to SQL; only string StartsWith/EndsWith/Contains on a mapped member and collection Contains are supported.");
        }

        private void Like(MethodCallExpression node, bool negated, StringBuilder sql)
        {
            if (node.Arguments.Count == 2)
            {
                if (node.Arguments[1].Type != typeof(StringComparison) || DependsOnParameter(node.Arguments[1])
                    || (StringComparison)Evaluate(node.Arguments[1])! != StringComparison.Ordinal)
                {
                    throw new UntranslatableSpecificationException(node, "Only StringComparison.Ordinal can be translated; SQL string matching is ordinal.");
                }
            }

            if (DependsOnParameter(node.Arguments[0]))
            {
                throw new UntranslatableSpecificationException(node, "The argument must be a value, not a member of the candidate.");
            }

            var member = node.Object!;
            var column = RequireColumn(member);
            if (Evaluate(node.Arguments[0]) is not string text)
            {
                throw new UntranslatableSpecificationException(node, "The argument is null; string matching against null throws in memory.");
            }

            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw new UntranslatableSpecificationException(node, "The argument contains a NUL character, which SQLite's LIKE cannot match literally.");
            }

            var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal);
            var pattern = node.Method.Name switch
            {
                nameof(string.StartsWith) => escaped + "%",
                nameof(string.EndsWith) => "%" + escaped,
                _ => "%" + escaped + "%",
            };
            if (Encoding.UTF8.GetByteCount(pattern) > MaxLikePatternBytes)
            {
                throw new UntranslatableSpecificationException(node, $"The escaped pattern exceeds SQLite's default LIKE pattern limit of {MaxLikePatternBytes} UTF-8 bytes.");
            }

            var p = AddParameter(pattern);
            if (negated)
            {
                AppendOrNull(sql, column.QuotedName + " NOT LIKE " + p + " ESCAPE '\\'", column.QuotedName, CanBeNull(member));
            }
            else
            {
                sql.Append(column.QuotedName).Append(" LIKE ").Append(p).Append(" ESCAPE '\\'");
            }
        }

        private bool TryGetContainsOperands(MethodCallExpression node, out Expression source, out Expression item)
        {
            source = null!;
            item = null!;
            if (node.Object is not null && node.Arguments.Count == 1)
            {
                // list.Contains(o.X), set.Contains(o.X)
                source = node.Object;
                item = node.Arguments[0];
            }
            else if (node.Object is null
                && (node.Arguments.Count == 2 || (node.Arguments.Count == 3 && IsNullConstant(node.Arguments[2])))
                && (node.Method.DeclaringType == typeof(Enumerable) || node.Method.DeclaringType == typeof(MemoryExtensions)))
            {
                // Enumerable.Contains(source, item); with C# 14 first-class spans an array's Contains binds to
                // MemoryExtensions.Contains(ReadOnlySpan<T>, T) over an implicit array-to-span conversion: look through it.
                // For an element type that is not IEquatable<T> (an enum) it binds to the 3-argument
                // MemoryExtensions.Contains(ReadOnlySpan<T>, T, IEqualityComparer<T>? comparer = null): a null comparer is default
                // equality, which SQL's IN matches; any other comparer is not translatable.
                source = node.Arguments[0];
                item = node.Arguments[1];
                if (node.Method.DeclaringType == typeof(MemoryExtensions))
                {
                    source = source switch
                    {
                        MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } conversion => conversion.Arguments[0],
                        UnaryExpression { NodeType: ExpressionType.Convert } conversion => conversion.Operand,
                        _ => source,
                    };
                    if (!typeof(IEnumerable).IsAssignableFrom(source.Type))
                    {
                        return false;
                    }
                }
            }
            else
            {
                return false;
            }

            return !DependsOnParameter(source) && typeof(IEnumerable).IsAssignableFrom(source.Type) && DependsOnParameter(item);
        }

        private static bool IsNullConstant(Expression node) =>
            node is ConstantExpression { Value: null } || (node is UnaryExpression { NodeType: ExpressionType.Convert } convert && IsNullConstant(convert.Operand));

        private void In(MethodCallExpression node, Expression source, Expression item, bool negated, StringBuilder sql)
        {
            var member = StripConversions(item);
            var column = RequireColumn(member);
            if (Evaluate(source) is not IEnumerable values)
            {
                throw new UntranslatableSpecificationException(node, "The collection is null.");
            }

            var q = column.QuotedName;
            var list = new StringBuilder();
            var hasNull = false;
            foreach (var value in values)
            {
                if (value is null)
                {
                    hasNull = true;
                    continue;
                }

                list.Append(list.Length == 0 ? string.Empty : ", ").Append(AddParameter(column.ToStored(value)));
            }

            if (list.Length == 0)
            {
                sql.Append(hasNull ? (negated ? q + " IS NOT NULL" : q + " IS NULL") : (negated ? "1 = 1" : "0 = 1"));
                return;
            }

            var nullable = CanBeNull(member);
            if (!negated)
            {
                var inList = q + " IN (" + list + ")";
                sql.Append(hasNull ? "(" + inList + " OR " + q + " IS NULL)" : inList);
            }
            else if (hasNull)
            {
                sql.Append('(').Append(q).Append(" NOT IN (").Append(list).Append(") AND ").Append(q).Append(" IS NOT NULL)");
            }
            else
            {
                AppendOrNull(sql, q + " NOT IN (" + list + ")", q, nullable);
            }
        }

        private static void AppendOrNull(StringBuilder sql, string condition, string quotedColumn, bool nullable)
        {
            if (nullable)
            {
                sql.Append('(').Append(condition).Append(" OR ").Append(quotedColumn).Append(" IS NULL)");
            }
            else
            {
                sql.Append(condition);
            }
        }
    }
}
