using Azure.Core;

namespace Conveyor.Storage.Pipeline;

/// <summary>
/// Options shared by the blob, queue and table clients: service version, retries, transport, diagnostics.
/// </summary>
/// <remarks>
/// Defaults: exponential retry, 5 retries, 0.8 s first delay, 30 s max delay, 100 s network timeout per try.
/// Retried: 408, 429, 500, 502, 503, 504, network errors and timeouts. Not retried (surfaced to the caller):
/// every other 4xx, including 404, 409 and 412. Logged headers and query parameters are an allow-list that
/// excludes <c>Authorization</c> and <c>sig</c>, so credentials never reach logs.
/// </remarks>
public class StorageClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c> unless <see cref="ServiceVersion"/> is set.</summary>
    public const string DefaultServiceVersion = "2025-11-05";

    /// <summary>Initializes a new instance of the <see cref="StorageClientOptions"/> class.</summary>
    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        foreach (var header in new[]
        {
            "x-ms-version", "x-ms-date", "x-ms-request-id", "x-ms-client-request-id", "x-ms-error-code",
            "x-ms-blob-type", "x-ms-lease-state", "x-ms-lease-status", "x-ms-lease-action", "x-ms-lease-duration",
            "x-ms-lease-id", "x-ms-proposed-lease-id", "x-ms-range", "x-ms-continuation-NextPartitionKey",
            "x-ms-continuation-NextRowKey", "x-ms-continuation-NextTableName", "x-ms-approximate-messages-count",
            "x-ms-popreceipt", "x-ms-time-next-visible", "Content-Range", "DataServiceVersion", "Prefer",
            "Preference-Applied", "Accept-Ranges",
        })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        foreach (var parameter in new[]
        {
            "comp", "restype", "prefix", "marker", "maxresults", "include", "blockid", "blocklisttype", "timeout",
            "numofmessages", "visibilitytimeout", "messagettl", "peekonly", "popreceipt", "$filter", "$select", "$top",
            "NextPartitionKey", "NextRowKey", "NextTableName",
        })
        {
            Diagnostics.LoggedQueryParameters.Add(parameter);
        }
    }

    /// <summary>Gets or sets the REST API version sent as <c>x-ms-version</c>.</summary>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;
}
