using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Bloom;

/// <summary>
/// A named, composable business predicate over <typeparamref name="T"/> (the Specification pattern).
/// Subclasses state the rule once, as an expression tree, so the same rule can be evaluated in memory
/// (<see cref="IsSatisfiedBy"/>) and translated to SQL by a repository adapter.
/// </summary>
/// <remarks>
/// <para>
/// Compose with <c>&amp;</c>, <c>|</c> and <c>!</c> (or <see cref="And"/>, <see cref="Or"/>, <see cref="Not"/>). Composition
/// rebinds the operands' lambda parameters to one parameter, so <see cref="ToExpression"/> of a composite is a single flat
/// lambda (no <see cref="InvocationExpression"/>) that a translator can walk directly. The composite nodes are also public
/// (<see cref="AndSpecification{T}"/>, <see cref="OrSpecification{T}"/>, <see cref="NotSpecification{T}"/>) for translators that
/// prefer walking the specification tree.
/// </para>
/// <para>
/// A specification must be immutable: its expression is built and compiled at most once per instance and then reused.
/// Values a specification needs (a customer id, a threshold) are passed to its constructor and read in
/// <see cref="ToExpression"/>; a translator turns them into SQL parameters.
/// </para>
/// </remarks>
/// <typeparam name="T">The type the rule is about, typically an aggregate root.</typeparam>
public abstract class Specification<T>
{
    private Func<T, bool>? _predicate;

    /// <summary>A specification every candidate satisfies (<c>_ =&gt; true</c>): the neutral element of <c>&amp;</c>.</summary>
    public static Specification<T> All { get; } = new ExpressionSpecification<T>(static _ => true);

    /// <summary>
    /// Returns the rule as an expression tree with exactly one parameter: the candidate.
    /// Translators read this tree; it must only use members the store maps when the specification is meant for SQL.
    /// </summary>
    /// <returns>The predicate expression.</returns>
    public abstract Expression<Func<T, bool>> ToExpression();

    /// <summary>
    /// Evaluates the rule in memory. The expression is compiled on the first call and the delegate is cached on this instance
    /// (thread-safe: concurrent first calls wait for one compile).
    /// </summary>
    /// <remarks>
    /// Compilation uses <see cref="Expression{TDelegate}.Compile(bool)"/>. Where dynamic code is not supported (NativeAOT),
    /// the expression is interpreted rather than compiled to IL: correct, but slower per call.
    /// </remarks>
    /// <param name="candidate">The value to test.</param>
    /// <returns><see langword="true"/> when <paramref name="candidate"/> satisfies the rule.</returns>
    public bool IsSatisfiedBy(T candidate)
    {
        var predicate = Volatile.Read(ref _predicate) ?? CompilePredicate();
        return predicate(candidate);
    }

    /// <summary>Returns a specification satisfied when both this one and <paramref name="other"/> are.</summary>
    /// <param name="other">The right-hand operand.</param>
    /// <returns>An <see cref="AndSpecification{T}"/>.</returns>
    public Specification<T> And(Specification<T> other) => new AndSpecification<T>(this, other);

    /// <summary>Returns a specification satisfied when this one or <paramref name="other"/> (or both) is.</summary>
    /// <param name="other">The right-hand operand.</param>
    /// <returns>An <see cref="OrSpecification{T}"/>.</returns>
    public Specification<T> Or(Specification<T> other) => new OrSpecification<T>(this, other);

    /// <summary>Returns a specification satisfied exactly when this one is not.</summary>
    /// <returns>A <see cref="NotSpecification{T}"/>.</returns>
    public Specification<T> Not() => new NotSpecification<T>(this);

    /// <summary>Creates an ad-hoc specification from a predicate expression, for rules too small to deserve a class.</summary>
    /// <param name="predicate">The rule; it must have one parameter, the candidate.</param>
    /// <returns>A specification whose <see cref="ToExpression"/> returns <paramref name="predicate"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is <see langword="null"/>.</exception>
    public static Specification<T> Where(Expression<Func<T, bool>> predicate) => new ExpressionSpecification<T>(predicate);

    /// <summary>Combines two specifications with a logical AND; see <see cref="And"/>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>An <see cref="AndSpecification{T}"/>.</returns>
    public static Specification<T> operator &(Specification<T> left, Specification<T> right) => new AndSpecification<T>(left, right);

    /// <summary>Combines two specifications with a logical OR; see <see cref="Or"/>.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>An <see cref="OrSpecification{T}"/>.</returns>
    public static Specification<T> operator |(Specification<T> left, Specification<T> right) => new OrSpecification<T>(left, right);

    /// <summary>Negates a specification; see <see cref="Not"/>.</summary>
    /// <param name="specification">The operand.</param>
    /// <returns>A <see cref="NotSpecification{T}"/>.</returns>
    public static Specification<T> operator !(Specification<T> specification) => new NotSpecification<T>(specification);

    /// <summary>
    /// Returns the specification's type name and its expression, e.g. <c>OpenOrders: o =&gt; (o.Status == Open)</c>
    /// (composites and <see cref="Where"/> specifications show the expression alone).
    /// </summary>
    /// <remarks>
    /// A specification that reads its own fields or constructor parameters captures itself in its expression. While an
    /// expression is being formatted, a specification met inside it prints as its full type name, so the text reads
    /// <c>value(Shop.Heavy).threshold</c> instead of recursing.
    /// </remarks>
    /// <returns>A readable description for logs and test failures.</returns>
    public override string ToString()
    {
        if (SpecificationFormatting.Depth > 0)
        {
            // Called back by ExpressionStringBuilder for a constant that is a specification (usually this one).
            return GetType().ToString();
        }

        SpecificationFormatting.Depth++;
        try
        {
            return Describe();
        }
        finally
        {
            SpecificationFormatting.Depth--;
        }
    }

    /// <summary>Formats the specification for <see cref="ToString"/>; called outside any other formatting.</summary>
    /// <returns>The description.</returns>
    private protected virtual string Describe() => $"{GetType().Name}: {ToExpression()}";

    private Func<T, bool> CompilePredicate()
    {
        // First use only: one lock for all specifications keeps instances small, and racing first callers wait for the one
        // compile instead of each compiling (and calling ToExpression) again.
        lock (SpecificationCompileGate.Gate)
        {
            if (_predicate is { } cached)
            {
                return cached;
            }

            var expression = ToExpression() ?? throw new InvalidOperationException(
                $"{GetType().Name}.ToExpression() returned null. Return the rule as an expression, for example 'x => x.IsActive'.");
            var compiled = expression.Compile(preferInterpretation: !RuntimeFeature.IsDynamicCodeSupported);
            Volatile.Write(ref _predicate, compiled);
            return compiled;
        }
    }
}

/// <summary>The lock first compiles of every specification share (compiling happens once per instance).</summary>
internal static class SpecificationCompileGate
{
    public static readonly object Gate = new();
}

/// <summary>Per-thread re-entrancy guard for <see cref="Specification{T}.ToString"/> (shared by every <c>T</c>).</summary>
internal static class SpecificationFormatting
{
    [ThreadStatic]
    private static int t_depth;

    public static int Depth
    {
        get => t_depth;
        set => t_depth = value;
    }
}
