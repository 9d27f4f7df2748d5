using System.Reflection;
using System.Text.Json;

namespace Bloom.IntegrationTests;

public sealed class ValueObjectValidationTests
{
    [Test]
    public void PositionalRecord_ValidInput_Constructs()
    {
        var money = new Money(12.34m, "EUR");

        Assert.Multiple(() =>
        {
            Assert.That(money.Amount, Is.EqualTo(12.34m));
            Assert.That(money.Currency, Is.EqualTo("EUR"));
            Assert.That(Money.Create(12.34m, "EUR"), Is.EqualTo(money));
        });
    }

    [Test]
    public void PositionalRecord_Constructor_ThrowsWithEveryFailedRule()
    {
        var exception = Assert.Throws<ValidationException>(() => _ = new Money(-5.555m, "euro"));

        Assert.That(exception!.Errors, Is.EqualTo(new[]
        {
            new ValidationError("Amount", "must not be negative"),
            new ValidationError("Amount", "must have at most two decimals"),
            new ValidationError("Currency", "must be a three-letter upper-case ISO 4217 code"),
        }).AsCollection);
        Assert.Multiple(() =>
        {
            Assert.That(exception.TypeName, Is.EqualTo("Money"));
            Assert.That(exception.Message, Does.StartWith("Invalid Money: 3 rules failed"));
            Assert.That(exception.Message, Does.Contain("Amount: must not be negative"));
            Assert.That(exception.Message, Does.Contain("Currency: must be a three-letter upper-case ISO 4217 code"));
            Assert.That(exception, Is.InstanceOf<DomainException>());
        });
    }

    [Test]
    public void PositionalRecord_OneFailedRule_IsReportedAlone()
    {
        var exception = Assert.Throws<ValidationException>(() => _ = new Money(1m, "eur"));

        Assert.That(exception!.Errors.Select(static e => e.MemberName), Is.EqualTo(new[] { "Currency" }).AsCollection);
        Assert.That(exception.Message, Does.StartWith("Invalid Money: 1 rule failed"));
    }

    [Test]
    public void Create_Throws_AndTryCreate_ReturnsTheSameErrorsWithoutThrowing()
    {
        var thrown = Assert.Throws<ValidationException>(() => Money.Create(-1m, "X"));

        var created = true;
        Money? value = null;
        IReadOnlyList<ValidationError> errors = [];
        Assert.DoesNotThrow(() => created = Money.TryCreate(-1m, "X", out value, out errors));

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.False);
            Assert.That(value, Is.Null);
            Assert.That(errors, Is.EqualTo(thrown!.Errors).AsCollection);
            Assert.That(errors.Select(static e => e.MemberName), Is.EqualTo(new[] { "Amount", "Currency" }).AsCollection);
        });
    }

    [Test]
    public void TryCreate_ValidInput_ReturnsTheValueAndNoErrors()
    {
        Assert.That(Money.TryCreate(3m, "USD", out var money, out var errors), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(money, Is.EqualTo(new Money(3m, "USD")));
            Assert.That(errors, Is.Empty);
        });
    }

    [Test]
    public void PositionalRecord_PropertiesAreGetOnly_SoWithCannotBypassValidation()
    {
        foreach (var name in new[] { nameof(Money.Amount), nameof(Money.Currency) })
        {
            var property = typeof(Money).GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            Assert.That(property, Is.Not.Null);
            Assert.That(property!.SetMethod, Is.Null, $"{name} must have no setter or init accessor");
        }
    }

    [Test]
    public void PositionalRecord_CopyConstruction_KeepsValidState()
    {
        var money = new Money(5m, "EUR");
        var copy = money with { };

        Assert.That(copy, Is.EqualTo(money));
        Assert.That(ReferenceEquals(copy, money), Is.False);
    }

    [Test]
    public void JsonDeserialization_RunsTheRules()
    {
        var exception = Assert.Throws<ValidationException>(() => JsonSerializer.Deserialize<Money>("""{"amount":-1,"currency":"EUR"}"""));

        Assert.That(exception!.Errors.Single().MemberName, Is.EqualTo("Amount"));
    }

    [Test]
    public void ClassWithGeneratedConstructor_ListsEveryFailedRule()
    {
        var exception = Assert.Throws<ValidationException>(() => _ = new ProductSheet(
            [],
            new HashSet<string>(),
            new Dictionary<string, int> { ["ams"] = -1 }));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.TypeName, Is.EqualTo("ProductSheet"));
            Assert.That(exception.Errors.Select(static e => e.MemberName), Is.EqualTo(new[] { "Lines", "Stock" }).AsCollection);
            Assert.That(exception.Message, Does.Contain("Invalid ProductSheet").And.Contain("2 rules failed"));
        });

        Assert.That(ProductSheet.TryCreate(["ok"], null!, new Dictionary<string, int>(), out var sheet, out var errors), Is.False);
        Assert.Multiple(() =>
        {
            Assert.That(sheet, Is.Null);
            Assert.That(errors, Is.EqualTo(new[] { new ValidationError("Labels", "is required") }).AsCollection);
        });
    }

    [Test]
    public void ClassWithNullableMember_ValidatesEveryMemberInDeclarationOrder()
    {
        var exception = Assert.Throws<ValidationException>(() => PersonName.Create(" ", string.Empty, ""));

        Assert.That(exception!.Errors.Select(static e => e.MemberName), Is.EqualTo(new[] { "First", "Middle", "Last" }).AsCollection);
        Assert.That(new PersonName("Ada", null, "Lovelace").Middle, Is.Null, "null is valid for the nullable member");
    }

    [Test]
    public void Struct_ValidatesInItsGeneratedConstructor()
    {
        var exception = Assert.Throws<ValidationException>(() => _ = new Coordinates(91, -181));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.TypeName, Is.EqualTo("Coordinates"));
            Assert.That(exception.Errors, Is.EqualTo(new[]
            {
                new ValidationError("Latitude", "must be between -90 and 90"),
                new ValidationError("Longitude", "must be between -180 and 180"),
            }).AsCollection);
        });

        Assert.That(Coordinates.TryCreate(0, 200, out var value, out var errors), Is.False);
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(default(Coordinates)));
            Assert.That(errors.Single().MemberName, Is.EqualTo("Longitude"));
        });
        Assert.That(Coordinates.Create(-90, 180).Longitude, Is.EqualTo(180));
    }

    [Test]
    public void RecordStruct_ValidatesInItsPrimaryConstructor()
    {
        var exception = Assert.Throws<ValidationException>(() => _ = new Temperature(-300m));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.StartWith("Invalid Temperature: 1 rule failed (Celsius: must not be below absolute zero)"));
            Assert.That(Temperature.TryCreate(-273.16m, out _, out var errors), Is.False);
            Assert.That(errors.Single(), Is.EqualTo(new ValidationError("Celsius", "must not be below absolute zero")));
            Assert.That(Temperature.Create(-273.15m).Celsius, Is.EqualTo(-273.15m));
        });
    }

    [Test]
    public void ValueObjectsWithoutValidate_HaveNoFactories()
    {
        Assert.Multiple(() =>
        {
            Assert.That(typeof(TagList).GetMethod("Create", BindingFlags.Public | BindingFlags.Static), Is.Null);
            Assert.That(typeof(Route).GetMethod("TryCreate", BindingFlags.Public | BindingFlags.Static), Is.Null);
            Assert.That(typeof(Money).GetMethod("TryCreate", BindingFlags.Public | BindingFlags.Static), Is.Not.Null);
        });
    }

    [Test]
    public void PositionalRecord_WithAUserDeclaredProperty_StillNormalizes()
    {
        Assert.That(new EmailAddress("  Ada@Example.ORG ").Address, Is.EqualTo("ada@example.org"));
        Assert.That(new EmailAddress("a@b") == new EmailAddress(" A@B "), Is.True);
    }

    [Test]
    public void PositionalRecord_WithAUserDeclaredProperty_TryCreateReportsTheRule()
    {
        Assert.That(EmailAddress.TryCreate("nope", out var value, out var errors), Is.False);
        Assert.That(value, Is.Null);
        Assert.That(errors, Is.EqualTo(new[] { new ValidationError("Address", "must contain '@'") }).AsCollection);
    }

    /// <summary>
    /// When the record declares the property for its positional parameter itself, the generator has no synthesized property
    /// to hang the validation initializer on; every construction path must still run the rules.
    /// </summary>
    [Test]
    public void PositionalRecord_WithAUserDeclaredProperty_ValidatesOnEveryConstructionPath()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new EmailAddress("nope"), Throws.TypeOf<ValidationException>(), "new");
            Assert.That(() => EmailAddress.Create("nope"), Throws.TypeOf<ValidationException>(), "Create");
            Assert.That(() => JsonSerializer.Deserialize<EmailAddress>("\"nope\""), Throws.TypeOf<ValidationException>(), "JSON");
        });
    }
}
