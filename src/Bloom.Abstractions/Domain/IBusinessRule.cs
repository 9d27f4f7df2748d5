namespace Bloom;

/// <summary>
/// A named business rule an aggregate checks before it changes state. Pass it to the generated
/// <c>CheckRule</c> helper, which throws <see cref="BusinessRuleViolationException"/> when it is broken.
/// </summary>
public interface IBusinessRule
{
    /// <summary>A short, stable name for the rule, e.g. <c>"OrderMustHaveLines"</c>.</summary>
    string Name { get; }

    /// <summary>What the rule requires, in words a user can act on.</summary>
    string Message { get; }

    /// <summary>Whether the rule holds for the current state.</summary>
    bool IsSatisfied();
}
