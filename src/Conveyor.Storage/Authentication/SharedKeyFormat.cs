namespace Conveyor.Storage.Authentication;

/// <summary>Which Shared Key string-to-sign a service expects.</summary>
internal enum SharedKeyFormat
{
    /// <summary>The blob and queue services: verb, standard headers, canonicalized x-ms headers and resource.</summary>
    BlobQueue,

    /// <summary>The table service: verb, Content-MD5, Content-Type, date and resource with only <c>comp</c>.</summary>
    Table,
}
