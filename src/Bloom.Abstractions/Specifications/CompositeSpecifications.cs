using System.Linq.Expressions;

namespace Bloom;

/// <summary>
/// A specification built from other specifications. Its expression is composed once, on first use, and cached;
/// the operands' parameters are rebound to a single parameter so the result is one flat lambda.
/// </summary>
/// <typeparam name="T">The candidate type.</typeparam>
public abstract class CompositeSpecification<T> : Specification<T>
{
    private Expression<Func<T, bool>>? _expression;

    /// <summary>Prevents derivation outside this assembly; the composites are a closed set a translator can switch over.</summary>
    private protected CompositeSpecification()
    {
    }

    /// <summary>Returns the composed expression: one lambda with one parameter and no invocation of the operands' lambdas.</summary>
    /// <returns>The composed predicate expression (the same instance on every call).</returns>
    public sealed override Expression<Func<T, bool>> ToExpression()
    {
        var expression = Volatile.Read(ref _expression);
        if (expression is not null)
        {
            return expression;
        }

        var composed = Compose();
        return Interlocked.CompareExchange(ref _expression, composed, null) ?? composed;
    }

    /// <summary>Formats the composed expression, e.g. <c>o =&gt; ((o.Total &gt; 10) AndAlso Not(o.Flagged))</c>.</summary>
    /// <returns>The expression's text.</returns>
    private protected sealed override string Describe() => ToExpression().ToString();

    /// <summary>Builds the composed expression; called at most a few times per instance.</summary>
    /// <returns>The composed expression.</returns>
    private protected abstract Expression<Func<T, bool>> Compose();

    /// <summary>Gets an operand's expression, failing clearly when a user specification returned null.</summary>
    private protected static Expression<Func<T, bool>> OperandExpression(Specification<T> operand) =>
        operand.ToExpression() ?? throw new InvalidOperationException(
            $"{operand.GetType().Name}.ToExpression() returned null. Return the rule as an expression, for example 'x => x.IsActive'.");

    /// <summary>Combines two operand lambdas with <paramref name="combine"/> over the left lambda's parameter.</summary>
    private protected static Expression<Func<T, bool>> Combine(
        Specification<T> left, Specification<T> right, Func<Expression, Expression, BinaryExpression> combine)
    {
        var leftExpression = OperandExpression(left);
        var rightExpression = OperandExpression(right);
        var parameter = leftExpression.Parameters[0];
        var rightBody = ParameterRebinder.Rebind(rightExpression.Body, rightExpression.Parameters[0], parameter);
        return Expression.Lambda<Func<T, bool>>(combine(leftExpression.Body, rightBody), parameter);
    }
}

/// <summary>Satisfied when both <see cref="Left"/> and <see cref="Right"/> are (<c>&amp;&amp;</c>, short-circuiting).</summary>
/// <typeparam name="T">The candidate type.</typeparam>
public sealed class AndSpecification<T> : CompositeSpecification<T>
{
    /// <summary>Creates the conjunction of two specifications.</summary>
    /// <param name="left">The left operand, evaluated first.</param>
    /// <param name="right">The right operand.</param>
    /// <exception cref="ArgumentNullException">An operand is <see langword="null"/>.</exception>
    public AndSpecification(Specification<T> left, Specification<T> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Left = left;
        Right = right;
    }

    /// <summary>The left operand.</summary>
    public Specification<T> Left { get; }

    /// <summary>The right operand.</summary>
    public Specification<T> Right { get; }

    private protected override Expression<Func<T, bool>> Compose() => Combine(Left, Right, Expression.AndAlso);
}

/// <summary>Satisfied when <see cref="Left"/> or <see cref="Right"/> (or both) is (<c>||</c>, short-circuiting).</summary>
/// <typeparam name="T">The candidate type.</typeparam>
public sealed class OrSpecification<T> : CompositeSpecification<T>
{
    /// <summary>Creates the disjunction of two specifications.</summary>
    /// <param name="left">The left operand, evaluated first.</param>
    /// <param name="right">The right operand.</param>
    /// <exception cref="ArgumentNullException">An operand is <see langword="null"/>.</exception>
    public OrSpecification(Specification<T> left, Specification<T> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Left = left;
        Right = right;
    }

    /// <summary>The left operand.</summary>
    public Specification<T> Left { get; }

    /// <summary>The right operand.</summary>
    public Specification<T> Right { get; }

    private protected override Expression<Func<T, bool>> Compose() => Combine(Left, Right, Expression.OrElse);
}

/// <summary>Satisfied exactly when <see cref="Inner"/> is not (<c>!</c>).</summary>
/// <typeparam name="T">The candidate type.</typeparam>
public sealed class NotSpecification<T> : CompositeSpecification<T>
{
    /// <summary>Creates the negation of a specification.</summary>
    /// <param name="inner">The specification to negate.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is <see langword="null"/>.</exception>
    public NotSpecification(Specification<T> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The negated specification.</summary>
    public Specification<T> Inner { get; }

    private protected override Expression<Func<T, bool>> Compose()
    {
        var inner = OperandExpression(Inner);
        return Expression.Lambda<Func<T, bool>>(Expression.Not(inner.Body), inner.Parameters);
    }
}

/// <summary>An ad-hoc specification around a predicate expression (see <see cref="Specification{T}.Where"/>).</summary>
/// <typeparam name="T">The candidate type.</typeparam>
internal sealed class ExpressionSpecification<T> : Specification<T>
{
    private readonly Expression<Func<T, bool>> _predicate;

    public ExpressionSpecification(Expression<Func<T, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _predicate = predicate;
    }

    public override Expression<Func<T, bool>> ToExpression() => _predicate;

    private protected override string Describe() => _predicate.ToString();
}

/// <summary>Replaces one parameter with another throughout an expression (used to merge operand lambdas).</summary>
internal sealed class ParameterRebinder : ExpressionVisitor
{
    private readonly ParameterExpression _from;
    private readonly ParameterExpression _to;

    private ParameterRebinder(ParameterExpression from, ParameterExpression to)
    {
        _from = from;
        _to = to;
    }

    public static Expression Rebind(Expression body, ParameterExpression from, ParameterExpression to) =>
        ReferenceEquals(from, to) ? body : new ParameterRebinder(from, to).Visit(body);

    protected override Expression VisitParameter(ParameterExpression node) => ReferenceEquals(node, _from) ? _to : node;
}
