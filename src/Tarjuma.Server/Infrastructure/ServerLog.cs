namespace Tarjuma.Server.Infrastructure;

/// <summary>Source-generated log messages of the server, in one place.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Unhandled error in {Method}")]
    public static partial void UnhandledError(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Store opened: {Store}")]
    public static partial void StoreOpened(ILogger logger, string store);

    [LoggerMessage(3, LogLevel.Information, "Imported TMX into {Memory}: read {Read}, added {Added}, updated {Updated}, rejected {Rejected}")]
    public static partial void ImportCompleted(ILogger logger, string memory, long read, long added, long updated, long rejected);

    [LoggerMessage(5, LogLevel.Information, "Retrieval indexes built in {Seconds:F1} s")]
    public static partial void IndexesBuilt(ILogger logger, double seconds);

    [LoggerMessage(4, LogLevel.Warning, "TMX import into {Memory} failed and was rolled back: {Reason}")]
    public static partial void ImportFailed(ILogger logger, string memory, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Could not apply the store's change log to the retrieval indexes; retrying")]
    public static partial void ChangeSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Warning, "Health check {Check} is {Status}: {Description} {Error}")]
    public static partial void HealthLost(ILogger logger, string check, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status, string description,
        string error);

    [LoggerMessage(21, LogLevel.Information, "Health check {Check} is Healthy again")]
    public static partial void HealthRestored(ILogger logger, string check);

    [LoggerMessage(6, LogLevel.Information, "Abbreviations of {Memory} learned in {Seconds:F1} s")]
    public static partial void AbbreviationsLearned(ILogger logger, string memory, double seconds);

    [LoggerMessage(7, LogLevel.Warning, "Learning the abbreviations of {Memory} failed")]
    public static partial void AbbreviationLearningFailed(ILogger logger, string memory, Exception exception);
}
