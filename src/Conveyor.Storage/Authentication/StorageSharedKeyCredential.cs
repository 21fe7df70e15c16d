using System.Security.Cryptography;
using System.Text;

namespace Conveyor.Storage.Authentication;

/// <summary>
/// An account name and key for Shared Key authorization.
/// </summary>
/// <remarks>The key is held only as bytes and is never returned or printed.</remarks>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Initializes a new instance of the <see cref="StorageSharedKeyCredential"/> class.</summary>
    /// <param name="accountName">The storage account name.</param>
    /// <param name="accountKey">The base64 account key.</param>
    /// <exception cref="ArgumentException">The key is not valid base64 (the message does not echo it).</exception>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        _key = DecodeKey(accountKey) ?? throw new ArgumentException("The account key is not valid base64.", nameof(accountKey));
    }

    private StorageSharedKeyCredential(string accountName, byte[] key)
    {
        AccountName = accountName;
        _key = key;
    }

    /// <summary>Gets the storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Computes the base64 HMAC-SHA256 of a string to sign.</summary>
    /// <param name="message">The string to sign, UTF-8 encoded before signing.</param>
    /// <returns>The base64 signature.</returns>
    public string ComputeHmacSha256(string message) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)));

    /// <summary>Creates a credential, or returns <see langword="null"/> when the key is not base64.</summary>
    internal static StorageSharedKeyCredential? TryCreate(string accountName, string accountKey) =>
        DecodeKey(accountKey) is { } key ? new StorageSharedKeyCredential(accountName, key) : null;

    private static byte[]? DecodeKey(string accountKey)
    {
        var buffer = new byte[accountKey.Length];
        return Convert.TryFromBase64String(accountKey, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
