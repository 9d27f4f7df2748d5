using Bloom;

namespace Shop.Domain.Catalog;

/// <summary>Identifies a <see cref="Category"/>.</summary>
[StronglyTypedId(IdBacking.String)]
public readonly partial struct CategoryId;

/// <summary>A catalogue category (its unit-of-work property is <c>Categories</c>).</summary>
[Aggregate]
public sealed partial class Category
{
    /// <summary>The category's id, a natural key such as <c>books</c>.</summary>
    public CategoryId Id { get; private set; }

    /// <summary>The display name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Creates a category.</summary>
    /// <param name="id">Its key.</param>
    /// <param name="name">Its display name.</param>
    /// <returns>The category, not stored yet.</returns>
    public static Category Create(CategoryId id, string name) => new() { Id = id, Name = name };

    /// <summary>Renames the category.</summary>
    /// <param name="name">The new display name.</param>
    public void Rename(string name) => Name = name;
}
