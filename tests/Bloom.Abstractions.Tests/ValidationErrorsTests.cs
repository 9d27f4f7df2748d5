namespace Bloom.Abstractions.Tests;

[TestFixture]
public sealed class ValidationErrorsTests
{
    private static void ValidateMoney(ref ValidationErrors errors, decimal amount, string currency)
    {
        errors.Ensure(amount >= 0, "Amount", "must not be negative");
        errors.Ensure(currency is { Length: 3 }, "Currency", "must be a three-letter ISO code");
    }

    [Test]
    public void A_default_struct_has_no_errors_and_does_not_throw()
    {
        ValidationErrors errors = default;

        Assert.That(errors.HasErrors, Is.False);
        Assert.That(errors.Count, Is.Zero);
        Assert.That(errors.ToList(), Is.Empty);
        Assert.That(() => errors.ThrowIfAny("Money"), Throws.Nothing);
    }

    [Test]
    public void A_new_struct_behaves_like_default()
    {
        var errors = new ValidationErrors();

        Assert.That(errors.HasErrors, Is.False);
        Assert.That(errors.ToList(), Is.Empty);
        Assert.That(() => errors.ThrowIfAny("Money"), Throws.Nothing);
    }

    [Test]
    public void Passing_rules_add_nothing()
    {
        var errors = new ValidationErrors();

        ValidateMoney(ref errors, 10m, "EUR");

        Assert.That(errors.HasErrors, Is.False);
        Assert.That(errors.Count, Is.Zero);
        Assert.That(() => errors.ThrowIfAny("Money"), Throws.Nothing);
    }

    [Test]
    public void Ensure_adds_only_when_the_condition_is_false_and_returns_it()
    {
        var errors = new ValidationErrors();

        var passed = errors.Ensure(true, "A", "never added");
        var failed = errors.Ensure(false, "B", "must hold");

        Assert.That(passed, Is.True);
        Assert.That(failed, Is.False);
        Assert.That(errors.ToList(), Is.EqualTo(new[] { new ValidationError("B", "must hold") }));
    }

    [Test]
    public void Errors_keep_the_order_they_were_added_in()
    {
        var errors = new ValidationErrors();

        errors.Add("Zeta", "first");
        errors.Ensure(false, "Alpha", "second");
        errors.Add("Mid", "third");

        Assert.That(errors.Count, Is.EqualTo(3));
        Assert.That(errors.HasErrors, Is.True);
        Assert.That(errors.ToList().Select(static e => e.MemberName), Is.EqualTo(new[] { "Zeta", "Alpha", "Mid" }));
    }

    [Test]
    public void Errors_collected_through_ref_reach_the_caller()
    {
        var errors = new ValidationErrors();

        ValidateMoney(ref errors, -1m, "euro");

        Assert.That(errors.ToList(), Is.EqualTo(new[]
        {
            new ValidationError("Amount", "must not be negative"),
            new ValidationError("Currency", "must be a three-letter ISO code"),
        }));
    }

    [Test]
    public void ThrowIfAny_throws_with_every_error_in_order()
    {
        var errors = new ValidationErrors();
        ValidateMoney(ref errors, -1m, "euro");

        var ex = Assert.Throws<ValidationException>(() => errors.ThrowIfAny("Money"));

        Assert.That(ex!.TypeName, Is.EqualTo("Money"));
        Assert.That(ex.Errors.Select(static e => e.MemberName), Is.EqualTo(new[] { "Amount", "Currency" }));
        Assert.That(ex.Message, Does.Contain("Amount: must not be negative").And.Contain("Currency: must be a three-letter ISO code"));
    }

    [Test]
    public void ToList_and_the_thrown_errors_are_snapshots()
    {
        var errors = new ValidationErrors();
        errors.Add("A", "one");
        var list = errors.ToList();
        var ex = Assert.Throws<ValidationException>(() => errors.ThrowIfAny("T"));

        errors.Add("B", "two");

        Assert.That(list, Has.Count.EqualTo(1));
        Assert.That(ex!.Errors, Has.Count.EqualTo(1));
        Assert.That(errors.ToList(), Has.Count.EqualTo(2));
    }
}
