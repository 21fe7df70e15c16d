using Microsoft.Extensions.Logging;

namespace Conveyor.Local;

/// <summary>Source-generated log messages of the local-run helpers.</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Information, "Azurite started (pid {ProcessId}): blob {BlobPort}, queue {QueuePort}, table {TablePort}, data in {DataDirectory}")]
    public static partial void AzuriteStarted(ILogger logger, int processId, int blobPort, int queuePort, int tablePort, string dataDirectory);

    [LoggerMessage(2, LogLevel.Information, "Azurite is not installed in {Folder}; running 'npm ci'")]
    public static partial void InstallingAzurite(ILogger logger, string folder);
}
