using Microsoft.CodeAnalysis;
using Bloom.Roslyn;

namespace Bloom.Generators.Common;

/// <summary>Turns an unexpected exception into the bug-report diagnostic BLM0000 rather than a CS8785 that hides the cause.</summary>
internal static class GeneratorFailure
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        id: DiagnosticIds.GeneratorFailed,
        title: "Bloom generator failed",
        messageFormat: "Bloom could not generate code for '{0}': {1}. Please report this as a bug.",
        category: "Bloom.Generation",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An unexpected error happened inside a Bloom generator. The type gets no generated code; the message carries the exception so it can be reported.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.GeneratorFailed));

    public static string Describe(Exception exception) => exception.GetType().Name + ": " + exception.Message;

    /// <summary>Runs one emitter; reports BLM0000 if it throws (cancellation still propagates).</summary>
    public static void Emit<TModel>(SourceProductionContext context, ParseResult<TModel> result, Action<SourceProductionContext, TModel> emit)
        where TModel : class
    {
        if (result.Failure is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, Location.None, result.TargetName, result.Failure));
            return;
        }

        if (result.Model is null)
        {
            return;
        }

        try
        {
            emit(context, result.Model);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, Location.None, result.TargetName, Describe(exception)));
        }
    }

    /// <summary>Runs one parser; an unexpected exception becomes a failure result (cancellation still propagates).</summary>
    public static ParseResult<TModel> Parse<TModel>(string targetName, Func<TModel?> parse)
        where TModel : class
    {
        try
        {
            return new ParseResult<TModel>(parse(), null, targetName);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ParseResult<TModel>(null, Describe(exception), targetName);
        }
    }
}
