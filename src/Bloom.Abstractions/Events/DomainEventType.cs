using System.Text.Json;

namespace Bloom;

/// <summary>Writes a domain event's payload as JSON; generated per event type, no reflection.</summary>
/// <param name="writer">The writer to write the JSON object to.</param>
/// <param name="domainEvent">The event; its runtime type is the registered type.</param>
/// <param name="options">Options used only for members Bloom does not serialize itself.</param>
public delegate void DomainEventWriter(Utf8JsonWriter writer, IDomainEvent domainEvent, JsonSerializerOptions options);

/// <summary>Reads a domain event's payload from JSON; generated per event type, no reflection.</summary>
/// <param name="reader">A reader positioned on the payload's start-object token.</param>
/// <param name="options">Options used only for members Bloom does not deserialize itself.</param>
/// <returns>The event.</returns>
public delegate IDomainEvent DomainEventReader(ref Utf8JsonReader reader, JsonSerializerOptions options);

/// <summary>One registered domain event type: its stable name, schema version, CLR type and generated JSON code.</summary>
public sealed class DomainEventType
{
    private readonly DomainEventWriter _write;
    private readonly DomainEventReader _read;

    /// <summary>Creates the registration; generated code calls this.</summary>
    /// <param name="name">The stable event type name stored with the event.</param>
    /// <param name="schemaVersion">The payload's schema version (1 or more).</param>
    /// <param name="clrType">The event's CLR type.</param>
    /// <param name="write">The generated JSON writer.</param>
    /// <param name="read">The generated JSON reader.</param>
    public DomainEventType(string name, int schemaVersion, Type clrType, DomainEventWriter write, DomainEventReader read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        Name = name;
        SchemaVersion = schemaVersion;
        ClrType = clrType ?? throw new ArgumentNullException(nameof(clrType));
        if (!typeof(IDomainEvent).IsAssignableFrom(clrType))
        {
            throw new ArgumentException($"{clrType.FullName} does not implement IDomainEvent; mark it [DomainEvent] and make it partial.", nameof(clrType));
        }

        _write = write ?? throw new ArgumentNullException(nameof(write));
        _read = read ?? throw new ArgumentNullException(nameof(read));
    }

    /// <summary>The stable event type name.</summary>
    public string Name { get; }

    /// <summary>The payload's schema version.</summary>
    public int SchemaVersion { get; }

    /// <summary>The event's CLR type.</summary>
    public Type ClrType { get; }

    /// <summary>Writes <paramref name="domainEvent"/> as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="domainEvent">The event, of type <see cref="ClrType"/>.</param>
    /// <param name="options">Options for members Bloom does not serialize itself.</param>
    public void Write(Utf8JsonWriter writer, IDomainEvent domainEvent, JsonSerializerOptions options) => _write(writer, domainEvent, options);

    /// <summary>Reads an event of this type from a reader positioned on its start-object token.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="options">Options for members Bloom does not deserialize itself.</param>
    /// <returns>The event.</returns>
    public IDomainEvent Read(ref Utf8JsonReader reader, JsonSerializerOptions options) => _read(ref reader, options);

    /// <summary>Returns <c>"Name v{SchemaVersion} (ClrTypeName)"</c>.</summary>
    public override string ToString() => $"{Name} v{SchemaVersion} ({ClrType.Name})";
}
