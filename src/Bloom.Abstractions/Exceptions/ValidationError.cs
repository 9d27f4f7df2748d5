namespace Bloom;

/// <summary>One failed validation rule: the member it concerns and what is wrong with it.</summary>
/// <param name="MemberName">The member (property or constructor parameter) the rule checks.</param>
/// <param name="Message">What the rule requires, e.g. <c>"must not be negative"</c>.</param>
public sealed record ValidationError(string MemberName, string Message)
{
    /// <summary>Returns <c>"Member: message"</c>.</summary>
    public override string ToString() => $"{MemberName}: {Message}";
}
