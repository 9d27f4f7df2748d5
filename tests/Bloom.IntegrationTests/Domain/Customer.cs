namespace Bloom.IntegrationTests.Domain;

/// <summary>An entity with a long-backed id; transient until it is given a number.</summary>
[Entity]
public sealed partial class Customer
{
    public Customer(CustomerNumber id, PersonName name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>A customer not yet stored: its number is still default (0).</summary>
    public static Customer Transient(PersonName name) => new(default, name);

    public CustomerNumber Id { get; private set; }

    public PersonName Name { get; private set; }

    public void AssignNumber(CustomerNumber number) => Id = number;

    public void Rename(PersonName name) => Name = name;
}
