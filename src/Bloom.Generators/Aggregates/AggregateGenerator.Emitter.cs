using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Bloom.Generators.Common;
using Bloom.Roslyn;
using static Bloom.Generators.Common.Names;

namespace Bloom.Generators.Aggregates;

public sealed partial class AggregateGenerator
{
    private static void Emit(SourceProductionContext context, AggregateModel model)
    {
        var h = model.Hierarchy;
        var self = h.GlobalName;
        var w = new SourceWriter();
        var root = model.Persistence is null
            ? $"global::Bloom.IAggregateRoot<{model.Identity.IdTypeName}>"
            : $"global::Bloom.Persistence.IPersistentAggregate<{self}, {model.Identity.IdTypeName}>";
        OpenHierarchy(w, h, $" : {root}, global::System.IEquatable<{self}>");

        var access = model.Identity.IsSealed ? "private" : "protected";
        var apply = model.EventSourced ? "BloomApply(domainEvent);\n    " : string.Empty;
        w.WriteLine(Core
            .Replace("$GENERATED$", GeneratedCode)
            .Replace("$ACCESS$", access)
            .Replace("$NAME$", h.Name)
            .Replace("$APPLY$", apply)
            .Replace("$RAISE_DOC$", model.EventSourced ? "applies it to the state through its <c>When</c> method and " : string.Empty));

        if (model.EventSourced)
        {
            EmitEventSourcing(w, model);
        }

        if (model.Persistence is { } persistence)
        {
            EmitPersistence(w, model, persistence);
        }

        IdentityEmitter.Emit(w, model.Identity, self);
        CloseHierarchy(w, h);
        context.AddSource($"{h.FilenameHint}.Aggregate.g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
        if (model.Persistence is { } repository)
        {
            EmitRepository(context, model, repository);
        }
    }

    private static void EmitEventSourcing(SourceWriter w, AggregateModel model)
    {
        w.WriteLine("/// <summary>Rebuilds the state from stored events: applies each one without recording it as pending.</summary>");
        w.WriteLine("/// <param name=\"history\">The aggregate's events, oldest first.</param>");
        w.WriteLine(GeneratedCode);
        w.WriteLine("public void LoadFromHistory(global::System.Collections.Generic.IEnumerable<global::Bloom.IDomainEvent> history)").OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(history);");
        w.WriteLine("foreach (var domainEvent in history)").OpenBlock();
        w.WriteLine("BloomApply(domainEvent);").WriteLine("_bloomVersion++;").CloseBlock().CloseBlock().WriteLine();

        // A type switch, not reflection: the dispatch is fixed at compile time.
        w.WriteLine(GeneratedCode);
        w.WriteLine("private void BloomApply(global::Bloom.IDomainEvent domainEvent)").OpenBlock();
        w.WriteLine("switch (domainEvent)").OpenBlock();
        var i = 0;
        foreach (var type in model.AppliedEvents)
        {
            w.WriteLine($"case {type} e{i}:").WriteLine($"    When(e{i});").WriteLine("    break;");
            i++;
        }

        w.WriteLine("default:");
        w.WriteLine($"    throw new global::System.InvalidOperationException(\"{model.Hierarchy.Name} has no When(\" + domainEvent.GetType().Name + \") method; add one to apply this event.\");");
        w.CloseBlock().CloseBlock().WriteLine();
    }

    private const string Core = """
        private global::System.Collections.Generic.List<global::Bloom.IDomainEvent>? _bloomPendingEvents;
        private long _bloomVersion;

        /// <inheritdoc />
        $GENERATED$
        public long Version => _bloomVersion;

        /// <inheritdoc />
        $GENERATED$
        public global::System.Collections.Generic.IReadOnlyList<global::Bloom.IDomainEvent> PendingEvents =>
            (global::System.Collections.Generic.IReadOnlyList<global::Bloom.IDomainEvent>?)_bloomPendingEvents ?? global::System.Array.Empty<global::Bloom.IDomainEvent>();

        /// <inheritdoc />
        $GENERATED$
        public void ClearPendingEvents() => _bloomPendingEvents?.Clear();

        $GENERATED$
        void global::Bloom.IAggregateRoot.MarkCommitted(long newVersion)
        {
            if (newVersion < _bloomVersion)
            {
                throw new global::System.ArgumentOutOfRangeException(nameof(newVersion), newVersion, "$NAME$ is at version " + _bloomVersion + "; a commit cannot lower it.");
            }

            _bloomVersion = newVersion;
            _bloomPendingEvents?.Clear();
        }

        /// <summary>Records that something happened: $RAISE_DOC$appends it to <see cref="PendingEvents"/>, to be published after the next successful commit.</summary>
        /// <param name="domainEvent">The event.</param>
        $GENERATED$
        $ACCESS$ void Raise(global::Bloom.IDomainEvent domainEvent)
        {
            global::System.ArgumentNullException.ThrowIfNull(domainEvent);
            $APPLY$(_bloomPendingEvents ??= new global::System.Collections.Generic.List<global::Bloom.IDomainEvent>(4)).Add(domainEvent);
        }

        /// <summary>Throws <see cref="global::Bloom.BusinessRuleViolationException"/> when <paramref name="rule"/> is broken; call it before changing state.</summary>
        /// <param name="rule">The rule to check.</param>
        $GENERATED$
        $ACCESS$ static void CheckRule(global::Bloom.IBusinessRule rule)
        {
            global::System.ArgumentNullException.ThrowIfNull(rule);
            if (!rule.IsSatisfied())
            {
                throw new global::Bloom.BusinessRuleViolationException(rule.Name, rule.Message);
            }
        }

        /// <summary>Throws <see cref="global::Bloom.BusinessRuleViolationException"/> when <paramref name="satisfied"/> is false; call it before changing state.</summary>
        /// <param name="satisfied">Whether the rule holds.</param>
        /// <param name="ruleName">The rule's stable name.</param>
        /// <param name="message">What the rule requires.</param>
        $GENERATED$
        $ACCESS$ static void CheckRule(bool satisfied, string ruleName, string message)
        {
            if (!satisfied)
            {
                throw new global::Bloom.BusinessRuleViolationException(ruleName, message);
            }
        }

        """;
}
