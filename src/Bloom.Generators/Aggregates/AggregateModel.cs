using Bloom.Generators.Common;
using Bloom.Roslyn;

namespace Bloom.Generators.Aggregates;

/// <summary>
/// Everything the aggregate emitter needs. <see cref="AppliedEvents"/> lists the events with a <c>When</c> method (event-sourced only);
/// <see cref="Persistence"/> is null when the aggregate cannot be state-stored (event-sourced, nested, derived, unmappable member).
/// </summary>
internal sealed record AggregateModel(HierarchyInfo Hierarchy, IdentityModel Identity, bool EventSourced, EquatableArray<string> AppliedEvents, Persistence.PersistenceModel? Persistence);
