namespace Conveyor.Server;

/// <summary>The app's log messages.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "No function keys are configured: in Development, requests from this machine are accepted without a key.")]
    public static partial void NoKeysInDevelopment(this ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);
}
