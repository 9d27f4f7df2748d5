using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Bloom.Roslyn;
using static Bloom.Generators.Common.Names;

namespace Bloom.Generators.UnitsOfWork;

public sealed partial class UnitOfWorkGenerator
{
    // [assembly: global::Bloom.Persistence.BloomUnitOfWork(typeof(global::Shop.IShopUnitOfWork))]
    // namespace Shop;
    // partial interface IShopUnitOfWork : global::Bloom.IUnitOfWork, global::Bloom.ISyncUnitOfWork
    // {
    //     global::Shop.IOrderRepository Orders { get; }
    // }
    private static void EmitInterface(SourceProductionContext context, UnitOfWorkInterfaceModel model)
    {
        var h = model.Hierarchy;
        var w = new SourceWriter();
        w.WriteLine(Header);
        if (model.CanBeNamedInAssembly)
        {
            w.WriteLine($"[assembly: global::Bloom.Persistence.BloomUnitOfWork(typeof({h.GlobalName}))]").WriteLine();
        }

        if (h.Namespace.Length > 0)
        {
            w.WriteLine($"namespace {h.Namespace};").WriteLine();
        }

        for (var i = 0; i < h.Types.Count - 1; i++)
        {
            w.WriteLine($"{h.Types[i].Keyword} {h.Types[i].Name}").OpenBlock();
        }

        w.WriteLine($"{h.Types[h.Types.Count - 1].Keyword} {h.Name} : global::Bloom.IUnitOfWork, global::Bloom.ISyncUnitOfWork").OpenBlock();
        var first = true;
        foreach (var property in model.GeneratedProperties)
        {
            if (!first)
            {
                w.WriteLine();
            }

            first = false;
            w.WriteLine($"/// <summary>The repository of <see cref=\"{property.AggregateType}\"/> in this unit of work: loads, adds and removes them; <c>Commit</c> writes the changes.</summary>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"{property.RepositoryType} {Id(property.Name)} {{ get; }}");
        }

        CloseHierarchy(w, h);
        context.AddSource($"{h.FilenameHint}.UnitOfWork.g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
    }
}
