namespace Conveyor.Storage.Queues;

/// <summary>How message bodies are written into the <c>MessageText</c> element of the queue's XML protocol.</summary>
public enum QueueMessageEncoding
{
    /// <summary>
    /// The text is sent as it is (XML-escaped on the wire). Only text made of characters that XML allows can be
    /// sent; binary bodies must be valid UTF-8. Readers that expect base64 (the Azure Functions queue trigger)
    /// will not understand these messages.
    /// </summary>
    None,

    /// <summary>
    /// The body's bytes (UTF-8 for text) are sent base64-encoded. Any bytes can be sent; the 64 KiB limit then
    /// leaves 48 KiB of body. This is what the Azure Functions queue trigger and the Durable Task Framework expect.
    /// </summary>
    Base64,
}
