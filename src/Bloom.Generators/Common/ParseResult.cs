namespace Bloom.Generators.Common;

/// <summary>
/// The outcome of parsing one target: a model, nothing (an invalid target the analyzers explain), or the text of an
/// unexpected failure, reported as BLM0000 instead of crashing the generator. Equatable, so it caches.
/// </summary>
internal sealed record ParseResult<TModel>(TModel? Model, string? Failure, string TargetName)
    where TModel : class
{
    public static ParseResult<TModel> Skip(string targetName) => new(null, null, targetName);
}
