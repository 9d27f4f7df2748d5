namespace Bloom;

/// <summary>Thrown when an operation would break a business rule of an aggregate; the aggregate is left unchanged.</summary>
public sealed class BusinessRuleViolationException : DomainException
{
    /// <summary>Creates the exception for the broken rule.</summary>
    /// <param name="ruleName">The rule's stable name, e.g. <c>"OrderMustHaveLines"</c>.</param>
    /// <param name="ruleMessage">What the rule requires.</param>
    public BusinessRuleViolationException(string ruleName, string ruleMessage)
        : base($"Business rule '{ruleName}' was violated: {ruleMessage}")
    {
        RuleName = ruleName;
        RuleMessage = ruleMessage;
    }

    /// <summary>The broken rule's stable name.</summary>
    public string RuleName { get; }

    /// <summary>What the rule requires.</summary>
    public string RuleMessage { get; }
}
