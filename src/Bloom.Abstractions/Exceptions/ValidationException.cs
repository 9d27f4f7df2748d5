namespace Bloom;

/// <summary>
/// Thrown when input violates one or more validation rules of a value object (or any other domain type).
/// <see cref="Errors"/> lists every failed rule with its member name, not just the first.
/// </summary>
public sealed class ValidationException : DomainException
{
    /// <summary>Creates the exception for <paramref name="typeName"/> with every failed rule.</summary>
    /// <param name="typeName">The type whose rules failed, e.g. <c>"Money"</c>.</param>
    /// <param name="errors">Every failed rule; must not be empty.</param>
    public ValidationException(string typeName, IReadOnlyList<ValidationError> errors)
        : this(typeName, Copy(errors))
    {
    }

    private ValidationException(string typeName, ValidationError[] errors)
        : base(BuildMessage(typeName, errors))
    {
        TypeName = typeName;
        Errors = errors;
    }

    /// <summary>The type whose rules failed.</summary>
    public string TypeName { get; }

    /// <summary>Every failed rule, in the order the rules ran.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    // A private copy: the caller's list may change later, the exception must not.
    private static ValidationError[] Copy(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var copy = errors.ToArray();
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentException("The error list contains a null entry.", nameof(errors));
        }

        return copy;
    }

    private static string BuildMessage(string typeName, ValidationError[] errors)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        if (errors.Length == 0)
        {
            throw new ArgumentException("A ValidationException needs at least one error.", nameof(errors));
        }

        var rules = errors.Length == 1 ? "1 rule" : $"{errors.Length} rules";
        var lines = string.Join("; ", errors.Select(static e => e.ToString()));
        return $"Invalid {typeName}: {rules} failed ({lines}). Correct the input and create the {typeName} again.";
    }
}
