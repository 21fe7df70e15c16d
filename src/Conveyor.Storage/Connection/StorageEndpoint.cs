namespace Conveyor.Storage.Connection;

/// <summary>Facts read off a service endpoint URI.</summary>
internal static class StorageEndpoint
{
    /// <summary>
    /// Returns the account name of an endpoint: the first path segment for path-style endpoints (Azurite, IP
    /// addresses, loopback), otherwise the first label of the host name.
    /// </summary>
    public static string AccountNameOf(Uri endpoint)
    {
        if (IsPathStyle(endpoint))
        {
            var segment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
            if (segment.Length > 0)
            {
                return segment;
            }
        }

        return endpoint.Host.Split('.')[0];
    }

    /// <summary>Returns whether the account name is the first path segment rather than part of the host.</summary>
    public static bool IsPathStyle(Uri endpoint) =>
        endpoint.IsLoopback || endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
}
