using System.Linq.Expressions;
using Bloom.Specifications;

namespace Bloom.Runtime.Tests.Specifications;

public sealed class SqlSpecificationTranslatorTests
{
    private static readonly SqlSpecificationTranslator Translator = SqlSpecificationTranslator.Default;

    private static SqlQuery T(Expression<Func<Item, bool>> predicate, PageRequest<Item>? page = null) =>
        Translator.Translate(Specification<Item>.Where(predicate), ItemMapping.Instance, page);

    private sealed class Holder
    {
        public Holder(int value) => Inner = new InnerHolder { Value = value };

        public InnerHolder Inner { get; }
    }

    private sealed class InnerHolder
    {
        public int Value { get; init; }
    }

    [Test]
    public void Comparisons_become_parameters_with_either_side()
    {
        var q = T(i => i.Qty > 5 && 7 >= i.Qty && i.Qty != 3 && i.Qty <= 9 && 1 < i.Qty);
        Assert.Multiple(() =>
        {
            Assert.That(q.Where, Is.EqualTo("((((\"qty\" > @p0 AND \"qty\" <= @p1) AND \"qty\" <> @p2) AND \"qty\" <= @p3) AND \"qty\" > @p4)"));
            Assert.That(q.Parameters, Is.EqualTo(new object?[] { 5L, 7L, 3L, 9L, 1L }));
            Assert.That(q.OrderBy, Is.Empty);
        });
    }

    [Test]
    public void Or_and_not_push_negation_down_with_null_awareness()
    {
        var q = T(i => !(i.Qty == 1 || i.Score < 4));
        Assert.That(q.Where, Is.EqualTo("(\"qty\" <> @p0 AND (\"score\" >= @p1 OR \"score\" IS NULL))"));
    }

    [Test]
    public void Null_checks_and_null_captured_values_become_is_null()
    {
        string? none = null;
        Assert.Multiple(() =>
        {
            Assert.That(T(i => i.Note == null).Where, Is.EqualTo("\"note\" IS NULL"));
            Assert.That(T(i => i.Note != null).Where, Is.EqualTo("\"note\" IS NOT NULL"));
            Assert.That(T(i => i.Note == none).Where, Is.EqualTo("\"note\" IS NULL"));
            Assert.That(T(i => !(i.Score == null)).Where, Is.EqualTo("\"score\" IS NOT NULL"));
            Assert.That(T(i => i.Note == none).Parameters, Is.Empty);
        });
    }

    [Test]
    public void Bool_members_and_constants()
    {
        Assert.Multiple(() =>
        {
            Assert.That(T(i => i.Active).Where, Is.EqualTo("\"active\" = @p0"));
            Assert.That(T(i => i.Active).Parameters, Is.EqualTo(new object?[] { 1L }));
            Assert.That(T(i => !i.Active).Where, Is.EqualTo("\"active\" <> @p0"));
            Assert.That(T(_ => true).Where, Is.EqualTo("1 = 1"));
            Assert.That(Translator.Translate(Specification<Item>.All, ItemMapping.Instance).Where, Is.EqualTo("1 = 1"));
            Assert.That(T(_ => false).Where, Is.EqualTo("0 = 1"));
        });
    }

    [Test]
    public void Captured_condition_is_a_parameter()
    {
        var all = true;
        var q = T(i => all || i.Active);
        Assert.That(q.Where, Is.EqualTo("(@p0 = 1 OR \"active\" = @p1)"));
    }

    [Test]
    public void Enums_compare_as_stored_integers()
    {
        var c = Color.Blue;
        var q = T(i => i.Color == Color.Green || i.Color > c);
        Assert.Multiple(() =>
        {
            Assert.That(q.Where, Is.EqualTo("(\"color\" = @p0 OR \"color\" > @p1)"));
            Assert.That(q.Parameters, Is.EqualTo(new object?[] { 2L, 3L }));
        });
    }

    [Test]
    public void Dates_are_utc_ticks()
    {
        var at = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var q = T(i => i.At < at);
        Assert.Multiple(() =>
        {
            Assert.That(q.Where, Is.EqualTo("\"at\" < @p0"));
            Assert.That(q.Parameters, Is.EqualTo(new object?[] { at.UtcTicks }));
        });
    }

    [Test]
    public void Member_chains_on_captured_objects_are_evaluated_once()
    {
        var holder = new Holder(42);
        var q = T(i => i.Qty == holder.Inner.Value);
        Assert.That(q.Parameters, Is.EqualTo(new object?[] { 42L }));
    }

    [Test]
    public void String_matching_is_like_with_escaped_wildcards()
    {
        var s = "a%b_c\\d";
        Assert.Multiple(() =>
        {
            var starts = T(i => i.Name.StartsWith(s));
            Assert.That(starts.Where, Is.EqualTo("\"name\" LIKE @p0 ESCAPE '\\'"));
            Assert.That(starts.Parameters, Is.EqualTo(new object?[] { "a\\%b\\_c\\\\d%" }));
            Assert.That(T(i => i.Name.EndsWith(s, StringComparison.Ordinal)).Parameters, Is.EqualTo(new object?[] { "%a\\%b\\_c\\\\d" }));
            Assert.That(T(i => i.Name.Contains(s)).Parameters, Is.EqualTo(new object?[] { "%a\\%b\\_c\\\\d%" }));
            Assert.That(T(i => !i.Note!.Contains(s)).Where, Is.EqualTo("(\"note\" NOT LIKE @p0 ESCAPE '\\' OR \"note\" IS NULL)"));
        });
    }

    [Test]
    public void Collection_contains_becomes_in()
    {
        var ids = new List<long> { 1, 2, 3 };
        long[] array = [4, 5];
        var colors = new HashSet<Color> { Color.Red };
        Assert.Multiple(() =>
        {
            Assert.That(T(i => ids.Contains(i.Id)).Where, Is.EqualTo("\"id\" IN (@p0, @p1, @p2)"));
            Assert.That(T(i => array.Contains(i.Id)).Where, Is.EqualTo("\"id\" IN (@p0, @p1)"));
            Assert.That(T(i => Enumerable.Contains(array, i.Id)).Where, Is.EqualTo("\"id\" IN (@p0, @p1)"));
            Assert.That(T(i => colors.Contains(i.Color)).Parameters, Is.EqualTo(new object?[] { 1L }));
            Assert.That(T(i => !ids.Contains(i.Id)).Where, Is.EqualTo("\"id\" NOT IN (@p0, @p1, @p2)"));
        });
    }

    [Test]
    public void Empty_collection_is_false()
    {
        var none = new List<long>();
        Assert.Multiple(() =>
        {
            Assert.That(T(i => none.Contains(i.Id)).Where, Is.EqualTo("0 = 1"));
            Assert.That(T(i => !none.Contains(i.Id)).Where, Is.EqualTo("1 = 1"));
        });
    }

    [Test]
    public void Collection_with_null_matches_null()
    {
        var scores = new List<int?> { 1, null };
        Assert.That(T(i => scores.Contains(i.Score)).Where, Is.EqualTo("(\"score\" IN (@p0) OR \"score\" IS NULL)"));
    }

    [Test]
    public void Order_by_and_paging_are_quoted_columns_and_parameters()
    {
        var page = PageRequest.Of<Item>(3, 20).OrderByDescending(i => i.At).ThenBy(i => i.Color).ThenBy(i => i.Id);
        var q = T(i => i.Active, page);
        Assert.Multiple(() =>
        {
            Assert.That(q.OrderBy, Is.EqualTo("ORDER BY \"at\" DESC, \"color\" ASC, \"id\" ASC LIMIT @p1 OFFSET @p2"));
            Assert.That(q.Parameters, Is.EqualTo(new object?[] { 1L, 20L, 40L }));
            Assert.That(T(i => i.Active, PageRequest.Of(1, 5)).OrderBy, Is.EqualTo("LIMIT @p1 OFFSET @p2"));
        });
    }

    [Test]
    public void Same_shape_gives_same_text()
    {
        static Specification<Item> Build(int qty, string name, Color color, long[] ids) =>
            Specification<Item>.Where(i => i.Qty >= qty && i.Name.StartsWith(name) && (i.Color != color || ids.Contains(i.Id)));

        var a = Translator.Translate(Build(1, "x", Color.Red, [1, 2]), ItemMapping.Instance, PageRequest.Of<Item>(1, 10).OrderBy(i => i.Name));
        var b = Translator.Translate(Build(99, "y'; DROP TABLE items; --", Color.Blue, [7, 8]), ItemMapping.Instance, PageRequest.Of<Item>(4, 50).OrderBy(i => i.Name));
        Assert.Multiple(() =>
        {
            Assert.That(b.Where, Is.EqualTo(a.Where));
            Assert.That(b.OrderBy, Is.EqualTo(a.OrderBy));
            Assert.That(b.Parameters, Is.Not.EqualTo(a.Parameters));
            Assert.That(ReferenceEquals(a.Where, b.Where), Is.True, "the text is interned: statement caches can compare by reference");
            Assert.That(ReferenceEquals(a.OrderBy, b.OrderBy), Is.True);
        });
    }

    [Test]
    public void Captured_fields_and_property_chains_are_read_as_parameters()
    {
        var holder = new Holder(7);
        var names = new[] { "a" };
        var q = T(i => i.Qty == holder.Inner.Value && i.Name == names[0] && i.Color == Color.Blue);
        Assert.That(q.Parameters, Is.EqualTo(new object?[] { 7L, "a", 3L }));
    }

    [Test]
    public void A_captured_property_that_throws_surfaces_its_own_exception()
    {
        var thrower = new Thrower();
        Assert.Throws<InvalidOperationException>(() => T(i => i.Qty == thrower.Value));
    }

    [Test]
    public void Enum_array_contains_is_an_in_list()
    {
        var colors = new[] { Color.Red, Color.Blue };
        var q = T(i => colors.Contains(i.Color));
        Assert.Multiple(() =>
        {
            Assert.That(q.Where, Is.EqualTo("\"color\" IN (@p0, @p1)"));
            Assert.That(q.Parameters, Is.EqualTo(new object?[] { 1L, 3L }));
        });
    }

    private sealed class Thrower
    {
        public int Value => throw new InvalidOperationException("boom");
    }

    [Test]
    public void Composite_specifications_translate()
    {
        var spec = Specification<Item>.Where(i => i.Active) & !Specification<Item>.Where(i => i.Qty > 3);
        Assert.That(Translator.Translate(spec, ItemMapping.Instance).Where, Is.EqualTo("(\"active\" = @p0 AND \"qty\" <= @p1)"));
    }

    private static IEnumerable<TestCaseData> Untranslatable()
    {
        var two = 2;
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => i.Name.ToUpperInvariant() == "X")).SetName("method call on member");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => i.Qty + 1 > two)).SetName("arithmetic on member");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => i.Name.Length > 3)).SetName("unmapped member chain");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => i.Qty > i.Score)).SetName("member vs member");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => i.Name.StartsWith("a", StringComparison.OrdinalIgnoreCase))).SetName("non-ordinal comparison");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => i.Name.Contains("a\0b"))).SetName("NUL in LIKE value");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => (i.Active ? i.Qty : 0) > 1)).SetName("conditional");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => i.Name.Contains(i.Note!))).SetName("LIKE against member");
        yield return new TestCaseData((Expression<Func<Item, bool>>)(i => (long)i.Score!.Value == 3)).SetName("Nullable.Value");
    }

    [TestCaseSource(nameof(Untranslatable))]
    public void Untranslatable_constructs_throw_naming_the_expression(Expression<Func<Item, bool>> predicate)
    {
        var ex = Assert.Throws<UntranslatableSpecificationException>(() => T(predicate));
        Assert.That(ex!.Expression, Is.Not.Empty);
    }

    [Test]
    public void Unmapped_member_names_the_member()
    {
        var mapping = new NameOnlyMapping();
        var ex = Assert.Throws<UntranslatableSpecificationException>(
            () => Translator.Translate(Specification<Item>.Where(i => i.Qty > 1), mapping));
        Assert.That(ex!.Message, Does.Contain("Qty"));
    }

    [Test]
    public void Unmapped_or_computed_sort_keys_throw()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<UntranslatableSpecificationException>(() => T(_ => true, PageRequest.Of<Item>(1, 5).OrderBy(i => i.Name.Length)));
            Assert.Throws<UntranslatableSpecificationException>(() => T(_ => true, PageRequest.Of<Item>(1, 5).OrderBy(i => i.Qty * 2)));
            Assert.Throws<UntranslatableSpecificationException>(() => T(_ => true, PageRequest.Of<Item>(1, 5).OrderBy(i => "id desc; drop table items")));
            Assert.Throws<UntranslatableSpecificationException>(
                () => Translator.Translate(Specification<Item>.All, new NameOnlyMapping(), PageRequest.Of<Item>(1, 5).OrderBy(i => i.Qty)));
        });
    }

    private sealed class NameOnlyMapping : ISpecificationMapping<Item>
    {
        public string Table => "items";

        public bool TryGetColumn(string memberPath, out SqlColumn column)
        {
            column = new SqlColumn("name");
            return memberPath == "Name";
        }
    }
}
