namespace Bloom.Abstractions.Tests;

[TestFixture]
public sealed class PageTests
{
    public sealed record Row(int Id);

    private static Page<Row> Make(int count, int pageNumber, int size, long total) =>
        new(Enumerable.Range(1, count).Select(i => new Row(i)).ToArray(), pageNumber, size, total);

    [Test]
    public void No_items_means_zero_pages_and_no_next()
    {
        var page = Make(0, 1, 20, 0);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items, Is.Empty);
            Assert.That(page.TotalCount, Is.Zero);
            Assert.That(page.TotalPages, Is.Zero);
            Assert.That(page.HasNext, Is.False);
            Assert.That(page.HasPrevious, Is.False);
        });
    }

    [TestCase(40, 20, 2)]
    [TestCase(20, 20, 1)]
    [TestCase(1000, 1, 1000)]
    public void Exact_multiple_fills_whole_pages(long total, int size, long expectedPages)
    {
        Assert.That(Make(0, 1, size, total).TotalPages, Is.EqualTo(expectedPages));
    }

    [TestCase(41, 20, 3)]
    [TestCase(1, 20, 1)]
    [TestCase(19, 20, 1)]
    [TestCase(21, 20, 2)]
    public void Remainder_adds_a_last_partial_page(long total, int size, long expectedPages)
    {
        Assert.That(Make(0, 1, size, total).TotalPages, Is.EqualTo(expectedPages));
    }

    [Test]
    public void Large_totals_do_not_overflow()
    {
        Assert.That(Make(0, 1, 1000, long.MaxValue - 1000).TotalPages, Is.EqualTo((long.MaxValue - 1000 + 999) / 1000));
    }

    [TestCase(1, 45, false, true)]
    [TestCase(2, 45, true, true)]
    [TestCase(3, 45, true, false)]
    [TestCase(4, 45, true, false)]
    [TestCase(1, 20, false, false)]
    public void HasPrevious_and_HasNext_follow_the_page_number(int pageNumber, long total, bool hasPrevious, bool hasNext)
    {
        var page = Make(0, pageNumber, 20, total);

        Assert.That(page.HasPrevious, Is.EqualTo(hasPrevious));
        Assert.That(page.HasNext, Is.EqualTo(hasNext));
    }

    [Test]
    public void Keeps_items_in_order_and_describes_itself()
    {
        var page = Make(5, 3, 5, 93);

        Assert.That(page.Items.Select(r => r.Id), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(page.PageNumber, Is.EqualTo(3));
        Assert.That(page.Size, Is.EqualTo(5));
        Assert.That(page.ToString(), Is.EqualTo("page 3 of 19 (5 of 93 items)"));
    }

    [Test]
    public void Can_be_created_from_the_request_it_answers()
    {
        var request = PageRequest.Of<Row>(2, 10);

        var page = new Page<Row>([new Row(11)], request, 11);

        Assert.That(page.PageNumber, Is.EqualTo(2));
        Assert.That(page.Size, Is.EqualTo(10));
        Assert.That(page.HasNext, Is.False);
        Assert.That(page.HasPrevious, Is.True);
        Assert.Throws<ArgumentNullException>(() => _ = new Page<Row>([], (PageRequest<Row>)null!, 0));
    }

    [Test]
    public void Invalid_arguments_are_rejected_with_clear_messages()
    {
        Assert.Throws<ArgumentNullException>(() => _ = new Page<Row>(null!, 1, 1, 0));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Make(0, 0, 10, 0))!.ParamName, Is.EqualTo("pageNumber"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Make(0, 1, 0, 0))!.ParamName, Is.EqualTo("size"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Make(0, 1, 10, -1))!.ParamName, Is.EqualTo("totalCount"));
        var tooMany = Assert.Throws<ArgumentException>(() => Make(3, 1, 2, 3));
        Assert.That(tooMany!.Message, Does.StartWith("A page of size 2 cannot hold 3 items."));
    }
}
