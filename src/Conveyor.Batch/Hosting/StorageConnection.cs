extern alias AzureIdentity;

using System.Data.Common;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using AzureIdentity::Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Conveyor.Batch.Hosting;

/// <summary>
/// How Conveyor reaches its storage account: a connection string, or the blob, queue and table service URIs with a
/// <see cref="TokenCredential"/> (Entra ID) — the two forms Azure Functions accepts for <c>AzureWebJobsStorage</c>.
/// </summary>
/// <remarks>
/// Read it from configuration with <see cref="FromConfiguration"/>. The service clients built from it
/// (<see cref="CreateBlobServiceClient"/> and friends) are meant to be built once per app and shared:
/// <see cref="ConveyorServiceCollectionExtensions.AddConveyor"/> registers them as singletons through
/// <c>AddAzureClients</c>. Errors never include the connection string or a URI (either may hold a key or a SAS).
/// </remarks>
public sealed class StorageConnection
{
    private StorageConnection(string? connectionString, Uri? blobServiceUri, Uri? queueServiceUri, Uri? tableServiceUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blobServiceUri;
        QueueServiceUri = queueServiceUri;
        TableServiceUri = tableServiceUri;
        Credential = credential;
    }

    /// <summary>Gets the connection string, or null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    /// <summary>Gets the blob service URI of an identity-based connection, or null for a connection string.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>Gets the queue service URI of an identity-based connection, or null for a connection string.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>Gets the table service URI of an identity-based connection, or null for a connection string.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>Gets the credential of an identity-based connection, or null for a connection string.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Returns a connection from a connection string (account key, SAS or <c>UseDevelopmentStorage=true</c>).</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentException">The value is empty or not a connection string (the message does not repeat it).</exception>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        if (ConnectionStringProblem(connectionString, "the connection string") is { } problem)
        {
            throw new ArgumentException(problem, nameof(connectionString));
        }

        return new StorageConnection(connectionString, null, null, null, null);
    }

    /// <summary>Returns an identity-based connection: the three service URIs and the credential to call them with.</summary>
    /// <param name="blobServiceUri">The blob service, e.g. <c>https://account.blob.core.windows.net</c>.</param>
    /// <param name="queueServiceUri">The queue service.</param>
    /// <param name="tableServiceUri">The table service.</param>
    /// <param name="credential">The credential, e.g. a <see cref="ManagedIdentityCredential"/>.</param>
    /// <returns>The connection.</returns>
    public static StorageConnection FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageConnection(null, blobServiceUri, queueServiceUri, tableServiceUri, credential);
    }

    /// <summary>
    /// Reads a connection the way Azure Functions reads <c>AzureWebJobsStorage</c>: the section's value is a
    /// connection string; otherwise its children <c>blobServiceUri</c>, <c>queueServiceUri</c> and
    /// <c>tableServiceUri</c>, or <c>accountName</c> (for <c>https://{account}.{blob|queue|table}.core.windows.net</c>),
    /// with <c>credential=managedidentity</c> and <c>clientId</c> for a user-assigned managed identity, else
    /// <see cref="DefaultAzureCredential"/>.
    /// </summary>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("AzureWebJobsStorage")</c>.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="InvalidOperationException">The settings are missing or invalid; the message names every problem by setting, never a value.</exception>
    public static StorageConnection FromConfiguration(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var name = section.Path.Replace(":", "__", StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return ConnectionStringProblem(section.Value, $"'{name}'") is { } problem
                ? throw new InvalidOperationException($"Storage settings are invalid: {problem}.")
                : new StorageConnection(section.Value, null, null, null, null);
        }

        var errors = new List<string>();
        var account = section["accountName"];
        if (account is { Length: > 0 } && (account.Length is < 3 or > 24 || !account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
        {
            errors.Add($"'{name}__accountName' must be 3 to 24 lower-case letters and digits");
            account = null;
        }

        var blob = ServiceUri(section, "blob", account, name, errors);
        var queue = ServiceUri(section, "queue", account, name, errors);
        var table = ServiceUri(section, "table", account, name, errors);
        var credential = section["credential"];
        if (credential is { Length: > 0 } && !credential.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"'{name}__credential' must be 'managedidentity' or not set");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Storage settings are invalid: {string.Join("; ", errors)}.");
        }

        return FromServiceUris(blob!, queue!, table!, CredentialOf(credential, section["clientId"]));
    }

    /// <summary>Returns a blob service client on this connection.</summary>
    /// <param name="options">The client options (retry, diagnostics, extra pipeline policies); defaults when null.</param>
    /// <returns>The client.</returns>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        ConnectionString is { } connectionString ? new(connectionString, options) : new(BlobServiceUri!, Credential!, options);

    /// <summary>Returns a queue service client on this connection.</summary>
    /// <param name="options">The client options; defaults when null.</param>
    /// <returns>The client.</returns>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        ConnectionString is { } connectionString ? new(connectionString, options) : new(QueueServiceUri!, Credential!, options);

    /// <summary>Returns a table service client on this connection.</summary>
    /// <param name="options">The client options; defaults when null.</param>
    /// <returns>The client.</returns>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        ConnectionString is { } connectionString ? new(connectionString, options) : new(TableServiceUri!, Credential!, options);

    private static TokenCredential CredentialOf(string? credential, string? clientId) =>
        credential is { Length: > 0 }
            ? new ManagedIdentityCredential(clientId is { Length: > 0 } ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();

    private static Uri? ServiceUri(IConfigurationSection section, string service, string? account, string name, List<string> errors)
    {
        var key = service + "ServiceUri";
        if (section[key] is { Length: > 0 } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return uri;
            }

            errors.Add($"'{name}__{key}' is not an absolute http(s) URI");
            return null;
        }

        if (account is { Length: > 0 })
        {
            return new Uri($"https://{account}.{service}.core.windows.net");
        }

        errors.Add($"'{name}__{key}' is missing (or set '{name}' to a connection string, or '{name}__accountName')");
        return null;
    }

    private static string? ConnectionStringProblem(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{what} is empty";
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return $"{what} is not a connection string";
        }

        return builder.ContainsKey("UseDevelopmentStorage") || builder.ContainsKey("AccountName") || builder.ContainsKey("BlobEndpoint") || builder.ContainsKey("TableEndpoint")
            ? null
            : $"{what} is not a storage connection string (no AccountName, endpoint or UseDevelopmentStorage)";
    }
}
