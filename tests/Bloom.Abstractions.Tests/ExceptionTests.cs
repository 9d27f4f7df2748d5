namespace Bloom.Abstractions.Tests;

[TestFixture]
public sealed class ExceptionTests
{
    [Test]
    public void ValidationException_lists_every_error_with_its_member_name_and_says_what_to_do()
    {
        var errors = new[]
        {
            new ValidationError("Amount", "must not be negative"),
            new ValidationError("Currency", "must be a three-letter ISO code"),
            new ValidationError("Amount", "must have at most 2 decimals"),
        };

        var ex = new ValidationException("Money", errors);

        Assert.That(ex.TypeName, Is.EqualTo("Money"));
        Assert.That(ex.Errors, Is.EqualTo(errors));
        Assert.That(ex.Message, Is.EqualTo(
            "Invalid Money: 3 rules failed (Amount: must not be negative; Currency: must be a three-letter ISO code; " +
            "Amount: must have at most 2 decimals). Correct the input and create the Money again."));
    }

    [Test]
    public void ValidationException_with_one_error_says_one_rule()
    {
        var ex = new ValidationException("Email", [new ValidationError("Value", "must contain '@'")]);

        Assert.That(ex.Message, Does.StartWith("Invalid Email: 1 rule failed (Value: must contain '@')."));
    }

    [Test]
    public void ValidationException_needs_at_least_one_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ValidationException("Money", []));

        Assert.That(ex!.ParamName, Is.EqualTo("errors"));
        Assert.That(ex.Message, Does.Contain("at least one error"));
    }

    [Test]
    public void ValidationException_rejects_null_arguments()
    {
        Assert.That(() => new ValidationException(null!, [new ValidationError("A", "b")]), Throws.ArgumentNullException);
        Assert.That(() => new ValidationException("Money", null!), Throws.ArgumentNullException);
    }

    [Test]
    public void ValidationError_formats_as_member_colon_message_and_compares_by_value()
    {
        var error = new ValidationError("Amount", "must not be negative");

        Assert.That(error.ToString(), Is.EqualTo("Amount: must not be negative"));
        Assert.That(error, Is.EqualTo(new ValidationError("Amount", "must not be negative")));
        Assert.That(error, Is.Not.EqualTo(new ValidationError("Currency", "must not be negative")));
    }

    [Test]
    public void ConcurrencyException_carries_the_expected_and_actual_versions()
    {
        var id = Guid.Parse("0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f");

        var ex = new ConcurrencyException("Order", id, expectedVersion: 3, actualVersion: 5);

        Assert.Multiple(() =>
        {
            Assert.That(ex.AggregateType, Is.EqualTo("Order"));
            Assert.That(ex.Id, Is.EqualTo(id));
            Assert.That(ex.ExpectedVersion, Is.EqualTo(3));
            Assert.That(ex.ActualVersion, Is.EqualTo(5));
            Assert.That(ex.Message, Does.Contain("Order '0190f2a4-7c1e-7b3a-9d2e-0a1b2c3d4e5f' was changed concurrently"));
            Assert.That(ex.Message, Does.Contain("expected version 3 but found version 5"));
            Assert.That(ex.Message, Does.Contain("Nothing was written").And.Contain("reload the aggregate, re-apply the change and commit again"));
        });
    }

    [Test]
    public void ConcurrencyException_for_a_deleted_aggregate_has_no_actual_version_and_says_so()
    {
        var ex = new ConcurrencyException("Order", 42L, expectedVersion: 7, actualVersion: null);

        Assert.That(ex.ActualVersion, Is.Null);
        Assert.That(ex.ExpectedVersion, Is.EqualTo(7));
        Assert.That(ex.Message, Does.Contain("Order '42'").And.Contain("expected version 7 but found no row (it was deleted)"));
        Assert.That(ex.Message, Does.Not.Contain("found version"));
    }

    [Test]
    public void ConcurrencyException_with_actual_version_zero_is_not_mistaken_for_deleted()
    {
        var ex = new ConcurrencyException("Order", "o-1", expectedVersion: 1, actualVersion: 0);

        Assert.That(ex.ActualVersion, Is.Zero);
        Assert.That(ex.Message, Does.Contain("found version 0").And.Not.Contain("deleted"));
    }

    [Test]
    public void AggregateNotFoundException_names_the_type_and_id_and_the_alternative()
    {
        var ex = new AggregateNotFoundException("Customer", "C-17");

        Assert.That(ex.AggregateType, Is.EqualTo("Customer"));
        Assert.That(ex.Id, Is.EqualTo("C-17"));
        Assert.That(ex.Message, Is.EqualTo("Customer 'C-17' was not found. Check the id, or use Find (which returns null) when absence is expected."));
    }

    [Test]
    public void BusinessRuleViolationException_names_the_rule_and_what_it_requires()
    {
        var ex = new BusinessRuleViolationException("OrderMustHaveLines", "an order needs at least one line before it ships");

        Assert.That(ex.RuleName, Is.EqualTo("OrderMustHaveLines"));
        Assert.That(ex.RuleMessage, Is.EqualTo("an order needs at least one line before it ships"));
        Assert.That(ex.Message, Is.EqualTo("Business rule 'OrderMustHaveLines' was violated: an order needs at least one line before it ships"));
    }

    [Test]
    public void Every_domain_exception_derives_from_DomainException()
    {
        Exception[] all =
        [
            new ValidationException("Money", [new ValidationError("Amount", "x")]),
            new ConcurrencyException("Order", 1, 1, 2),
            new AggregateNotFoundException("Order", 1),
            new BusinessRuleViolationException("Rule", "x"),
        ];

        Assert.That(all, Has.All.InstanceOf<DomainException>());
        Assert.That(() => throw all[0], Throws.InstanceOf<DomainException>());
    }

    [Test]
    public void DomainException_keeps_its_message_and_cause()
    {
        var cause = new InvalidOperationException("cause");

        var ex = new DomainException("what happened; what to do", cause);

        Assert.That(ex.Message, Is.EqualTo("what happened; what to do"));
        Assert.That(ex.InnerException, Is.SameAs(cause));
        Assert.That(new DomainException("m").InnerException, Is.Null);
    }

    [Test]
    public void ValidationException_keeps_its_own_copy_of_the_errors()
    {
        var errors = new List<ValidationError> { new("Amount", "must not be negative") };
        var exception = new ValidationException("Money", errors);

        errors.Add(new ValidationError("Currency", "late addition"));

        Assert.That(exception.Errors, Has.Count.EqualTo(1));
        Assert.That(() => new ValidationException("Money", [null!]), Throws.ArgumentException);
    }
}
