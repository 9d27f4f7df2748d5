using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bloom.Specifications;

/// <summary>
/// Translates a <see cref="Specification{T}"/> and an optional <see cref="PageRequest{T}"/> to a parameterised SQLite
/// <c>WHERE</c> predicate, <c>ORDER BY</c> and <c>LIMIT</c>/<c>OFFSET</c>, resolving every member through an
/// <see cref="ISpecificationMapping{T}"/>. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Supported: <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> between a mapped member and a value (either
/// side; enum and widening conversions the compiler inserts are looked through; user-defined operators such as those of
/// <see cref="DateTimeOffset"/> or strongly typed ids are allowed when both sides have the same type), <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c>, comparison with <see langword="null"/> (<c>IS NULL</c> / <c>IS NOT NULL</c>, also when a captured
/// value is null), bare <see cref="bool"/> members, constants, captured variables and member chains on captured objects
/// (each evaluated once, during translation, into a parameter), <see cref="string.StartsWith(string)"/>,
/// <see cref="string.EndsWith(string)"/> (also with <see cref="StringComparison.Ordinal"/>) and <see cref="string.Contains(string)"/>
/// (<c>LIKE @p ESCAPE '\'</c> with <c>%</c>, <c>_</c> and <c>\</c> escaped in the value), and collection
/// <c>Contains</c> (<c>IN (…)</c>; an empty collection is <c>0 = 1</c>).
/// </para>
/// <para>
/// Every value is a parameter (<c>@p0</c>, <c>@p1</c>, … in order); the SQL text holds only quoted mapped identifiers,
/// operators and keywords, so specifications of the same shape yield the same text (the text changes with the number of
/// items in an <c>IN</c> list and when a captured value is <see langword="null"/>, which selects <c>IS NULL</c>).
/// Anything else (method calls or arithmetic on members, member-to-member comparisons, unmapped members, nested lambdas
/// over the candidate) throws <see cref="UntranslatableSpecificationException"/> naming the expression, before any SQL exists.
/// </para>
/// <para>
/// Semantics follow C#: negation is pushed down to the comparisons (De Morgan), and a negated comparison on a member that can
/// be null also matches null, so <c>!(o.Note == "x")</c> includes rows whose note is null, as it does in memory.
/// </para>
/// <para>
/// String matching is ordinal. The SQLite adapter <b>must</b> run <c>PRAGMA case_sensitive_like = ON</c> on every connection,
/// because SQLite's <c>LIKE</c> is otherwise case-insensitive for ASCII. SQLite's <c>LIKE</c> stops at a NUL character, so a
/// <c>StartsWith</c>/<c>EndsWith</c>/<c>Contains</c> argument containing U+0000 is rejected as untranslatable rather than matched
/// wrongly, and so is a pattern longer than SQLite's default <c>SQLITE_LIMIT_LIKE_PATTERN_LENGTH</c> (50,000 bytes after escaping). <c>string.StartsWith(string)</c> and <c>EndsWith(string)</c> are culture-sensitive when evaluated in memory; prefer the
/// <see cref="StringComparison.Ordinal"/> overloads so memory and SQL agree.
/// </para>
/// </remarks>
public sealed class SqlSpecificationTranslator
{
    /// <summary>A shared instance (the translator holds no state).</summary>
    public static SqlSpecificationTranslator Default { get; } = new();

    /// <summary>Translates <paramref name="specification"/> (and <paramref name="page"/>) over <paramref name="mapping"/>.</summary>
    /// <typeparam name="T">The candidate type.</typeparam>
    /// <param name="specification">The specification.</param>
    /// <param name="mapping">The member-to-column whitelist.</param>
    /// <param name="page">The page and sort keys; <see langword="null"/> for no <c>ORDER BY</c>/<c>LIMIT</c>.</param>
    /// <returns>The SQL fragments and parameter values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="specification"/> or <paramref name="mapping"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The specification's <see cref="Specification{T}.ToExpression"/> returned <see langword="null"/>.</exception>
    /// <exception cref="UntranslatableSpecificationException">A construct, member or sort key cannot be translated.</exception>
    public SqlQuery Translate<T>(Specification<T> specification, ISpecificationMapping<T> mapping, PageRequest<T>? page = null)
    {
        ArgumentNullException.ThrowIfNull(specification);
        ArgumentNullException.ThrowIfNull(mapping);
        var lambda = specification.ToExpression() ?? throw new InvalidOperationException(
            $"{specification.GetType().Name}.ToExpression() returned null. Return the rule as an expression, for example 'x => x.IsActive'.");

        var context = new Context<T>(mapping, lambda.Parameters[0]);
        var where = new StringBuilder();
        context.Predicate(lambda.Body, negated: false, where);

        var tail = new StringBuilder();
        if (page is not null)
        {
            context.OrderBy(page, tail);
            if (tail.Length > 0)
            {
                tail.Append(' ');
            }

            tail.Append("LIMIT ").Append(context.AddParameter((long)page.Size))
                .Append(" OFFSET ").Append(context.AddParameter(page.Skip));
        }

        return new SqlQuery(where.ToString(), tail.ToString(), context.Parameters);
    }

    private sealed class Context<T>(ISpecificationMapping<T> mapping, ParameterExpression parameter)
    {
        private const int MaxLikePatternBytes = 50_000;

        public List<object?> Parameters { get; } = [];

        public string AddParameter(object? value)
        {
            Parameters.Add(value);
            return "@p" + (Parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        public void OrderBy(PageRequest<T> page, StringBuilder sql)
        {
            var keys = page.SortKeys;
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
                sql.Append(i == 0 ? "ORDER BY " : ", ").Append(column.QuotedName).Append(key.Descending ? " DESC" : " ASC");
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
            else if (node.Object is null && node.Arguments.Count == 2
                && (node.Method.DeclaringType == typeof(Enumerable) || node.Method.DeclaringType == typeof(MemoryExtensions)))
            {
                // Enumerable.Contains(source, item); with C# 14 first-class spans an array's Contains binds to
                // MemoryExtensions.Contains(ReadOnlySpan<T>, T) over an implicit array-to-span conversion: look through it.
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

        private SqlColumn RequireColumn(Expression member) =>
            ResolveMember(member, parameter, member)
            ?? throw new UntranslatableSpecificationException(member, "Only mapped members of the candidate can be translated; this expression is not a mapped member (a method call, arithmetic or an unmapped member).");

        private SqlColumn? ResolveMember(Expression node, ParameterExpression root, Expression reported)
        {
            var path = new List<string>();
            var current = node;
            while (current is MemberExpression access)
            {
                path.Add(access.Member.Name);
                current = access.Expression;
            }

            if (current != root || path.Count == 0)
            {
                return null;
            }

            path.Reverse();
            var memberPath = string.Join('.', path);
            if (!mapping.TryGetColumn(memberPath, out var column) || column is null)
            {
                throw new UntranslatableSpecificationException(reported, $"The member '{memberPath}' is not mapped to a column of '{mapping.Table}'.");
            }

            return column;
        }

        private bool DependsOnParameter(Expression node) => ParameterFinder.Finds(node, parameter);

        private static object? Evaluate(Expression node)
        {
            if (node is ConstantExpression constant)
            {
                return constant.Value;
            }

            // Evaluated once per translation: interpretation avoids emitting IL for a delegate that runs a single time.
            return Expression.Lambda<Func<object?>>(Expression.Convert(node, typeof(object))).Compile(preferInterpretation: true)();
        }

        private static bool CanBeNull(Expression member) =>
            !member.Type.IsValueType || Nullable.GetUnderlyingType(member.Type) is not null;

        /// <summary>Looks through conversions that do not change a value's meaning: enum to its underlying type, T to T?, widening integral.</summary>
        private static Expression StripConversions(Expression node)
        {
            while (node is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Method: null } convert
                && IsLossless(convert.Operand.Type, convert.Type))
            {
                node = convert.Operand;
            }

            return node;
        }

        private static bool IsLossless(Type from, Type to)
        {
            from = Nullable.GetUnderlyingType(from) ?? from;
            to = Nullable.GetUnderlyingType(to) ?? to;
            if (from.IsEnum)
            {
                from = from.GetEnumUnderlyingType();
            }

            if (to.IsEnum)
            {
                to = to.GetEnumUnderlyingType();
            }

            return from == to || IntegralRank(from) is var (fromSigned, fromBits) && IntegralRank(to) is var (toSigned, toBits)
                && fromBits > 0 && toBits > 0
                && ((fromSigned == toSigned && toBits >= fromBits) || (!fromSigned && toSigned && toBits > fromBits));
        }

        private static (bool Signed, int Bits) IntegralRank(Type type) =>
            type == typeof(sbyte) ? (true, 8) :
            type == typeof(byte) ? (false, 8) :
            type == typeof(short) ? (true, 16) :
            type == typeof(ushort) ? (false, 16) :
            type == typeof(char) ? (false, 16) :
            type == typeof(int) ? (true, 32) :
            type == typeof(uint) ? (false, 32) :
            type == typeof(long) ? (true, 64) :
            type == typeof(ulong) ? (false, 64) :
            (false, 0);

        private static ExpressionType Flip(ExpressionType op) => op switch
        {
            ExpressionType.LessThan => ExpressionType.GreaterThan,
            ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
            ExpressionType.GreaterThan => ExpressionType.LessThan,
            ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
            _ => op,
        };

        // Negated ordering operators are encoded as distinct values so the null handling can tell them apart.
        private const ExpressionType NotLessThan = (ExpressionType)1001;
        private const ExpressionType NotLessThanOrEqual = (ExpressionType)1002;
        private const ExpressionType NotGreaterThan = (ExpressionType)1003;
        private const ExpressionType NotGreaterThanOrEqual = (ExpressionType)1004;

        private static ExpressionType Negate(ExpressionType op) => op switch
        {
            ExpressionType.Equal => ExpressionType.NotEqual,
            ExpressionType.NotEqual => ExpressionType.Equal,
            ExpressionType.LessThan => NotLessThan,
            ExpressionType.LessThanOrEqual => NotLessThanOrEqual,
            ExpressionType.GreaterThan => NotGreaterThan,
            _ => NotGreaterThanOrEqual,
        };

        private static bool IsNegatedOrdering(ExpressionType op) => op is NotLessThan or NotLessThanOrEqual or NotGreaterThan or NotGreaterThanOrEqual;

        private static string Operator(ExpressionType op) => op switch
        {
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.GreaterThan => ">",
            ExpressionType.GreaterThanOrEqual => ">=",
            NotLessThan => ">=",
            NotLessThanOrEqual => ">",
            NotGreaterThan => "<=",
            _ => "<",
        };
    }

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        private bool _found;

        public static bool Finds(Expression node, ParameterExpression parameter)
        {
            if (node is ConstantExpression)
            {
                return false;
            }

            if (node == parameter)
            {
                return true;
            }

            var finder = new ParameterFinder(parameter);
            finder.Visit(node);
            return finder._found;
        }

        public override Expression? Visit(Expression? node) => _found ? node : base.Visit(node);

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node == parameter)
            {
                _found = true;
            }

            return node;
        }
    }
}
