using System.Collections.Immutable;

namespace Bloom.IntegrationTests;

public sealed class ValueObjectEqualityTests
{
    private static readonly string[] Words = ["a", "b", "c"];

    [Test]
    public void Record_ScalarMembers_CompareByValue()
    {
        var a = new Money(10m, "EUR");
        var b = Money.Create(10.00m, "EUR");

        Assert.Multiple(() =>
        {
            Assert.That(a.Equals(b), Is.True, "10 and 10.00 are the same decimal value");
            Assert.That(a == b, Is.True);
            Assert.That(a != b, Is.False);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a.Equals((object)b), Is.True);
            Assert.That(a == new Money(10m, "USD"), Is.False);
            Assert.That(a != new Money(10.01m, "EUR"), Is.True);
            Assert.That(a.Equals(null), Is.False);
            Assert.That(a == null, Is.False);
            Assert.That(a, Is.InstanceOf<IValueObject>());
        });
    }

    [Test]
    public void Record_ListAndArrayMembers_WithEqualContentsInDifferentInstances_AreEqual()
    {
        var a = new TagList(["red", "green"], [1, 2, 3]);
        var b = new TagList(new List<string> { "red", "green" }, new[] { 1, 2, 3 });

        Assert.Multiple(() =>
        {
            Assert.That(ReferenceEquals(a.Names, b.Names), Is.False);
            Assert.That(a.Equals(b), Is.True);
            Assert.That(b.Equals(a), Is.True);
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(new HashSet<TagList> { a, b }, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Record_ListAndArrayMembers_InDifferentOrder_AreNotEqual()
    {
        var a = new TagList(["red", "green"], [1, 2, 3]);

        Assert.Multiple(() =>
        {
            Assert.That(a == new TagList(["green", "red"], [1, 2, 3]), Is.False, "list order matters");
            Assert.That(a == new TagList(["red", "green"], [3, 2, 1]), Is.False, "array order matters");
            Assert.That(a == new TagList(["red", "green", "red"], [1, 2, 3]), Is.False, "extra element");
            Assert.That(a == new TagList(["red"], [1, 2, 3]), Is.False, "missing element");
            Assert.That(a == new TagList(["red", "green"], [1, 2, 3, 0]), Is.False, "extra array element");
        });
    }

    [Test]
    public void Record_NullCollectionMember_EqualsOnlyNull_NotEmpty()
    {
        var nullNames = new TagList(null!, [1]);
        var emptyNames = new TagList([], [1]);
        var nullScores = new TagList(["x"], null!);
        var emptyScores = new TagList(["x"], []);

        Assert.Multiple(() =>
        {
            Assert.That(nullNames == new TagList(null!, [1]), Is.True);
            Assert.That(nullNames.GetHashCode(), Is.EqualTo(new TagList(null!, [1]).GetHashCode()));
            Assert.That(nullNames == emptyNames, Is.False);
            Assert.That(emptyNames == nullNames, Is.False);
            Assert.That(nullScores == emptyScores, Is.False);
            Assert.That(emptyScores == nullScores, Is.False);
            Assert.That(emptyNames == new TagList([], [1]), Is.True);
            Assert.That(emptyScores.GetHashCode(), Is.EqualTo(new TagList(["x"], []).GetHashCode()));
        });
    }

    [Test]
    public void Class_SequenceMember_ComparesInOrder_AcrossCollectionTypes()
    {
        var sheet = Sheet(new List<string> { "line 1", "line 2" });

        Assert.Multiple(() =>
        {
            Assert.That(sheet == Sheet(new[] { "line 1", "line 2" }), Is.True, "a List and an array with the same elements");
            Assert.That(sheet.GetHashCode(), Is.EqualTo(Sheet(new[] { "line 1", "line 2" }).GetHashCode()));
            Assert.That(sheet == Sheet(ImmutableList.Create("line 1", "line 2")), Is.True);
            Assert.That(sheet == Sheet(new[] { "line 2", "line 1" }), Is.False, "sequences compare in order");
            Assert.That(sheet != Sheet(new[] { "line 1" }), Is.True);
        });
    }

    [Test]
    public void Class_SetMember_IgnoresOrder()
    {
        var a = Sheet(labels: new HashSet<string> { "x", "y", "z" });
        var b = Sheet(labels: new HashSet<string> { "z", "y", "x" });
        var c = Sheet(labels: new SortedSet<string> { "y", "z", "x" });

        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(a == c, Is.True, "a HashSet and a SortedSet with the same members");
            Assert.That(c == a, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a.GetHashCode(), Is.EqualTo(c.GetHashCode()));
            Assert.That(a == Sheet(labels: new HashSet<string> { "x", "y" }), Is.False);
            Assert.That(a == Sheet(labels: new HashSet<string> { "x", "y", "w" }), Is.False);
        });
    }

    [Test]
    public void Class_DictionaryMember_IgnoresOrder_ButComparesValues()
    {
        var a = Sheet(stock: new Dictionary<string, int> { ["ams"] = 1, ["ber"] = 2 });
        var b = Sheet(stock: new SortedDictionary<string, int> { ["ber"] = 2, ["ams"] = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(b == a, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a == Sheet(stock: new Dictionary<string, int> { ["ams"] = 1, ["ber"] = 3 }), Is.False, "a value differs");
            Assert.That(a == Sheet(stock: new Dictionary<string, int> { ["ams"] = 1, ["cdg"] = 2 }), Is.False, "a key differs");
            Assert.That(a == Sheet(stock: new Dictionary<string, int> { ["ams"] = 1 }), Is.False, "a key is missing");
        });
    }

    /// <summary>
    /// ValueObjectEquality documents that "elements compare with EqualityComparer&lt;T&gt;.Default". A set built with its own
    /// comparer must not change that: equality has to stay symmetric, and equal values must hash alike.
    /// </summary>
    [Test]
    public void Class_SetMember_WithACustomComparer_StaysSymmetricAndHashConsistent()
    {
        var ignoreCase = Sheet(labels: new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Fragile" });
        var ordinal = Sheet(labels: new HashSet<string> { "fragile" });

        Assert.Multiple(() =>
        {
            Assert.That(ignoreCase.Equals(ordinal), Is.EqualTo(ordinal.Equals(ignoreCase)), "Equals must be symmetric");
            Assert.That(ignoreCase.Equals(ordinal), Is.False, "elements compare with EqualityComparer<string>.Default, so 'Fragile' != 'fragile'");
            if (ignoreCase.Equals(ordinal))
            {
                Assert.That(ignoreCase.GetHashCode(), Is.EqualTo(ordinal.GetHashCode()), "equal values must have equal hash codes");
            }
        });
    }

    /// <summary>Same contract as above, for dictionary members whose key comparer is not the default.</summary>
    [Test]
    public void Class_DictionaryMember_WithACustomKeyComparer_StaysSymmetricAndHashConsistent()
    {
        var ignoreCase = Sheet(stock: new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["AMS"] = 1 });
        var ordinal = Sheet(stock: new Dictionary<string, int> { ["ams"] = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(ignoreCase.Equals(ordinal), Is.EqualTo(ordinal.Equals(ignoreCase)), "Equals must be symmetric");
            Assert.That(ordinal.Equals(ignoreCase), Is.False, "keys compare with EqualityComparer<string>.Default, so 'ams' != 'AMS'");
            if (ordinal.Equals(ignoreCase))
            {
                Assert.That(ordinal.GetHashCode(), Is.EqualTo(ignoreCase.GetHashCode()), "equal values must have equal hash codes");
            }
        });
    }

    [Test]
    public void Class_NullableMember_NullEqualsNull_AndDiffersFromAValue()
    {
        var noMiddle = new PersonName("Ada", null, "Lovelace");

        Assert.Multiple(() =>
        {
            Assert.That(noMiddle == new PersonName("Ada", null, "Lovelace"), Is.True);
            Assert.That(noMiddle.GetHashCode(), Is.EqualTo(new PersonName("Ada", null, "Lovelace").GetHashCode()));
            Assert.That(noMiddle == new PersonName("Ada", "King", "Lovelace"), Is.False);
            Assert.That(new PersonName("Ada", "King", "Lovelace") == noMiddle, Is.False);
            Assert.That(new PersonName("Ada", "King", "Lovelace") == new PersonName("Ada", "King", "Lovelace"), Is.True);
            Assert.That(noMiddle.Equals((object?)null), Is.False);
            Assert.That((PersonName?)null == null, Is.True);
            Assert.That(noMiddle != null, Is.True);
            Assert.That(null != noMiddle, Is.True);
        });
    }

    [Test]
    public void Struct_ComparesByValue_WithOperatorsAndBoxing()
    {
        var amsterdam = new Coordinates(52.37, 4.89);

        Assert.Multiple(() =>
        {
            Assert.That(amsterdam == new Coordinates(52.37, 4.89), Is.True);
            Assert.That(amsterdam != new Coordinates(52.37, 4.90), Is.True);
            Assert.That(amsterdam.Equals((object)new Coordinates(52.37, 4.89)), Is.True);
            Assert.That(amsterdam.Equals("52.37,4.89"), Is.False);
            Assert.That(amsterdam.GetHashCode(), Is.EqualTo(new Coordinates(52.37, 4.89).GetHashCode()));
            Assert.That(default(Coordinates) == new Coordinates(0, 0), Is.True);
            Assert.That(amsterdam, Is.InstanceOf<IEquatable<Coordinates>>());
        });
    }

    [Test]
    public void RecordStruct_ComparesByValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Temperature(21.5m) == new Temperature(21.50m), Is.True);
            Assert.That(new Temperature(21.5m).GetHashCode(), Is.EqualTo(new Temperature(21.50m).GetHashCode()));
            Assert.That(new Temperature(21.5m) != new Temperature(21.6m), Is.True);
            Assert.That(new Temperature(-1m).Equals((object)new Temperature(-1m)), Is.True);
        });
    }

    [Test]
    public void ImmutableArrayMember_ComparesContents_AndDefaultEqualsOnlyDefault()
    {
        var a = new Route(["a", "b"]);
        var b = new Route(ImmutableArray.Create("a", "b"));

        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a == new Route(["b", "a"]), Is.False);
            Assert.That(new Route(default) == new Route(default), Is.True);
            Assert.That(new Route(default) == new Route([]), Is.False, "a default ImmutableArray is not an empty one");
            Assert.That(new Route([]) == new Route(ImmutableArray<string>.Empty), Is.True);
        });
    }

    [Test]
    public void HashCode_IsConsistentWithEquals_AcrossManyRandomPairs()
    {
        var random = new Random(20250304);
        var equalPairs = 0;
        var unequalPairs = 0;

        for (var i = 0; i < 4000; i++)
        {
            Check(RandomMoney(random), RandomMoney(random));
            Check(RandomTags(random), RandomTags(random));
            Check(RandomSheet(random), RandomSheet(random));
            Check(RandomName(random), RandomName(random));
            Check(new Coordinates(random.Next(3), random.Next(3)), new Coordinates(random.Next(3), random.Next(3)));
            Check(new Temperature(random.Next(3)), new Temperature(random.Next(3) * 1.0m));
            Check(new Route([.. RandomWords(random)]), new Route([.. RandomWords(random)]));
        }

        Assert.That(equalPairs, Is.GreaterThan(1000), "the generator must produce enough equal pairs to make the check meaningful");
        Assert.That(unequalPairs, Is.GreaterThan(1000));

        void Check<T>(T left, T right)
            where T : IEquatable<T>
        {
            var equal = left.Equals(right);
            Assert.That(right.Equals(left), Is.EqualTo(equal), $"Equals is not symmetric for {left} and {right}");
            Assert.That(left.Equals((object)right), Is.EqualTo(equal));
            if (equal)
            {
                equalPairs++;
                Assert.That(left.GetHashCode(), Is.EqualTo(right.GetHashCode()), $"{left} equals {right} but their hash codes differ");
            }
            else
            {
                unequalPairs++;
            }
        }
    }

    [Test]
    public void EqualData_InFreshCollections_AlwaysGivesEqualValuesAndHashes()
    {
        var random = new Random(42);
        for (var i = 0; i < 500; i++)
        {
            var lines = RandomWords(random).Prepend("first").ToArray();
            var labels = RandomWords(random).Distinct().ToArray();
            var stock = labels.ToDictionary(static l => l, _ => random.Next(5));

            var a = new ProductSheet(lines.ToList(), new HashSet<string>(labels), new Dictionary<string, int>(stock));
            var b = new ProductSheet(
                lines.ToArray(),
                new HashSet<string>(labels.Reverse()),
                new Dictionary<string, int>(stock.Reverse()));

            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()), $"{a} vs {b}");

            var scores = lines.Select(static l => l.Length).ToArray();
            var tagsA = new TagList(lines.ToList(), scores);
            var tagsB = new TagList(new List<string>(lines), (int[])scores.Clone());
            Assert.That(tagsA == tagsB && tagsA.GetHashCode() == tagsB.GetHashCode(), Is.True, $"{tagsA} vs {tagsB}");
        }
    }

    [Test]
    [SetCulture("de-DE")]
    public void ToString_ShowsPublicMembers_WithTheInvariantCulture()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Money(1234.5m, "EUR").ToString(), Is.EqualTo("Money { Amount = 1234.5, Currency = EUR }"));
            Assert.That(new Temperature(-3.25m).ToString(), Is.EqualTo("Temperature { Celsius = -3.25 }"));
            Assert.That(new Coordinates(52.5, -4.25).ToString(), Is.EqualTo("Coordinates { Latitude = 52.5, Longitude = -4.25 }"));
            Assert.That(new PersonName("Ada", null, "Lovelace").ToString(), Is.EqualTo("PersonName { First = Ada, Middle = , Last = Lovelace }"));
            Assert.That(new TagList(["a", "b"], [1, 2]).ToString(), Is.EqualTo("TagList { Names = [a, b], Scores = [1, 2] }"));
            Assert.That(new Route(["x"]).ToString(), Is.EqualTo("Route { Stops = [x] }"));
        });
    }

    /// <summary>
    /// The generated ToString promises the invariant culture, but collection elements go through
    /// ValueObjectEquality.Format, which formats them with the current culture.
    /// </summary>
    [Test]
    [SetCulture("fi-FI")]
    public void ToString_FormatsCollectionElements_WithTheInvariantCultureToo()
    {
        var tags = new TagList(["cold"], [-1, 2]);

        Assert.That(System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NegativeSign, Is.Not.EqualTo("-"), "precondition: fi-FI uses U+2212 as its minus sign");
        Assert.That(tags.ToString(), Is.EqualTo("TagList { Names = [cold], Scores = [-1, 2] }"));
    }

    private static ProductSheet Sheet(
        IReadOnlyList<string>? lines = null,
        IReadOnlySet<string>? labels = null,
        IReadOnlyDictionary<string, int>? stock = null) =>
        new(lines ?? ["line"], labels ?? new HashSet<string> { "l" }, stock ?? new Dictionary<string, int> { ["w"] = 1 });

    private static IEnumerable<string> RandomWords(Random random)
    {
        var count = random.Next(3);
        for (var i = 0; i < count; i++)
        {
            yield return Words[random.Next(Words.Length)];
        }
    }

    private static Money RandomMoney(Random random) =>
        new(random.Next(3) * (random.Next(2) == 0 ? 1m : 1.00m), random.Next(2) == 0 ? "EUR" : "USD");

    private static TagList RandomTags(Random random) =>
        new(random.Next(8) == 0 ? null! : [.. RandomWords(random)], random.Next(8) == 0 ? null! : [.. RandomWords(random).Select(static w => w.Length + w[0])]);

    private static ProductSheet RandomSheet(Random random)
    {
        var words = RandomWords(random).ToList();
        var lines = random.Next(2) == 0 ? (IReadOnlyList<string>)words.Prepend("l").ToList() : words.Prepend("l").ToArray();
        var labels = new HashSet<string>(RandomWords(random).OrderBy(_ => random.Next()));
        var stock = RandomWords(random).Distinct().ToDictionary(static w => w, _ => random.Next(2));
        return new ProductSheet(lines, labels, stock);
    }

    private static PersonName RandomName(Random random) =>
        new(Words[random.Next(2)], random.Next(3) == 0 ? null : Words[random.Next(2)], "Z");
}
