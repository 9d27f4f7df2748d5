using System.Buffers;
using System.Text.Json;

namespace Bloom;

/// <summary>
/// Maps stable event type names to CLR types and their generated JSON code, in both directions, with no reflection.
/// Bloom generates one registry per assembly (<c>BloomDomainEvents.Registry</c> in the assembly's root namespace);
/// combine several with <see cref="Combine"/>.
/// </summary>
public sealed class DomainEventRegistry
{
    private readonly Dictionary<string, DomainEventType> _byName;
    private readonly Dictionary<Type, DomainEventType> _byType;

    /// <summary>Creates a registry over <paramref name="types"/>.</summary>
    /// <param name="types">The event types; names and CLR types must be unique.</param>
    /// <exception cref="ArgumentException">Two registrations share a name or a CLR type.</exception>
    public DomainEventRegistry(IEnumerable<DomainEventType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        _byName = new Dictionary<string, DomainEventType>(StringComparer.Ordinal);
        _byType = [];
        foreach (var type in types)
        {
            if (type is null)
            {
                throw new ArgumentException("The event type list contains a null entry.", nameof(types));
            }

            if (_byName.TryGetValue(type.Name, out var existing))
            {
                throw new ArgumentException(
                    $"Event types {existing.ClrType.FullName} and {type.ClrType.FullName} are both named '{type.Name}'. " +
                    "Give one of them a unique name with [DomainEvent(Name = \"...\")].", nameof(types));
            }

            if (!_byType.TryAdd(type.ClrType, type))
            {
                throw new ArgumentException($"Event type {type.ClrType.FullName} is registered twice.", nameof(types));
            }

            _byName.Add(type.Name, type);
        }

        Types = [.. _byName.Values];
    }

    /// <summary>Every registered event type.</summary>
    public IReadOnlyList<DomainEventType> Types { get; }

    /// <summary>Combines the registries of several assemblies into one.</summary>
    /// <param name="registries">The registries to combine.</param>
    /// <returns>A registry with every type of every input.</returns>
    /// <exception cref="ArgumentException">Two assemblies register the same name.</exception>
    public static DomainEventRegistry Combine(params DomainEventRegistry[] registries)
    {
        ArgumentNullException.ThrowIfNull(registries);
        return new DomainEventRegistry(registries.SelectMany(static r => r.Types));
    }

    /// <summary>Looks up an event type by its stable name.</summary>
    /// <param name="name">The stable name.</param>
    /// <param name="type">The registration, when found.</param>
    /// <returns>Whether the name is registered.</returns>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DomainEventType? type) =>
        _byName.TryGetValue(name, out type);

    /// <summary>Looks up an event type by its CLR type.</summary>
    /// <param name="clrType">The CLR type.</param>
    /// <param name="type">The registration, when found.</param>
    /// <returns>Whether the type is registered.</returns>
    public bool TryGet(Type clrType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DomainEventType? type) =>
        _byType.TryGetValue(clrType, out type);

    /// <summary>Gets an event type by its stable name.</summary>
    /// <param name="name">The stable name.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="KeyNotFoundException">The name is not registered.</exception>
    public DomainEventType Get(string name) => TryGet(name, out var type)
        ? type
        : throw new KeyNotFoundException(
            $"No domain event type is registered as '{name}'. Register the assembly that declares it (combine its BloomDomainEvents.Registry), " +
            "or keep the old name with [DomainEvent(Name = \"...\")] if the type was renamed.");

    /// <summary>Gets an event type by its CLR type.</summary>
    /// <param name="clrType">The CLR type.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="KeyNotFoundException">The type is not registered.</exception>
    public DomainEventType Get(Type clrType) => TryGet(clrType, out var type)
        ? type
        : throw new KeyNotFoundException(
            $"{clrType.FullName} is not a registered domain event. Mark it [DomainEvent] and make it partial, " +
            "and combine the registry of the assembly that declares it.");

    /// <summary>Serializes an event to UTF-8 JSON.</summary>
    /// <param name="domainEvent">The event.</param>
    /// <param name="options">Options for members Bloom does not serialize itself; <see cref="BloomJson.DefaultOptions"/> when null.</param>
    /// <returns>The registration used and the JSON bytes.</returns>
    public (DomainEventType Type, byte[] Json) Serialize(IDomainEvent domainEvent, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var type = Get(domainEvent.GetType());
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            type.Write(writer, domainEvent, options ?? BloomJson.DefaultOptions);
        }

        return (type, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Deserializes an event stored under <paramref name="name"/>.</summary>
    /// <param name="name">The stable event type name.</param>
    /// <param name="utf8Json">The JSON payload.</param>
    /// <param name="options">Options for members Bloom does not deserialize itself; <see cref="BloomJson.DefaultOptions"/> when null.</param>
    /// <returns>The event.</returns>
    public IDomainEvent Deserialize(string name, ReadOnlySpan<byte> utf8Json, JsonSerializerOptions? options = null)
    {
        var type = Get(name);
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new JsonException($"The payload of event '{name}' is empty; a stored event always has a JSON object as its payload.");
        }

        var reader = new Utf8JsonReader(utf8Json);
        reader.Read();
        try
        {
            return type.Read(ref reader, options ?? BloomJson.DefaultOptions);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or OverflowException)
        {
            // Utf8JsonReader reports a value of the wrong JSON type this way; callers expect a JsonException.
            throw new JsonException($"The payload of event '{name}' does not match {type.ClrType.Name}: {exception.Message}", exception);
        }
    }
}
