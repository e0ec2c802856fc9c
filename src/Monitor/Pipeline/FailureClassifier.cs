using System.Net;
using System.Net.Sockets;
using Monitor.Collection;

namespace Monitor.Pipeline;

/// <summary>
/// Decides whether a source's failure is temporary (try again next run) or permanent (someone must
/// change something), and describes it in one line for the run summary.
/// </summary>
internal static class FailureClassifier
{
    public static SourceOutcome Classify(Exception exception) => exception switch
    {
        SourceFailureException failure => failure.IsTransient ? SourceOutcome.TemporaryFailure : SourceOutcome.PermanentFailure,
        HttpRequestException { StatusCode: null } => SourceOutcome.TemporaryFailure,
        HttpRequestException { StatusCode: { } status } => IsTemporary(status) ? SourceOutcome.TemporaryFailure : SourceOutcome.PermanentFailure,
        OperationCanceledException or TimeoutException or SourceUnavailableException => SourceOutcome.TemporaryFailure,
        SocketException or IOException => SourceOutcome.TemporaryFailure,
        _ when exception.InnerException is { } inner && inner is not AggregateException => Classify(inner),
        _ => SourceOutcome.PermanentFailure,
    };

    /// <summary>True for the failures the runner expects from the outside world (no stack trace needed to understand them).</summary>
    public static bool IsExpected(Exception exception) =>
        exception is SourceFailureException or HttpRequestException or SourceUnavailableException or OperationCanceledException or TimeoutException or SocketException or IOException or InvalidDataException or FormatException
        || (exception.InnerException is { } inner && IsExpected(inner));

    /// <summary>The outer message plus the innermost cause, e.g. "… (Name or service not known (thainguyentv.vn:443))".</summary>
    public static string Describe(Exception exception)
    {
        var message = exception is OperationCanceledException && exception is not TaskCanceledException { InnerException: TimeoutException }
            ? "timed out"
            : exception.Message;
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        if (!ReferenceEquals(innermost, exception) && !message.Contains(innermost.Message, StringComparison.Ordinal))
        {
            message = $"{message} ({innermost.Message})";
        }

        return message.ReplaceLineEndings(" ");
    }

    private static bool IsTemporary(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
