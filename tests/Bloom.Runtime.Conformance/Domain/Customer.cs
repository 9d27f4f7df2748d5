namespace Bloom.Runtime.Conformance.Domain;

/// <summary>A second aggregate, keyed by a long-backed id (so one commit can span two tables), with a nullable DateTimeOffset.</summary>
[Aggregate]
public sealed partial class Customer
{
    private Customer(CustomerNumber id, string name, EmailAddress email)
    {
        Id = id;
        Name = name;
        Email = email;
    }

    public CustomerNumber Id { get; private set; }

    public string Name { get; private set; }

    public EmailAddress Email { get; private set; }

    public DateTimeOffset? LastSeenAt { get; private set; }

    public static Customer Register(CustomerNumber id, string name, EmailAddress email) => new(id, name, email);

    public void Rename(string name) => Name = name;

    public void Seen(DateTimeOffset? at) => LastSeenAt = at;
}
