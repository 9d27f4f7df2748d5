using System.Collections.Immutable;

namespace Bloom.Abstractions.Tests;

[TestFixture]
public sealed class ValueObjectEqualityTests
{
    private const int Seed = 20_240_517;

    private static IEnumerable<T> Lazy<T>(params T[] values)
    {
        foreach (var value in values)
        {
            yield return value;
        }
    }

    // ----- arrays -----

    [Test]
    public void Arrays_compare_by_content_in_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.ArrayEqual(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }), Is.True);
            Assert.That(ValueObjectEquality.ArrayEqual(new[] { 1, 2, 3 }, new[] { 3, 2, 1 }), Is.False);
            Assert.That(ValueObjectEquality.ArrayEqual(new[] { 1, 2 }, new[] { 1, 2, 3 }), Is.False);
            Assert.That(ValueObjectEquality.ArrayEqual(new[] { "a", null }, new[] { "a", null }), Is.True);
            Assert.That(ValueObjectEquality.ArrayEqual(new[] { "a", null }, new[] { "a", "b" }), Is.False);
            Assert.That(ValueObjectEquality.ArrayEqual(new[] { double.NaN }, new[] { double.NaN }), Is.True, "like record equality, NaN equals NaN");
        });
    }

    [Test]
    public void Arrays_handle_null_and_empty()
    {
        int[] same = [1];
        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.ArrayEqual<int>(null, null), Is.True);
            Assert.That(ValueObjectEquality.ArrayEqual(null, Array.Empty<int>()), Is.False);
            Assert.That(ValueObjectEquality.ArrayEqual(Array.Empty<int>(), null), Is.False);
            Assert.That(ValueObjectEquality.ArrayEqual(Array.Empty<int>(), new int[0]), Is.True);
            Assert.That(ValueObjectEquality.ArrayEqual(same, same), Is.True);
            Assert.That(ValueObjectEquality.ArrayHash<int>(null), Is.Zero);
            Assert.That(ValueObjectEquality.ArrayHash(Array.Empty<int>()), Is.EqualTo(ValueObjectEquality.ArrayHash(new int[0])));
        });
    }

    // ----- lists -----

    [Test]
    public void Lists_compare_by_content_in_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.ListEqual(new List<string> { "a", "b" }, ["a", "b"]), Is.True);
            Assert.That(ValueObjectEquality.ListEqual(new List<string> { "a", "b" }, ["b", "a"]), Is.False);
            Assert.That(ValueObjectEquality.ListEqual(new List<string> { "a" }, ["a", "a"]), Is.False);
            Assert.That(ValueObjectEquality.ListEqual<string>(null, null), Is.True);
            Assert.That(ValueObjectEquality.ListEqual(null, new List<string>()), Is.False);
            Assert.That(ValueObjectEquality.ListEqual(new List<string>(), []), Is.True);
            Assert.That(ValueObjectEquality.ListHash<string>(null), Is.Zero);
            Assert.That(ValueObjectEquality.ListHash(new List<string?> { "a", null }), Is.EqualTo(ValueObjectEquality.ArrayHash(new[] { "a", null })));
        });
    }

    [Test]
    public void A_list_hashes_like_an_array_with_the_same_elements()
    {
        Assert.That(ValueObjectEquality.ListHash(new List<int> { 4, 5, 6 }), Is.EqualTo(ValueObjectEquality.ArrayHash(new[] { 4, 5, 6 })));
    }

    // ----- immutable arrays -----

    [Test]
    public void Immutable_arrays_compare_by_content_and_default_equals_only_default()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(ImmutableArray.Create(1, 2), ImmutableArray.Create(1, 2)), Is.True);
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(ImmutableArray.Create(1, 2), ImmutableArray.Create(2, 1)), Is.False);
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(default(ImmutableArray<int>), default), Is.True);
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(default, ImmutableArray<int>.Empty), Is.False);
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(ImmutableArray<int>.Empty, default), Is.False);
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(ImmutableArray<int>.Empty, ImmutableArray.Create<int>()), Is.True);
            Assert.That(ValueObjectEquality.ImmutableArrayHash(default(ImmutableArray<int>)), Is.Zero);
            Assert.That(ValueObjectEquality.ImmutableArrayHash(ImmutableArray.Create(7, 8)), Is.EqualTo(ValueObjectEquality.ArrayHash(new[] { 7, 8 })));
        });
    }

    // ----- sequences -----

    [Test]
    public void Sequences_compare_in_order_across_collection_kinds()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.SequenceEqual(new[] { 1, 2, 3 }, new List<int> { 1, 2, 3 }), Is.True);
            Assert.That(ValueObjectEquality.SequenceEqual(Lazy(1, 2, 3), new[] { 1, 2, 3 }), Is.True);
            Assert.That(ValueObjectEquality.SequenceEqual(Lazy(1, 2, 3), Lazy(1, 2, 3)), Is.True);
            Assert.That(ValueObjectEquality.SequenceEqual(new[] { 1, 2, 3 }, new[] { 1, 3, 2 }), Is.False);
            Assert.That(ValueObjectEquality.SequenceEqual(Lazy(1, 2, 3), Lazy(3, 2, 1)), Is.False);
            Assert.That(ValueObjectEquality.SequenceEqual(new[] { 1, 2 }, new[] { 1, 2, 3 }), Is.False);
            Assert.That(ValueObjectEquality.SequenceEqual(Lazy(1, 2), new[] { 1, 2, 3 }), Is.False);
            Assert.That(ValueObjectEquality.SequenceEqual(new[] { "x", null }, new List<string?> { "x", null }), Is.True);
        });
    }

    [Test]
    public void Sequences_handle_null_and_empty()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.SequenceEqual<int>(null, null), Is.True);
            Assert.That(ValueObjectEquality.SequenceEqual(null, Array.Empty<int>()), Is.False);
            Assert.That(ValueObjectEquality.SequenceEqual(Lazy<int>(), Array.Empty<int>()), Is.True);
            Assert.That(ValueObjectEquality.SequenceHash<int>(null), Is.Zero);
            Assert.That(ValueObjectEquality.SequenceHash(Lazy<int>()), Is.EqualTo(ValueObjectEquality.SequenceHash(new List<int>())));
        });
    }

    [Test]
    public void A_sequence_hashes_the_same_whatever_collection_holds_it()
    {
        var expected = ValueObjectEquality.SequenceHash(new[] { 3, 1, 2 });

        Assert.That(ValueObjectEquality.SequenceHash(new List<int> { 3, 1, 2 }), Is.EqualTo(expected));
        Assert.That(ValueObjectEquality.SequenceHash(Lazy(3, 1, 2)), Is.EqualTo(expected));
        Assert.That(ValueObjectEquality.SequenceHash(ImmutableList.Create(3, 1, 2)), Is.EqualTo(expected));
        Assert.That(ValueObjectEquality.SequenceHash(new[] { 1, 2, 3 }), Is.Not.EqualTo(expected), "order matters for sequences");
    }

    // ----- sets -----

    [Test]
    public void Sets_compare_by_membership_ignoring_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.SetEqual(new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 3, 2, 1 }), Is.True);
            Assert.That(ValueObjectEquality.SetEqual(new HashSet<int> { 1, 2, 3 }, new SortedSet<int> { 3, 1, 2 }), Is.True);
            Assert.That(ValueObjectEquality.SetEqual(new HashSet<int> { 1, 2, 3 }, ImmutableHashSet.Create(2, 3, 1)), Is.True);
            Assert.That(ValueObjectEquality.SetEqual(new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 1, 2, 4 }), Is.False);
            Assert.That(ValueObjectEquality.SetEqual(new HashSet<int> { 1, 2 }, new HashSet<int> { 1, 2, 3 }), Is.False);
            Assert.That(ValueObjectEquality.SetEqual(new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 1, 2 }), Is.False);
            Assert.That(ValueObjectEquality.SetEqual<int>(null, null), Is.True);
            Assert.That(ValueObjectEquality.SetEqual(null, new HashSet<int>()), Is.False);
            Assert.That(ValueObjectEquality.SetEqual(new HashSet<int>(), new HashSet<int>()), Is.True);
            Assert.That(ValueObjectEquality.SetHash<int>(null), Is.Zero);
        });
    }

    [Test]
    public void Sets_with_the_same_members_hash_alike_whatever_the_insertion_order_or_kind()
    {
        var a = new HashSet<string?> { "rose", "tulip", null };
        var b = new HashSet<string?> { null, "tulip", "rose" };
        var c = ImmutableHashSet.Create("tulip", null, "rose");

        Assert.That(ValueObjectEquality.SetHash(a), Is.EqualTo(ValueObjectEquality.SetHash(b)));
        Assert.That(ValueObjectEquality.SetHash(a), Is.EqualTo(ValueObjectEquality.SetHash<string?>(c)));
        Assert.That(ValueObjectEquality.SetEqual(a, b), Is.True);
    }

    // ----- dictionaries -----

    [Test]
    public void Dictionaries_compare_entries_ignoring_order()
    {
        var left = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };

        Assert.Multiple(() =>
        {
            Assert.That(ValueObjectEquality.DictionaryEqual(left, new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 }), Is.True);
            Assert.That(ValueObjectEquality.DictionaryEqual(left, new SortedDictionary<string, int> { ["b"] = 2, ["a"] = 1 }), Is.True);
            Assert.That(ValueObjectEquality.DictionaryEqual(left, new Dictionary<string, int> { ["a"] = 1, ["b"] = 3 }), Is.False, "different value");
            Assert.That(ValueObjectEquality.DictionaryEqual(left, new Dictionary<string, int> { ["a"] = 1, ["c"] = 2 }), Is.False, "different key");
            Assert.That(ValueObjectEquality.DictionaryEqual(left, new Dictionary<string, int> { ["a"] = 1 }), Is.False, "fewer entries");
            Assert.That(ValueObjectEquality.DictionaryEqual(new Dictionary<string, int> { ["a"] = 1 }, left), Is.False, "more entries");
            Assert.That(ValueObjectEquality.DictionaryEqual<string, int>(null, null), Is.True);
            Assert.That(ValueObjectEquality.DictionaryEqual(null, new Dictionary<string, int>()), Is.False);
            Assert.That(ValueObjectEquality.DictionaryEqual(new Dictionary<string, int>(), new Dictionary<string, int>()), Is.True);
            Assert.That(ValueObjectEquality.DictionaryHash<string, int>(null), Is.Zero);
        });
    }

    [Test]
    public void Dictionaries_with_null_values_compare_and_hash()
    {
        var a = new Dictionary<int, string?> { [1] = null, [2] = "two" };
        var b = new Dictionary<int, string?> { [2] = "two", [1] = null };
        var c = new Dictionary<int, string?> { [1] = "one", [2] = "two" };

        Assert.That(ValueObjectEquality.DictionaryEqual(a, b), Is.True);
        Assert.That(ValueObjectEquality.DictionaryHash(a), Is.EqualTo(ValueObjectEquality.DictionaryHash(b)));
        Assert.That(ValueObjectEquality.DictionaryEqual(a, c), Is.False);
    }

    [Test]
    public void Swapping_values_between_keys_makes_dictionaries_unequal()
    {
        var a = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 };
        var b = new Dictionary<string, int> { ["x"] = 2, ["y"] = 1 };

        Assert.That(ValueObjectEquality.DictionaryEqual(a, b), Is.False);
    }

    // ----- randomized, seeded -----

    [Test]
    public void Randomized_equal_sequences_are_equal_and_hash_alike_and_changes_are_noticed()
    {
        var random = new Random(Seed);
        for (var round = 0; round < 300; round++)
        {
            var values = Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(-1000, 1000)).ToArray();
            var copy = (int[])values.Clone();
            var list = values.ToList();
            var immutable = values.ToImmutableArray();
            var context = $"round {round}: [{string.Join(", ", values)}]";

            Assert.That(ValueObjectEquality.ArrayEqual(values, copy), Is.True, context);
            Assert.That(ValueObjectEquality.ArrayHash(values), Is.EqualTo(ValueObjectEquality.ArrayHash(copy)), context);
            Assert.That(ValueObjectEquality.ListEqual(list, [.. values]), Is.True, context);
            Assert.That(ValueObjectEquality.ListHash(list), Is.EqualTo(ValueObjectEquality.ListHash(values.ToList())), context);
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(immutable, [.. copy]), Is.True, context);
            Assert.That(ValueObjectEquality.ImmutableArrayHash(immutable), Is.EqualTo(ValueObjectEquality.ImmutableArrayHash([.. copy])), context);
            Assert.That(ValueObjectEquality.SequenceEqual(Lazy(values), list), Is.True, context);
            Assert.That(ValueObjectEquality.SequenceHash(Lazy(values)), Is.EqualTo(ValueObjectEquality.SequenceHash(list)), context);

            if (values.Length == 0)
            {
                continue;
            }

            var changed = (int[])values.Clone();
            changed[random.Next(changed.Length)] += 1 + random.Next(10);
            Assert.That(ValueObjectEquality.ArrayEqual(values, changed), Is.False, context);
            Assert.That(ValueObjectEquality.ListEqual(list, changed.ToList()), Is.False, context);
            Assert.That(ValueObjectEquality.ImmutableArrayEqual(immutable, [.. changed]), Is.False, context);
            Assert.That(ValueObjectEquality.SequenceEqual(Lazy(values), Lazy(changed)), Is.False, context);

            var i = random.Next(values.Length);
            var j = random.Next(values.Length);
            if (values[i] != values[j])
            {
                var swapped = (int[])values.Clone();
                (swapped[i], swapped[j]) = (swapped[j], swapped[i]);
                Assert.That(ValueObjectEquality.ArrayEqual(values, swapped), Is.False, context + " (swapped)");
                Assert.That(ValueObjectEquality.SequenceEqual(list, swapped), Is.False, context + " (swapped)");
            }
        }
    }

    [Test]
    public void Randomized_sets_and_dictionaries_ignore_insertion_order()
    {
        var random = new Random(Seed);
        for (var round = 0; round < 300; round++)
        {
            var keys = Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(-500, 500)).Distinct().ToArray();
            var shuffled = (int[])keys.Clone();
            random.Shuffle(shuffled);
            var context = $"round {round}: [{string.Join(", ", keys)}]";

            var set = new HashSet<int>(keys);
            var shuffledSet = new HashSet<int>(shuffled);
            Assert.That(ValueObjectEquality.SetEqual(set, shuffledSet), Is.True, context);
            Assert.That(ValueObjectEquality.SetHash(set), Is.EqualTo(ValueObjectEquality.SetHash(shuffledSet)), context);
            Assert.That(ValueObjectEquality.SetHash(set), Is.EqualTo(ValueObjectEquality.SetHash(new SortedSet<int>(shuffled))), context);

            var dictionary = keys.ToDictionary(static k => k, static k => $"v{k * 7}");
            var shuffledDictionary = shuffled.ToDictionary(static k => k, static k => $"v{k * 7}");
            Assert.That(ValueObjectEquality.DictionaryEqual(dictionary, shuffledDictionary), Is.True, context);
            Assert.That(ValueObjectEquality.DictionaryHash(dictionary), Is.EqualTo(ValueObjectEquality.DictionaryHash(shuffledDictionary)), context);

            if (keys.Length == 0)
            {
                continue;
            }

            var victim = keys[random.Next(keys.Length)];
            var smallerSet = new HashSet<int>(set);
            smallerSet.Remove(victim);
            var otherSet = new HashSet<int>(smallerSet) { 10_000 + round };
            Assert.That(ValueObjectEquality.SetEqual(set, smallerSet), Is.False, context);
            Assert.That(ValueObjectEquality.SetEqual(set, otherSet), Is.False, context);

            var changedDictionary = new Dictionary<int, string>(dictionary) { [victim] = "changed" };
            Assert.That(ValueObjectEquality.DictionaryEqual(dictionary, changedDictionary), Is.False, context);
        }
    }

    // ----- formatting -----

    [Test]
    public void Format_shows_the_elements_in_brackets()
    {
        Assert.That(ValueObjectEquality.Format(new[] { 1, 2, 3 }), Is.EqualTo("[1, 2, 3]"));
        Assert.That(ValueObjectEquality.Format(Array.Empty<int>()), Is.EqualTo("[]"));
        Assert.That(ValueObjectEquality.Format<int>(null), Is.EqualTo("null"));
    }
}
