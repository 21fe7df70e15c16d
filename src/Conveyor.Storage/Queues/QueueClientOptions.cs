using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Queues;

/// <summary>Options of <see cref="QueueServiceClient"/> and <see cref="QueueClient"/>.</summary>
/// <remarks>Retry, transport and diagnostics defaults are those of <see cref="StorageClientOptions"/>.</remarks>
public sealed class QueueClientOptions : StorageClientOptions
{
    /// <summary>Gets or sets how message bodies are encoded on the wire. Default: <see cref="QueueMessageEncoding.Base64"/>.</summary>
    /// <remarks>
    /// Base64 is the default because the Azure Functions queue trigger (and the official .NET worker) decode
    /// message text as base64 unless told otherwise, so messages we send are readable there as they are. The
    /// official JavaScript SDK sends text unencoded; set <see cref="QueueMessageEncoding.None"/> to read and
    /// write such messages.
    /// </remarks>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}
