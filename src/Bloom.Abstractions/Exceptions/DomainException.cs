namespace Bloom;

/// <summary>
/// The base of every exception the domain model raises on purpose. Catch it to turn domain failures
/// into user-facing errors (for example ProblemDetails) without catching infrastructure faults.
/// </summary>
public class DomainException : Exception
{
    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    /// <param name="message">What happened and what to do about it.</param>
    public DomainException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What happened and what to do about it.</param>
    /// <param name="innerException">The cause.</param>
    public DomainException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
