namespace Bloom;

/// <summary>
/// Thrown by a repository adapter when a specification's expression cannot be translated to the store's query language
/// (for SQL: a call, member or operator with no SQL equivalent, or a member the aggregate's table does not map).
/// It is thrown while translating, before any query runs, so nothing was read or written.
/// </summary>
public sealed class UntranslatableSpecificationException : DomainException
{
    /// <summary>Creates the exception for an expression the adapter cannot translate.</summary>
    /// <param name="expression">The offending expression (or sub-expression), as text, e.g. <c>o.Lines.Sum(l =&gt; l.Quantity)</c>.</param>
    /// <param name="reason">Why it cannot be translated, e.g. <c>"method Sum is not supported"</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public UntranslatableSpecificationException(string expression, string reason)
        : base(BuildMessage(expression, reason))
    {
        Expression = expression;
        Reason = reason;
    }

    /// <summary>Creates the exception for an expression node the adapter cannot translate.</summary>
    /// <param name="expression">The offending expression node; its text is stored in <see cref="Expression"/>.</param>
    /// <param name="reason">Why it cannot be translated.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public UntranslatableSpecificationException(System.Linq.Expressions.Expression expression, string reason)
        : this((expression ?? throw new ArgumentNullException(nameof(expression))).ToString(), reason)
    {
    }

    /// <summary>The text of the expression that could not be translated.</summary>
    public string Expression { get; }

    /// <summary>Why the expression could not be translated.</summary>
    public string Reason { get; }

    private static string BuildMessage(string expression, string reason)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(reason);
        return $"The specification expression '{expression}' cannot be translated to a query: {reason}. " +
               "Nothing was read. Rewrite the specification using mapped members and supported operations " +
               "(comparisons, &&, ||, !, null checks, string StartsWith/EndsWith/Contains, collection Contains), " +
               "or load the candidates and filter them in memory with IsSatisfiedBy.";
    }
}
