using Bloom.Roslyn;

namespace Bloom.Generators.Tests;

/// <summary>EquatableArray is what makes collection-holding models cache; hand-rolled equality has bitten others (CONVENTIONS.md 4.3).</summary>
public sealed class EquatableArrayTests
{
    [Test]
    public void Equal_contents_are_equal_with_equal_hashes()
    {
        var a = new[] { "a", "b" }.ToEquatableArray();
        var b = new List<string> { "a", "b" }.ToEquatableArray();
        Assert.Multiple(() =>
        {
            Assert.That(a.Equals(b), Is.True);
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        });
    }

    [Test]
    public void Different_contents_or_order_are_not_equal()
    {
        var a = new[] { "a", "b" }.ToEquatableArray();
        Assert.Multiple(() =>
        {
            Assert.That(a.Equals(new[] { "b", "a" }.ToEquatableArray()), Is.False);
            Assert.That(a.Equals(new[] { "a" }.ToEquatableArray()), Is.False);
            Assert.That(a != new[] { "a", "c" }.ToEquatableArray(), Is.True);
        });
    }

    [Test]
    public void Default_and_empty_are_equal()
    {
        var empty = Array.Empty<string>().ToEquatableArray();
        Assert.Multiple(() =>
        {
            Assert.That(default(EquatableArray<string>).Equals(empty), Is.True);
            Assert.That(default(EquatableArray<string>).GetHashCode(), Is.EqualTo(empty.GetHashCode()));
            Assert.That(default(EquatableArray<string>).Count, Is.Zero);
            Assert.That(default(EquatableArray<string>).IsEmpty, Is.True);
            Assert.That(default(EquatableArray<string>).ToList(), Is.Empty);
        });
    }

    [Test]
    public void Object_Equals_uses_value_equality_and_does_not_recurse()
    {
        object boxed = new[] { "x" }.ToEquatableArray();
        Assert.Multiple(() =>
        {
            Assert.That(boxed.Equals(new[] { "x" }.ToEquatableArray()), Is.True);
            Assert.That(boxed.Equals("x"), Is.False);
            Assert.That(boxed.Equals(null), Is.False);
        });
    }
}
