
namespace Conveyor.Api;

/// <summary>The API's log messages (event ids 400–599).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);
}
