using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bloom.Specifications;

public sealed partial class SqlSpecificationTranslator
{
    /// <summary>Member resolution, captured-value evaluation and type rules for <see cref="Context{T}"/>.</summary>
    private sealed partial class Context<T>
    {
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

            // The common case: a captured variable, i.e. a field (or a chain of fields/properties) of the closure object the C#
            // compiler put in a constant. Read it directly; the interpreter below would do the same reads, ~50x slower.
            if (node is MemberExpression member && TryReadMember(member, out var value))
            {
                return value;
            }

            // Evaluated once per translation: interpretation avoids emitting IL for a delegate that runs a single time.
            return Expression.Lambda<Func<object?>>(Expression.Convert(node, typeof(object))).Compile(preferInterpretation: true)();
        }

        private static bool TryReadMember(MemberExpression node, out object? value)
        {
            object? target = null;
            switch (node.Expression)
            {
                case null:
                    break; // a static member
                case ConstantExpression constant:
                    target = constant.Value;
                    break;
                case MemberExpression inner when TryReadMember(inner, out var innerValue):
                    target = innerValue;
                    break;
                default:
                    value = null;
                    return false;
            }

            if (node.Expression is not null && target is null)
            {
                value = null;
                return false; // let the interpreter raise the NullReferenceException the C# would
            }

            switch (node.Member)
            {
                case System.Reflection.FieldInfo field:
                    value = field.GetValue(target);
                    return true;
                case System.Reflection.PropertyInfo { GetMethod: not null } property when property.GetIndexParameters().Length == 0:
                    try
                    {
                        value = property.GetValue(target);
                    }
                    catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                        throw;
                    }

                    return true;
                default:
                    value = null;
                    return false;
            }
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
