using System.ComponentModel;

namespace Bloom.Messaging;

/// <summary>
/// Written by the generator into an assembly that hosts event handlers, naming its generated <c>BloomEventHandlers</c> class
/// (static <c>Descriptors</c> and <c>AddHandlers</c>), so the generated <c>AddBloom</c> of this or a downstream project registers
/// them without scanning types (DESIGN §6). Not for use in hand-written code.
/// </summary>
/// <param name="handlers">The generated <c>BloomEventHandlers</c> class.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class BloomEventHandlersAttribute(Type handlers) : Attribute
{
    /// <summary>The generated <c>BloomEventHandlers</c> class.</summary>
    public Type Handlers { get; } = handlers;
}
