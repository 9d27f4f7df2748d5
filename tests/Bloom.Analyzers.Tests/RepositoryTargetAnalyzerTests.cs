using Microsoft.CodeAnalysis.Testing;
using static Bloom.Analyzers.Tests.TestHelpers;

namespace Bloom.Analyzers.Tests;

public sealed class RepositoryTargetAnalyzerTests
{
    private const string Model = """
        #nullable enable
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        [StronglyTypedId] public readonly partial struct OrderId;
        [StronglyTypedId] public readonly partial struct LineId;
        [Aggregate] public sealed partial class Order { public OrderId Id { get; } }
        [Entity] public sealed partial class OrderLine { public LineId Id { get; } }
        [ValueObject] public sealed partial record Money(decimal Amount, string Currency);
        [DomainEvent] public sealed partial record OrderPlaced(OrderId OrderId);

        public interface IRepository<T, TId> { Task<T?> GetAsync(TId id, CancellationToken cancellationToken); }

        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync<RepositoryTargetAnalyzer>(Usings + Model + source, expected);

    private static DiagnosticResult Blm1005(int location, string member, string type, string kind)
        => Diagnostic<RepositoryTargetAnalyzer>("BLM1005").WithLocation(location).WithArguments(member, type, kind);

    [Test]
    public Task Reports_a_generic_base_interface_for_an_entity_on_the_base_type()
        => VerifyAsync(
            """
            public interface IOrderLineRepository : {|#0:IRepository<OrderLine, LineId>|} { }
            """,
            Blm1005(0, "IOrderLineRepository", "OrderLine", "an entity"));

    [Test]
    public Task Reports_a_base_class_of_a_class_repository()
        => VerifyAsync(
            """
            public abstract class RepositoryBase<T> { }

            public sealed class MoneyRepository : {|#0:RepositoryBase<Money>|}, {|#1:IRepository<OrderPlaced, Guid>|} { public Task<OrderPlaced?> {|#2:GetAsync|}(Guid id, CancellationToken cancellationToken) => Task.FromResult<OrderPlaced?>(null); }
            """,
            Blm1005(0, "MoneyRepository", "Money", "a value object"),
            Blm1005(1, "MoneyRepository", "OrderPlaced", "a domain event"),
            Blm1005(2, "MoneyRepository.GetAsync", "OrderPlaced", "a domain event"));

    [Test]
    public Task Reports_method_return_types_through_tasks_nullables_collections_and_streams()
        => VerifyAsync(
            """
            public interface IOrderRepository
            {
                Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken);
                Task<OrderLine?> {|#0:GetLineAsync|}(LineId id, CancellationToken cancellationToken);
                ValueTask<IReadOnlyList<OrderLine>> {|#1:LinesAsync|}(OrderId id, CancellationToken cancellationToken);
                IAsyncEnumerable<OrderPlaced> {|#2:HistoryAsync|}(OrderId id, CancellationToken cancellationToken);
                Money[] {|#3:Totals|}();
                List<(Order Order, OrderLine Line)> {|#4:Pairs|}();
                Task SaveAsync(Order order, CancellationToken cancellationToken);
            }
            """,
            Blm1005(0, "IOrderRepository.GetLineAsync", "OrderLine", "an entity"),
            Blm1005(1, "IOrderRepository.LinesAsync", "OrderLine", "an entity"),
            Blm1005(2, "IOrderRepository.HistoryAsync", "OrderPlaced", "a domain event"),
            Blm1005(3, "IOrderRepository.Totals", "Money", "a value object"),
            Blm1005(4, "IOrderRepository.Pairs", "OrderLine", "an entity"));

    [Test]
    public Task Reports_properties_and_indexers_of_a_unit_of_work()
        => VerifyAsync(
            """
            public sealed class SalesUnitOfWork
            {
                public IRepository<Order, OrderId> Orders { get; } = null!;
                public IReadOnlyCollection<OrderLine> {|#0:Lines|} { get; } = [];
                public OrderLine {|#1:this|}[LineId id] => null!;
                private readonly List<OrderLine> _pending = [];
            }
            """,
            Blm1005(0, "SalesUnitOfWork.Lines", "OrderLine", "an entity"),
            Blm1005(1, "SalesUnitOfWork.this[]", "OrderLine", "an entity"));

    [Test]
    public Task Reports_every_non_aggregate_type_a_member_exposes()
        => VerifyAsync(
            """
            public interface IReportRepository
            {
                Task<(OrderLine Line, Money Total)> {|#0:BestLineAsync|}();
            }
            """,
            Blm1005(0, "IReportRepository.BestLineAsync", "OrderLine", "an entity"),
            Blm1005(0, "IReportRepository.BestLineAsync", "Money", "a value object"));

    [Test]
    public Task No_diagnostic_for_aggregate_repositories_ids_and_parameters()
        => VerifyAsync(
            """
            public interface IOrderRepository : IRepository<Order, OrderId>
            {
                Task<IReadOnlyList<Order>> ByCustomerAsync(Guid customerId, CancellationToken cancellationToken);
                Task<OrderId?> FindIdAsync(Money minimumTotal, OrderLine line);
                IAsyncEnumerable<OrderId> IdsAsync();
                Task<int> CountAsync();
                Task AddAsync(Order order, OrderPlaced cause);
                Order? Current { get; }
            }

            public sealed class OrderRepository : IOrderRepository
            {
                public Order? Current => null;
                public Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken) => Task.FromResult<Order?>(null);
                public Task<IReadOnlyList<Order>> ByCustomerAsync(Guid customerId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Order>>([]);
                public Task<OrderId?> FindIdAsync(Money minimumTotal, OrderLine line) => Task.FromResult<OrderId?>(null);
                public async IAsyncEnumerable<OrderId> IdsAsync() { await Task.Yield(); yield break; }
                public Task<int> CountAsync() => Task.FromResult(0);
                public Task AddAsync(Order order, OrderPlaced cause) => Task.CompletedTask;
            }
            """);

    [Test]
    public Task No_diagnostic_for_types_that_are_not_named_like_repositories()
        => VerifyAsync(
            """
            public interface IOrderLineQueries : IRepository<OrderLine, LineId>
            {
                Task<IReadOnlyList<OrderLine>> LinesAsync(OrderId id);
                Money Total { get; }
            }

            public sealed class RepositoryHelpers { public static OrderLine Line() => null!; }
            public enum PaymentRepository { Money }
            """);

    [Test]
    public Task No_diagnostic_on_the_sample_domain()
        => OrderingSampleSources.VerifyNoDiagnosticsAsync<RepositoryTargetAnalyzer>();
}
