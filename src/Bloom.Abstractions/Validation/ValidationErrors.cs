namespace Bloom;

/// <summary>
/// Collects failed validation rules without allocating until the first failure. A value object's
/// <c>Validate(ref ValidationErrors errors, ...)</c> method adds to it; the generated code throws
/// <see cref="ValidationException"/> with every collected error, or hands them to <c>TryCreate</c>.
/// </summary>
/// <remarks>A mutable struct: always pass it by <see langword="ref"/>.</remarks>
public struct ValidationErrors
{
    private List<ValidationError>? _errors;

    /// <summary>Whether any rule failed.</summary>
    public readonly bool HasErrors => _errors is { Count: > 0 };

    /// <summary>How many rules failed.</summary>
    public readonly int Count => _errors?.Count ?? 0;

    /// <summary>Records a failed rule.</summary>
    /// <param name="memberName">The member the rule checks; use <c>nameof</c>.</param>
    /// <param name="message">What the rule requires, e.g. <c>"must not be negative"</c>.</param>
    public void Add(string memberName, string message) => (_errors ??= []).Add(new ValidationError(memberName, message));

    /// <summary>Records a failed rule when <paramref name="condition"/> is <see langword="false"/>.</summary>
    /// <param name="condition">The rule; <see langword="true"/> when it holds.</param>
    /// <param name="memberName">The member the rule checks.</param>
    /// <param name="message">What the rule requires.</param>
    /// <returns><paramref name="condition"/>, so checks can be chained.</returns>
    public bool Ensure(bool condition, string memberName, string message)
    {
        if (!condition)
        {
            Add(memberName, message);
        }

        return condition;
    }

    /// <summary>The failed rules, in the order they were added (empty when none failed).</summary>
    public readonly IReadOnlyList<ValidationError> ToList() => _errors is null ? [] : _errors.ToArray();

    /// <summary>Throws <see cref="ValidationException"/> listing every failed rule, if any failed.</summary>
    /// <param name="typeName">The validated type's name, used in the message.</param>
    /// <exception cref="ValidationException">At least one rule failed.</exception>
    public readonly void ThrowIfAny(string typeName)
    {
        if (_errors is { Count: > 0 })
        {
            throw new ValidationException(typeName, _errors.ToArray());
        }
    }
}
