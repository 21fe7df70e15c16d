using Azure;
using Conveyor.Storage.Authentication;

namespace Conveyor.Storage.Connection;

/// <summary>
/// A parsed Azure Storage connection string: the account, its service endpoints and its credential.
/// </summary>
/// <remarks>
/// Accepted forms: <c>UseDevelopmentStorage=true</c> (Azurite on its default ports);
/// <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…;EndpointSuffix=…</c>; any of those with explicit
/// <c>BlobEndpoint</c>, <c>QueueEndpoint</c>, <c>TableEndpoint</c>; and endpoints with
/// <c>SharedAccessSignature=…</c> in place of a key. Errors name the offending setting, never a value.
/// </remarks>
public sealed class StorageConnectionString
{
    /// <summary>The name of the Azurite/Storage Emulator account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known, public key of the Azurite/Storage Emulator account.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly HashSet<string> KnownSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "UseDevelopmentStorage", "DevelopmentStorageProxyUri", "DefaultEndpointsProtocol", "AccountName",
        "AccountKey", "EndpointSuffix", "BlobEndpoint", "QueueEndpoint", "TableEndpoint", "FileEndpoint",
        "SharedAccessSignature", "BlobSecondaryEndpoint", "QueueSecondaryEndpoint", "TableSecondaryEndpoint",
        "FileSecondaryEndpoint",
    };

    private StorageConnectionString(
        string accountName,
        Uri? blobEndpoint,
        Uri? queueEndpoint,
        Uri? tableEndpoint,
        StorageSharedKeyCredential? sharedKey,
        AzureSasCredential? sas)
    {
        AccountName = accountName;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
        SharedKeyCredential = sharedKey;
        SasCredential = sas;
    }

    /// <summary>Gets the account name (derived from an endpoint when the string names none).</summary>
    public string AccountName { get; }

    /// <summary>Gets the blob service endpoint, or <see langword="null"/> when the string has none.</summary>
    public Uri? BlobEndpoint { get; }

    /// <summary>Gets the queue service endpoint, or <see langword="null"/> when the string has none.</summary>
    public Uri? QueueEndpoint { get; }

    /// <summary>Gets the table service endpoint, or <see langword="null"/> when the string has none.</summary>
    public Uri? TableEndpoint { get; }

    /// <summary>Gets the Shared Key credential, when the string has an account key.</summary>
    public StorageSharedKeyCredential? SharedKeyCredential { get; }

    /// <summary>Gets the shared access signature credential, when the string has one.</summary>
    public AzureSasCredential? SasCredential { get; }

    /// <summary>Gets a value indicating whether the string points at the local emulator with its well-known key.</summary>
    public bool IsDevelopmentStorage => AccountName == DevelopmentAccountName &&
        SharedKeyCredential?.AccountName == DevelopmentAccountName;

    /// <summary>Parses a connection string.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The parsed connection string.</returns>
    /// <exception cref="StorageConnectionStringException">The string is malformed or incomplete; the message names the part.</exception>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = ParseSettings(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var useDev))
        {
            if (!bool.TryParse(useDev, out var isDev) || !isDev)
            {
                throw new StorageConnectionStringException("The setting 'UseDevelopmentStorage' must be 'true' when present.");
            }

            return ForDevelopmentStorage(settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy)
                ? ParseUri(proxy, "DevelopmentStorageProxyUri")
                : new Uri("http://127.0.0.1"));
        }

        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("SharedAccessSignature", out var sas);

        if (accountKey is not null && sas is not null)
        {
            throw new StorageConnectionStringException("The connection string has both 'AccountKey' and 'SharedAccessSignature'; use one.");
        }

        if (accountKey is not null && string.IsNullOrEmpty(accountName))
        {
            throw new StorageConnectionStringException("The setting 'AccountKey' requires 'AccountName'.");
        }

        var blob = ExplicitOrDerived(settings, "BlobEndpoint", "blob", accountName);
        var queue = ExplicitOrDerived(settings, "QueueEndpoint", "queue", accountName);
        var table = ExplicitOrDerived(settings, "TableEndpoint", "table", accountName);

        if (blob is null && queue is null && table is null)
        {
            throw new StorageConnectionStringException(
                "The connection string names no endpoint: give 'AccountName' (with 'DefaultEndpointsProtocol' and " +
                "optionally 'EndpointSuffix') or at least one of 'BlobEndpoint', 'QueueEndpoint', 'TableEndpoint'.");
        }

        var hasExplicitEndpoint = settings.ContainsKey("BlobEndpoint") || settings.ContainsKey("QueueEndpoint") || settings.ContainsKey("TableEndpoint");
        if (accountKey is null && sas is null && !string.IsNullOrEmpty(accountName) && !hasExplicitEndpoint)
        {
            throw new StorageConnectionStringException("The connection string has 'AccountName' but neither 'AccountKey' nor 'SharedAccessSignature'.");
        }

        accountName = string.IsNullOrEmpty(accountName) ? StorageEndpoint.AccountNameOf(blob ?? queue ?? table!) : accountName;
        StorageSharedKeyCredential? key = null;
        if (accountKey is not null)
        {
            key = StorageSharedKeyCredential.TryCreate(accountName, accountKey)
                ?? throw new StorageConnectionStringException("The setting 'AccountKey' is not valid base64.");
        }

        AzureSasCredential? sasCredential = null;
        if (sas is not null)
        {
            var trimmed = sas.TrimStart('?');
            if (trimmed.Length == 0 || !trimmed.Contains("sig=", StringComparison.Ordinal))
            {
                throw new StorageConnectionStringException("The setting 'SharedAccessSignature' has no 'sig' parameter.");
            }

            sasCredential = new AzureSasCredential(trimmed);
        }

        return new StorageConnectionString(accountName, blob, queue, table, key, sasCredential);
    }

    /// <summary>Builds the connection string of an Azurite instance listening on the given ports.</summary>
    /// <param name="host">The loopback host, for example <c>127.0.0.1</c>.</param>
    /// <param name="blobPort">The blob service port.</param>
    /// <param name="queuePort">The queue service port.</param>
    /// <param name="tablePort">The table service port.</param>
    /// <returns>A connection string with explicit endpoints and the development account key.</returns>
    public static string FormatDevelopmentStorage(string host, int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://{host}:{blobPort}/{DevelopmentAccountName};" +
        $"QueueEndpoint=http://{host}:{queuePort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://{host}:{tablePort}/{DevelopmentAccountName};";

    /// <summary>Returns the endpoint for a service, or throws naming the missing setting.</summary>
    /// <param name="service">The service.</param>
    /// <returns>The endpoint.</returns>
    public Uri GetEndpoint(StorageService service) => service switch
    {
        StorageService.Blob => BlobEndpoint ?? throw Missing("BlobEndpoint"),
        StorageService.Queue => QueueEndpoint ?? throw Missing("QueueEndpoint"),
        StorageService.Table => TableEndpoint ?? throw Missing("TableEndpoint"),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <inheritdoc/>
    /// <remarks>Never includes the key or the signature.</remarks>
    public override string ToString() =>
        $"AccountName={AccountName};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};" +
        $"Credential={(SharedKeyCredential is not null ? "SharedKey" : SasCredential is not null ? "SAS" : "none")}";

    private static StorageConnectionStringException Missing(string setting) =>
        new($"The connection string has no '{setting}' (and no 'AccountName' to derive it from).");

    private static StorageConnectionString ForDevelopmentStorage(Uri proxy)
    {
        var host = proxy.Host;
        Uri Endpoint(int port) => new($"{proxy.Scheme}://{host}:{port}/{DevelopmentAccountName}");
        return new StorageConnectionString(
            DevelopmentAccountName,
            Endpoint(10000),
            Endpoint(10001),
            Endpoint(10002),
            new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
            null);
    }

    private static Dictionary<string, string> ParseSettings(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = connectionString.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            throw new StorageConnectionStringException("The connection string is empty.");
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var equals = segments[i].IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new StorageConnectionStringException(
                    $"Segment {i + 1} of the connection string is not of the form 'Name=value'.");
            }

            var name = segments[i][..equals].Trim();
            var value = segments[i][(equals + 1)..].Trim();
            if (!KnownSettings.Contains(name))
            {
                throw new StorageConnectionStringException($"The connection string has an unknown setting '{Printable(name)}'.");
            }

            if (!settings.TryAdd(name, value))
            {
                throw new StorageConnectionStringException($"The setting '{name}' appears more than once.");
            }

            if (value.Length == 0)
            {
                throw new StorageConnectionStringException($"The setting '{name}' is empty.");
            }
        }

        return settings;
    }

    private static Uri? ExplicitOrDerived(Dictionary<string, string> settings, string setting, string service, string? accountName)
    {
        if (settings.TryGetValue(setting, out var explicitEndpoint))
        {
            return ParseUri(explicitEndpoint, setting);
        }

        if (string.IsNullOrEmpty(accountName))
        {
            return null;
        }

        settings.TryGetValue("DefaultEndpointsProtocol", out var protocol);
        protocol ??= "https";
        if (protocol is not ("http" or "https"))
        {
            throw new StorageConnectionStringException("The setting 'DefaultEndpointsProtocol' must be 'http' or 'https'.");
        }

        settings.TryGetValue("EndpointSuffix", out var suffix);
        suffix ??= "core.windows.net";
        return ParseUri($"{protocol}://{accountName}.{service}.{suffix}", "EndpointSuffix");
    }

    private static Uri ParseUri(string value, string setting)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new StorageConnectionStringException($"The setting '{setting}' is not an absolute http or https URI.");
        }

        return uri;
    }

    private static string Printable(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
