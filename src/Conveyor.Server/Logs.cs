namespace Conveyor.Server;

/// <summary>The app's log messages.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "No function keys are configured: in Development, requests from this machine are accepted without a key.")]
    public static partial void NoKeysInDevelopment(this ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Scanning the input of job '{JobName}' failed; the next scan tries again")]
    public static partial void BlobScanFailed(this ILogger logger, Exception exception, string jobName);
}
