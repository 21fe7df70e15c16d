using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Conveyor.Storage.Authentication;
using Conveyor.Storage.Connection;

namespace Conveyor.Storage.Pipeline;

/// <summary>
/// The HTTP pipeline of one service endpoint: retries, fresh date and version per attempt, authorization,
/// and conversion of error responses to <see cref="RequestFailedException"/>.
/// </summary>
/// <remarks>Shared by every client derived from one service client (a container's blobs, a service's tables).</remarks>
internal sealed class StoragePipeline
{
    private const string StorageScope = "https://storage.azure.com/.default";

    private StoragePipeline(HttpPipeline pipeline, Uri endpoint, string accountName, StorageService service)
    {
        Http = pipeline;
        Endpoint = endpoint;
        AccountName = accountName;
        Service = service;
    }

    /// <summary>Gets the Azure.Core pipeline.</summary>
    public HttpPipeline Http { get; }

    /// <summary>Gets the service endpoint (for Azurite it ends with the account name).</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the account name.</summary>
    public string AccountName { get; }

    /// <summary>Gets the service this pipeline talks to.</summary>
    public StorageService Service { get; }

    /// <summary>Builds a pipeline from a parsed connection string.</summary>
    public static StoragePipeline FromConnectionString(
        StorageConnectionString connectionString, StorageService service, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var endpoint = connectionString.GetEndpoint(service);
        HttpPipelinePolicy? auth = connectionString.SharedKeyCredential is { } key
            ? new SharedKeyAuthenticationPolicy(key, SharedKeyFormatOf(service))
            : connectionString.SasCredential is { } sas ? new SharedAccessSignaturePolicy(sas) : null;
        return Create(endpoint, connectionString.AccountName, service, auth, options);
    }

    /// <summary>Builds a pipeline that authorizes with Microsoft Entra ID tokens (managed identity and friends).</summary>
    public static StoragePipeline FromTokenCredential(
        Uri endpoint, TokenCredential credential, StorageService service, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return Create(endpoint, StorageEndpoint.AccountNameOf(endpoint), service, new BearerTokenAuthenticationPolicy(credential, StorageScope), options);
    }

    /// <summary>Builds a pipeline that signs with Shared Key.</summary>
    public static StoragePipeline FromSharedKey(
        Uri endpoint, StorageSharedKeyCredential credential, StorageService service, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return Create(endpoint, credential.AccountName, service, new SharedKeyAuthenticationPolicy(credential, SharedKeyFormatOf(service)), options);
    }

    /// <summary>Builds a pipeline that appends a shared access signature.</summary>
    public static StoragePipeline FromSas(Uri endpoint, AzureSasCredential credential, StorageService service, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        return Create(endpoint, StorageEndpoint.AccountNameOf(endpoint), service, new SharedAccessSignaturePolicy(credential), options);
    }

    /// <summary>Creates a request message for a URI built from the endpoint.</summary>
    public HttpMessage CreateMessage(RequestMethod method, RequestUriBuilder uri)
    {
        var message = Http.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri = uri;
        return message;
    }

    /// <summary>Returns a URI builder positioned at the endpoint with the given path segments appended (escaped).</summary>
    public RequestUriBuilder Uri(params string[] segments)
    {
        var builder = new RequestUriBuilder();
        builder.Reset(Endpoint);
        foreach (var segment in segments)
        {
            builder.AppendPath("/", escape: false);
            builder.AppendPath(segment, escape: true);
        }

        return builder;
    }

    /// <summary>Sends a message and throws <see cref="RequestFailedException"/> for an error status.</summary>
    public ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken) =>
        SendAsync(message, toleratedStatus: null, toleratedErrorCode: null, cancellationToken);

    /// <summary>
    /// Sends a message and throws <see cref="RequestFailedException"/> for an error status, except
    /// <paramref name="toleratedStatus"/> (with <paramref name="toleratedErrorCode"/>, when given), which is returned as
    /// a value — "not found" and "already exists" answers that an IfExists/IfNotExists call expects.
    /// </summary>
    public async ValueTask<Response> SendAsync(HttpMessage message, int? toleratedStatus, string? toleratedErrorCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await Http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError && !IsTolerated(response, toleratedStatus, toleratedErrorCode))
        {
            throw await StorageErrors.CreateAsync(message.Request, response, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static SharedKeyFormat SharedKeyFormatOf(StorageService service) =>
        service == StorageService.Table ? SharedKeyFormat.Table : SharedKeyFormat.BlobQueue;

    private static bool IsTolerated(Response response, int? status, string? errorCode) =>
        response.Status == status && (errorCode is null || (response.Headers.TryGetValue("x-ms-error-code", out var code) && code == errorCode));

    private static StoragePipeline Create(
        Uri endpoint, string accountName, StorageService service, HttpPipelinePolicy? auth, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perRetry = new List<HttpPipelinePolicy> { new StorageHeadersPolicy(options.ServiceVersion, TimeProvider.System) };
        if (auth is not null)
        {
            perRetry.Add(auth);
        }

        var trimmed = new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
        var pipeline = HttpPipelineBuilder.Build(options, [], [.. perRetry], new ResponseClassifier());
        return new StoragePipeline(pipeline, trimmed, accountName, service);
    }
}
