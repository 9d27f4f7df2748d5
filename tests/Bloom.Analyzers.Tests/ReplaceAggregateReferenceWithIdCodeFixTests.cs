using Bloom.CodeFixes;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class ReplaceAggregateReferenceWithIdCodeFixTests
{
    private const string Model = """
        using System.Collections.Generic;

        [StronglyTypedId] public readonly partial struct CustomerId;
        [StronglyTypedId] public readonly partial struct ProductId;
        [StronglyTypedId] public readonly partial struct OrderId;

        [Aggregate] public sealed partial class Customer { public CustomerId Id { get; private set; } }
        [Aggregate] public sealed partial class Product { public ProductId Id { get; private set; } }

        """;

    private static Task VerifyAsync(string source, string fixedSource)
        => VerifyCodeFixAsync<AggregateReferenceAnalyzer, ReplaceAggregateReferenceWithIdCodeFix>(Usings + Model + source, Usings + Model + fixedSource);

    private static string InOrder(string member) => $$"""
        [Aggregate] public sealed partial class Order
        {
            public OrderId Id { get; private set; }
            {{member}}
        }
        """;

    [TestCase("private {|BLM1001:Customer|} _customer;", "private CustomerId _customer;")]
    [TestCase("public {|BLM1001:Customer|} Buyer { get; private set; }", "public CustomerId Buyer { get; private set; }")]
    [TestCase("private readonly {|BLM1001:List<Customer>|} _customers = new();", "private readonly List<CustomerId> _customers = new();")]
    [TestCase("private {|BLM1001:Customer[]|} _customers = [];", "private CustomerId[] _customers = [];")]
    [TestCase("public {|BLM1001:IReadOnlyList<Customer>|} Buyers { get; private set; } = [];", "public IReadOnlyList<CustomerId> Buyers { get; private set; } = [];")]
    [TestCase("private {|BLM1001:Dictionary<string, Customer>|} _byName = new();", "private Dictionary<string, CustomerId> _byName = new();")]
    [TestCase("private {|BLM1001:(Customer Buyer, int Quantity)|} _top;", "private (CustomerId Buyer, int Quantity) _top;")]
    [TestCase("private {|BLM1001:Customer?|} _payer;", "private CustomerId? _payer;")]
    [TestCase("private {|BLM1001:global::Customer|} _customer;", "private CustomerId _customer;")]
    [TestCase("private {|BLM1001:Dictionary<Customer, List<Customer>>|} _referrals = new();", "private Dictionary<CustomerId, List<CustomerId>> _referrals = new();")]
    public Task Replaces_the_aggregate_with_its_id_type(string member, string fixedMember)
        => VerifyAsync("#nullable enable\n" + InOrder(member), "#nullable enable\n" + InOrder(fixedMember));

    [Test]
    public Task Replaces_only_the_aggregate_part_of_a_tuple_with_two_aggregates()
        => VerifyAsync(
            InOrder("private {|BLM1001:{|BLM1001:(Customer Buyer, Product Item)|}|} _pair;"),
            InOrder("private (CustomerId Buyer, ProductId Item) _pair;"));

    [Test]
    public Task Keeps_comments_and_layout_around_the_type()
        => VerifyAsync(
            InOrder("private /* who */ {|BLM1001:List< Customer >|} /* pays */ _payers = new();"),
            InOrder("private /* who */ List< CustomerId > /* pays */ _payers = new();"));

    [Test]
    public Task Qualifies_the_id_type_when_its_namespace_is_not_imported()
        => VerifyAsync(
            """
            namespace Crm
            {
                [StronglyTypedId] public readonly partial struct AccountId;
                [Aggregate] public sealed partial class Account { public AccountId Id { get; private set; } }
            }

            """ + InOrder("private {|BLM1001:Crm.Account|} _account;"),
            """
            namespace Crm
            {
                [StronglyTypedId] public readonly partial struct AccountId;
                [Aggregate] public sealed partial class Account { public AccountId Id { get; private set; } }
            }

            """ + InOrder("private Crm.AccountId _account;"));

    [Test]
    public Task Fixes_a_positional_record_property()
        => VerifyAsync(
            "[Aggregate] public sealed partial record Order(OrderId Id, {|BLM1001:Customer|} Buyer);",
            "[Aggregate] public sealed partial record Order(OrderId Id, CustomerId Buyer);");

    [Test]
    public Task Offers_no_fix_when_the_aggregate_has_no_id()
    {
        var source = """
            [Aggregate] public sealed partial class Draft { }

            """ + InOrder("private {|BLM1001:Draft|} _draft;");
        return VerifyAsync(source, source);
    }
}
