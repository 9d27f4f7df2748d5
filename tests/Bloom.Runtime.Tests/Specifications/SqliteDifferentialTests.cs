using System.Text;
using Bloom.Specifications;

namespace Bloom.Runtime.Tests.Specifications;

/// <summary>RELIABILITY.md T8 (PR size): random specifications give the same rows on SQLite as in memory.</summary>
public sealed class SqliteDifferentialTests
{
    private static readonly string[] NamePool =
    [
        "a", "b", "ab", "abc", "B", "Abc", "x_y", "x%y", "100%", "a\\b", "O'Brien", "\"q\"", "--", "; DROP TABLE items; --",
        "/* c */", "", " ", "zz", "aa_", "_a", "%", "\\", "\\%", "MiXeD", "mixed", "e\u0301", "\u00e9", "\u65e5\u672c",
    ];

    private static readonly Color[] Colors = [Color.Red, Color.Green, Color.Blue, Color.Black];
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ItemDatabase _db = null!;
    private List<Item> _items = null!;
    private Random _random = null!;

    [SetUp]
    public void SetUp()
    {
        _random = new Random(Seeds.Resolve(nameof(SqliteDifferentialTests)));
        _db = new ItemDatabase();
        _items = [.. Enumerable.Range(1, 300).Select(id => new Item(
            id,
            RandomName(),
            _random.Next(4) == 0 ? null : RandomName(),
            Colors[_random.Next(Colors.Length)],
            _random.Next(0, 20),
            _random.Next(2) == 0,
            Epoch.AddMinutes(_random.Next(0, 2000)).ToOffset(TimeSpan.FromHours(_random.Next(-5, 6))),
            _random.Next(3) == 0 ? null : _random.Next(0, 10)))];
        _db.Insert(_items);
    }

    [TearDown]
    public void TearDown() => _db.Dispose();

    [Test]
    public void Random_specifications_return_the_same_rows_as_in_memory()
    {
        const int Count = 1500;
        var translated = 0;
        for (var n = 0; n < Count; n++)
        {
            var spec = RandomSpec(_random.Next(0, 5));
            var page = _random.Next(3) == 0 ? null : RandomPage();
            var query = SqlSpecificationTranslator.Default.Translate(spec, ItemMapping.Instance, page);
            var actual = _db.Query(query);
            var filtered = _items.Where(spec.IsSatisfiedBy);
            List<long> expected;
            if (page is null)
            {
                expected = [.. filtered.Select(i => i.Id).Order()];
                actual.Sort();
            }
            else
            {
                expected = [.. page.ApplyTo(filtered).Select(i => i.Id)];
            }

            Assert.That(actual, Is.EqualTo(expected), () => $"#{n}: {spec}\n{page}\nSQL: {query.Where} {query.OrderBy}");
            translated++;
        }

        TestContext.Out.WriteLine($"{translated} specifications compared, 0 mismatches");
    }

    private string RandomName() => _random.Next(3) == 0
        ? new string([.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => (char)('a' + _random.Next(3)))])
        : NamePool[_random.Next(NamePool.Length)];

    private Specification<Item> RandomSpec(int depth)
    {
        if (depth == 0 || _random.Next(4) == 0)
        {
            return Atom();
        }

        return _random.Next(3) switch
        {
            0 => RandomSpec(depth - 1) & RandomSpec(depth - 1),
            1 => RandomSpec(depth - 1) | RandomSpec(depth - 1),
            _ => !RandomSpec(depth - 1),
        };
    }

    private Specification<Item> Atom()
    {
        var qty = _random.Next(-1, 21);
        var score = _random.Next(3) == 0 ? (int?)null : _random.Next(0, 10);
        var name = RandomName();
        var fragment = name.Length == 0 ? name : name[.._random.Next(0, name.Length + 1)];
        var color = Colors[_random.Next(Colors.Length)];
        var at = Epoch.AddMinutes(_random.Next(0, 2000)).ToOffset(TimeSpan.FromHours(_random.Next(-3, 4)));
        var active = _random.Next(2) == 0;
        long[] ids = [.. Enumerable.Range(0, _random.Next(0, 6)).Select(_ => (long)_random.Next(1, 320))];
        var idList = ids.ToList();
        var colorSet = Colors.Where(_ => _random.Next(2) == 0).ToHashSet();
        List<int?> scores = [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => _random.Next(4) == 0 ? (int?)null : _random.Next(0, 10))];
        string? nullNote = null;
        return _random.Next(30) switch
        {
            0 => Specification<Item>.Where(i => i.Qty == qty),
            1 => Specification<Item>.Where(i => i.Qty != qty),
            2 => Specification<Item>.Where(i => i.Qty < qty),
            3 => Specification<Item>.Where(i => qty <= i.Qty),
            4 => Specification<Item>.Where(i => i.Qty > qty),
            5 => Specification<Item>.Where(i => i.Qty >= qty),
            6 => Specification<Item>.Where(i => i.Score == score),
            7 => Specification<Item>.Where(i => i.Score != score),
            8 => Specification<Item>.Where(i => i.Score < score),
            9 => Specification<Item>.Where(i => i.Score >= score),
            10 => Specification<Item>.Where(i => i.Score == null),
            11 => Specification<Item>.Where(i => i.Note != null),
            12 => Specification<Item>.Where(i => i.Name == name),
            13 => Specification<Item>.Where(i => i.Note == name),
            14 => Specification<Item>.Where(i => i.Note == nullNote),
            15 => Specification<Item>.Where(i => i.Name.StartsWith(fragment, StringComparison.Ordinal)),
            16 => Specification<Item>.Where(i => i.Name.EndsWith(fragment, StringComparison.Ordinal)),
            17 => Specification<Item>.Where(i => i.Name.Contains(fragment)),
            18 => Specification<Item>.Where(i => i.Note != null && i.Note.Contains(fragment)),
            19 => Specification<Item>.Where(i => i.Color == color),
            20 => Specification<Item>.Where(i => i.Color != color),
            21 => Specification<Item>.Where(i => i.Color > color),
            22 => Specification<Item>.Where(i => colorSet.Contains(i.Color)),
            23 => Specification<Item>.Where(i => i.At < at),
            24 => Specification<Item>.Where(i => at <= i.At),
            25 => Specification<Item>.Where(i => i.Active),
            26 => Specification<Item>.Where(i => i.Active == active),
            27 => Specification<Item>.Where(i => ids.Contains(i.Id)),
            28 => Specification<Item>.Where(i => idList.Contains(i.Id)),
            _ => Specification<Item>.Where(i => scores.Contains(i.Score)),
        };
    }

    private PageRequest<Item> RandomPage()
    {
        var page = PageRequest.Of<Item>(_random.Next(1, 5), _random.Next(1, 60));
        var keys = _random.Next(0, 3);
        for (var k = 0; k < keys; k++)
        {
            var desc = _random.Next(2) == 0;
            page = (_random.Next(7), k == 0) switch
            {
                (0, true) => desc ? page.OrderByDescending(i => i.Name) : page.OrderBy(i => i.Name),
                (0, false) => desc ? page.ThenByDescending(i => i.Name) : page.ThenBy(i => i.Name),
                (1, true) => desc ? page.OrderByDescending(i => i.Note) : page.OrderBy(i => i.Note),
                (1, false) => desc ? page.ThenByDescending(i => i.Note) : page.ThenBy(i => i.Note),
                (2, true) => desc ? page.OrderByDescending(i => i.Color) : page.OrderBy(i => i.Color),
                (2, false) => desc ? page.ThenByDescending(i => i.Color) : page.ThenBy(i => i.Color),
                (3, true) => desc ? page.OrderByDescending(i => i.Qty) : page.OrderBy(i => i.Qty),
                (3, false) => desc ? page.ThenByDescending(i => i.Qty) : page.ThenBy(i => i.Qty),
                (4, true) => desc ? page.OrderByDescending(i => i.Active) : page.OrderBy(i => i.Active),
                (4, false) => desc ? page.ThenByDescending(i => i.Active) : page.ThenBy(i => i.Active),
                (5, true) => desc ? page.OrderByDescending(i => i.At) : page.OrderBy(i => i.At),
                (5, false) => desc ? page.ThenByDescending(i => i.At) : page.ThenBy(i => i.At),
                (_, true) => desc ? page.OrderByDescending(i => i.Score) : page.OrderBy(i => i.Score),
                (_, false) => desc ? page.ThenByDescending(i => i.Score) : page.ThenBy(i => i.Score),
            };
        }

        // The id makes the order total, so the page's rows are determined.
        var idDesc = _random.Next(2) == 0;
        return keys == 0
            ? (idDesc ? page.OrderByDescending(i => i.Id) : page.OrderBy(i => i.Id))
            : (idDesc ? page.ThenByDescending(i => i.Id) : page.ThenBy(i => i.Id));
    }
}

/// <summary>RELIABILITY.md T8 hostile-string corpus: values never reach the SQL text and match literally.</summary>
public sealed class HostileStringTests
{
    private static readonly string[] Pieces =
    [
        "'", "''", "\"", "`", "--", ";", "/*", "*/", "/* x */", "\0", "%", "_", "\\", "\\%", "\\_", "%_%", "[a]", "^", "$",
        "'; DROP TABLE items; --", "\" OR 1=1 --", "' OR '1'='1", "@p0", "?", "$id", ":name", "\r\n", "\t", " ",
        "\u00e9", "e\u0301", "\u0430", "\u200b", "\u202e", "\ufeff", "\U0001F600", "\u65e5\u672c\u8a9e", "\uff05", "ESCAPE", "LIKE",
    ];

    private ItemDatabase _db = null!;
    private Random _random = null!;

    private static int Boundary(string s, int i) =>
        i > 0 && i < s.Length && char.IsLowSurrogate(s[i]) && char.IsHighSurrogate(s[i - 1]) ? i + 1 : i;

    [SetUp]
    public void SetUp()
    {
        _random = new Random(Seeds.Resolve(nameof(HostileStringTests)));
        _db = new ItemDatabase();
    }

    [TearDown]
    public void TearDown() => _db.Dispose();

    [Test]
    public void Hostile_values_are_parameters_and_match_literally()
    {
        var corpus = new List<(string Value, string Token)>();
        for (var n = 0; n < 520; n++)
        {
            var token = $"SNTL{_random.NextInt64():x16}";
            var value = new StringBuilder();
            var pieces = _random.Next(1, 6);
            for (var k = 0; k < pieces; k++)
            {
                value.Append(Pieces[_random.Next(Pieces.Length)]);
            }

            value.Append(token);
            for (var k = 0; k < pieces; k++)
            {
                value.Append(Pieces[_random.Next(Pieces.Length)]);
            }

            if (n % 50 == 0)
            {
                value.Append(new string('%', 5000)).Append(new string('\'', 5000));
            }

            if (n == 7)
            {
                value.Append(new string('x', 64 * 1024));
            }

            corpus.Add((value.ToString(), token));
        }

        var items = corpus.Select((c, index) => new Item(index + 1, c.Value, null, Color.Red, 0, true, DateTimeOffset.UnixEpoch, null)).ToList();
        _db.Insert(items);
        var translator = SqlSpecificationTranslator.Default;
        var checks = 0;

        void Check(Specification<Item> spec, string? token, bool excludeNul)
        {
            var query = translator.Translate(spec, ItemMapping.Instance);
            if (token is not null)
            {
                Assert.That(query.Where + query.OrderBy, Does.Not.Contain(token), "a value reached the SQL text");
            }

            // SQLite's LIKE stops at a NUL in the stored value (documented limitation), so rows holding NUL are left out of LIKE comparisons.
            var actual = _db.Query(query).Where(id => !excludeNul || !items[(int)id - 1].Name.Contains('\0', StringComparison.Ordinal)).Order().ToList();
            var expected = items.Where(i => (!excludeNul || !i.Name.Contains('\0', StringComparison.Ordinal)) && spec.IsSatisfiedBy(i)).Select(i => i.Id).ToList();
            Assert.That(actual, Is.EqualTo(expected), () => $"{spec} params: {string.Join(", ", query.Parameters.Select(v => v is string t ? (t.Length > 200 ? t[..200] + "…" : t).Replace("\0", "<NUL>", StringComparison.Ordinal) : v))}");
            checks++;
        }

        foreach (var (value, token) in corpus)
        {
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                // Microsoft.Data.Sqlite binds long text NUL-terminated (it would compare a cut value), so the translator refuses NUL.
                Assert.Throws<UntranslatableSpecificationException>(() => translator.Translate(Specification<Item>.Where(i => i.Name == value), ItemMapping.Instance));
                Assert.Throws<UntranslatableSpecificationException>(() => translator.Translate(Specification<Item>.Where(i => i.Name != value), ItemMapping.Instance));
            }
            else
            {
                Check(Specification<Item>.Where(i => i.Name == value), token, excludeNul: false);
                Check(Specification<Item>.Where(i => i.Name != value), token, excludeNul: true);
            }
            var start = value.IndexOf(token, StringComparison.Ordinal);
            var end = start + token.Length;
            // Cuts never split a surrogate pair: SQLite stores UTF-8, where a lone surrogate becomes U+FFFD (documented limitation).
            var prefix = value[..Boundary(value, end + _random.Next(0, value.Length - end + 1))];
            var suffix = value[Boundary(value, _random.Next(0, start + 1))..];
            var middle = value[Boundary(value, _random.Next(0, start + 1))..Boundary(value, end + _random.Next(0, value.Length - end + 1))];
            foreach (var (fragment, kind) in new[] { (prefix, 0), (suffix, 1), (middle, 2) })
            {
                if (fragment.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(fragment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)) + 2 > 50_000)
                {
                    Assert.Throws<UntranslatableSpecificationException>(() => translator.Translate(Specification<Item>.Where(i => i.Name.Contains(fragment)), ItemMapping.Instance));
                    continue;
                }

                Check(
                    kind switch
                    {
                        0 => Specification<Item>.Where(i => i.Name.StartsWith(fragment, StringComparison.Ordinal)),
                        1 => Specification<Item>.Where(i => i.Name.EndsWith(fragment, StringComparison.Ordinal)),
                        _ => Specification<Item>.Where(i => i.Name.Contains(fragment)),
                    },
                    token,
                    excludeNul: true);
            }
        }

        // Wildcard-only probes: unescaped, these would match (nearly) every row.
        foreach (var probe in new[] { "%", "_", "\\", "\\%", "\\_", "%_", "_%", "'", "--", "/*", "\u00e9", "\uff05", "%%", "__" })
        {
            Check(Specification<Item>.Where(i => i.Name.StartsWith(probe, StringComparison.Ordinal)), null, excludeNul: true);
            Check(Specification<Item>.Where(i => i.Name.EndsWith(probe, StringComparison.Ordinal)), null, excludeNul: true);
            Check(Specification<Item>.Where(i => i.Name.Contains(probe)), null, excludeNul: true);
            Check(Specification<Item>.Where(i => !i.Name.Contains(probe)), null, excludeNul: true);
        }

        TestContext.Out.WriteLine($"{corpus.Count} hostile values, {checks} queries compared");
    }
}
