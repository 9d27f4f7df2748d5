using System.Linq.Expressions;

namespace Bloom.Abstractions.Tests;

[TestFixture]
public sealed class PageRequestTests
{
    public sealed record Row(int Id, string Name, DateTime PlacedAt, int? Rank);

    [Test]
    public void Of_keeps_page_and_size_and_computes_skip()
    {
        var request = PageRequest.Of(3, 20);

        Assert.Multiple(() =>
        {
            Assert.That(request.Page, Is.EqualTo(3));
            Assert.That(request.Size, Is.EqualTo(20));
            Assert.That(request.Skip, Is.EqualTo(40));
            Assert.That(PageRequest.Of(1, 1).Skip, Is.Zero);
            Assert.That(PageRequest.Of(int.MaxValue, PageRequest.MaxSize).Skip, Is.EqualTo((int.MaxValue - 1L) * 1000), "no overflow");
            Assert.That(request.ToString(), Is.EqualTo("page 3, size 20"));
        });
    }

    [Test]
    public void MaxSize_is_1000_and_is_accepted()
    {
        Assert.That(PageRequest.MaxSize, Is.EqualTo(1000));
        Assert.That(PageRequest.Of(1, PageRequest.MaxSize).Size, Is.EqualTo(1000));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void Page_below_one_is_rejected_with_a_clear_message(int page)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PageRequest.Of(page, 10));

        Assert.That(ex!.ParamName, Is.EqualTo("page"));
        Assert.That(ex.Message, Does.StartWith($"Page numbers start at 1, but {page} was requested. Pass 1 for the first page."));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageRequest.Of<Row>(page, 10));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void Size_below_one_is_rejected_with_a_clear_message(int size)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PageRequest.Of(1, size));

        Assert.That(ex!.ParamName, Is.EqualTo("size"));
        Assert.That(ex.Message, Does.StartWith($"A page holds at least 1 item, but a size of {size} was requested. Pass a size from 1 to 1000."));
    }

    [TestCase(1001)]
    [TestCase(int.MaxValue)]
    public void Size_above_MaxSize_is_rejected_with_a_clear_message(int size)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PageRequest.Of(1, size));

        Assert.That(ex!.ParamName, Is.EqualTo("size"));
        Assert.That(ex.Message, Does.StartWith($"A page holds at most 1000 items, but a size of {size} was requested."));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageRequest.Of<Row>(1, size));
    }

    [Test]
    public void OrderBy_with_a_typed_parameter_infers_the_item_type()
    {
        PageRequest<Row> request = PageRequest.Of(2, 20).OrderBy((Row r) => r.PlacedAt);

        Assert.Multiple(() =>
        {
            Assert.That(request.Page, Is.EqualTo(2));
            Assert.That(request.Size, Is.EqualTo(20));
            Assert.That(request.Skip, Is.EqualTo(20));
            Assert.That(request.SortKeys, Has.Count.EqualTo(1));
            Assert.That(request.SortKeys[0].Descending, Is.False);
            Assert.That(request.SortKeys[0].Member.ToString(), Is.EqualTo("r => r.PlacedAt"));
        });
    }

    [Test]
    public void Sort_keys_keep_order_and_direction()
    {
        var request = PageRequest.Of<Row>(1, 10)
            .OrderByDescending(r => r.Rank)
            .ThenBy(r => r.Name)
            .ThenByDescending(r => r.PlacedAt)
            .ThenBy(r => r.Id);

        Assert.That(request.SortKeys.Select(k => (k.Member.ToString(), k.Descending)), Is.EqualTo(new[]
        {
            ("r => r.Rank", true),
            ("r => r.Name", false),
            ("r => r.PlacedAt", true),
            ("r => r.Id", false),
        }));
        Assert.That(request.ToString(), Is.EqualTo("page 1, size 10, order by r => r.Rank desc, r => r.Name, r => r.PlacedAt desc, r => r.Id"));
        Assert.That(request.SortKeys[0].Member.Parameters, Has.Count.EqualTo(1));
        Assert.That(((MemberExpression)request.SortKeys[1].Member.Body).Member.Name, Is.EqualTo("Name"), "translators resolve the member from the tree");
    }

    [Test]
    public void Requests_are_immutable_and_OrderBy_replaces_previous_keys()
    {
        var unordered = PageRequest.Of<Row>(1, 10);
        var byName = unordered.OrderBy(r => r.Name);
        var byNameThenId = byName.ThenBy(r => r.Id);
        var byRank = byNameThenId.OrderByDescending(r => r.Rank);

        Assert.Multiple(() =>
        {
            Assert.That(unordered.SortKeys, Is.Empty);
            Assert.That(byName.SortKeys, Has.Count.EqualTo(1));
            Assert.That(byNameThenId.SortKeys, Has.Count.EqualTo(2));
            Assert.That(byRank.SortKeys.Select(k => k.Member.ToString()), Is.EqualTo(new[] { "r => r.Rank" }));
            Assert.That(PageRequest.Of(1, 5).OrderByDescending((Row r) => r.Id).SortKeys[0].Descending, Is.True);
        });
    }

    [Test]
    public void ThenBy_without_OrderBy_says_to_call_OrderBy_first()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => PageRequest.Of<Row>(1, 10).ThenBy(r => r.Id));

        Assert.That(ex!.Message, Does.Contain("Call OrderBy or OrderByDescending first"));
        Assert.Throws<InvalidOperationException>(() => PageRequest.Of<Row>(1, 10).ThenByDescending(r => r.Id));
    }

    [Test]
    public void Null_keys_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => PageRequest.Of<Row>(1, 10).OrderBy<int>(null!));
        Assert.Throws<ArgumentNullException>(() => PageRequest.Of(1, 10).OrderBy<Row, int>(null!));
        Assert.Throws<ArgumentNullException>(() => PageRequest.Of<Row>(1, 10).OrderBy(r => r.Id).ThenBy<int>(null!));
    }

    [Test]
    public void An_unordered_request_converts_implicitly_to_a_typed_one()
    {
        PageRequest<Row> typed = PageRequest.Of(4, 25);

        Assert.That(typed.Page, Is.EqualTo(4));
        Assert.That(typed.Size, Is.EqualTo(25));
        Assert.That(typed.SortKeys, Is.Empty);
        Assert.That(TakesTypedRequest(PageRequest.Of(1, 20)), Is.EqualTo(1), "a repository's PageAsync accepts PageRequest.Of(1, 20)");
        Assert.That(PageRequest.Of(2, 3).For<Row>().Skip, Is.EqualTo(3));
    }

    [Test]
    public void ApplyTo_sorts_stably_with_ordinal_strings_and_nulls_first_then_pages()
    {
        var rows = new[]
        {
            new Row(1, "b", default, 2),
            new Row(2, "B", default, null),
            new Row(3, "a", default, 2),
            new Row(4, "\u00e9", default, 1),
            new Row(5, "A", default, null),
        };

        var byName = PageRequest.Of<Row>(1, 10).OrderBy(r => r.Name).ApplyTo(rows).Select(r => r.Id);
        var byRankThenIdDesc = PageRequest.Of<Row>(1, 10).OrderBy(r => r.Rank).ThenByDescending(r => r.Id).ApplyTo(rows).Select(r => r.Id);
        var byRankDescStable = PageRequest.Of<Row>(1, 10).OrderByDescending(r => r.Rank).ApplyTo(rows).Select(r => r.Id);
        var secondPage = PageRequest.Of<Row>(2, 2).OrderBy(r => r.Id).ApplyTo(rows).Select(r => r.Id);
        var pastTheEnd = PageRequest.Of<Row>(4, 2).OrderBy(r => r.Id).ApplyTo(rows);
        var unordered = PageRequest.Of<Row>(2, 3).ApplyTo(rows).Select(r => r.Id);

        Assert.Multiple(() =>
        {
            Assert.That(byName, Is.EqualTo(new[] { 5, 2, 3, 1, 4 }), "ordinal: 'A' < 'B' < 'a' < 'b' < 'é'");
            Assert.That(byRankThenIdDesc, Is.EqualTo(new[] { 5, 2, 4, 3, 1 }), "null first ascending");
            Assert.That(byRankDescStable, Is.EqualTo(new[] { 1, 3, 4, 2, 5 }), "ties keep source order");
            Assert.That(secondPage, Is.EqualTo(new[] { 3, 4 }));
            Assert.That(pastTheEnd, Is.Empty);
            Assert.That(unordered, Is.EqualTo(new[] { 4, 5 }));
        });
        Assert.Throws<ArgumentNullException>(() => PageRequest.Of<Row>(1, 1).ApplyTo(null!));
    }

    [Test]
    public void SortKey_is_a_value_with_a_readable_text()
    {
        Expression<Func<Row, int>> id = r => r.Id;

        var key = new SortKey(id, true);
        var same = new SortKey(id, true);

        Assert.That(key, Is.EqualTo(same));
        Assert.That(key, Is.Not.EqualTo(new SortKey(id, false)));
        Assert.That(new SortKey(id, true).ToString(), Is.EqualTo("r => r.Id desc"));
        Assert.That(new SortKey(id, false).ToString(), Is.EqualTo("r => r.Id"));
    }

    [Test]
    public void The_design_call_shapes_compile_against_the_repository_port()
    {
        // Compile-time check of DESIGN.md §4's query shapes against IReadRepository; never executed.
        static Task<Page<Order>> Query(IRepository<Order, Guid> orders, CancellationToken ct)
        {
            var open = Specification<Order>.Where(o => o.Open) & !Specification<Order>.Where(o => o.Flagged);
            _ = orders.PageAsync(open, PageRequest.Of(1, 20), ct);
            _ = orders.PageAsync(open, PageRequest.Of<Order>(1, 20).OrderBy(o => o.PlacedAt).ThenBy(o => o.Id), ct);
            return orders.PageAsync(open, PageRequest.Of(1, 20).OrderBy((Order o) => o.PlacedAt), ct);
        }

        Assert.That((Func<IRepository<Order, Guid>, CancellationToken, Task<Page<Order>>>)Query, Is.Not.Null);
    }

    private static int TakesTypedRequest(PageRequest<Row> request) => request.Page;

    public sealed class Order : IAggregateRoot<Guid>
    {
        public Guid Id { get; } = Guid.NewGuid();

        public bool Open { get; init; }

        public bool Flagged { get; init; }

        public DateTime PlacedAt { get; init; }

        public long Version { get; private set; }

        public IReadOnlyList<IDomainEvent> PendingEvents => [];

        public void ClearPendingEvents()
        {
        }

        public void MarkCommitted(long newVersion) => Version = newVersion;
    }
}
