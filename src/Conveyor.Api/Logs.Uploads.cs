
namespace Conveyor.Api;

/// <summary>Log messages of the upload trigger (event ids 500–599).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Blob '{BlobName}' started job '{JobName}' as execution {ExecutionId}")]
    public static partial void BlobJobStarted(this ILogger logger, string jobName, string blobName, string executionId);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "Job '{JobName}' refused blob '{BlobName}': {Reason}; the blob is not tried again until it changes")]
    public static partial void BlobJobRejected(this ILogger logger, string jobName, string blobName, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Starting job '{JobName}' for blob '{BlobName}' failed; the next scan tries again")]
    public static partial void BlobStartFailed(this ILogger logger, Exception exception, string jobName, string blobName);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "The receipt of blob '{BlobName}' for job '{JobName}' was taken over while this process started it; the other process only confirms the start")]
    public static partial void BlobClaimTakenOver(this ILogger logger, string jobName, string blobName);

    [LoggerMessage(EventId = 504, Level = LogLevel.Information, Message = "Created the input container '{Container}' of job '{JobName}'")]
    public static partial void InputContainerCreated(this ILogger logger, string jobName, string container);
}
