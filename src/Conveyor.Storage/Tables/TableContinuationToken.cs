using System.Buffers.Text;
using System.Text;

namespace Conveyor.Storage.Tables;

/// <summary>
/// Packs the service's <c>NextPartitionKey</c>/<c>NextRowKey</c> pair into one opaque page token (base64url of
/// <c>partitionKey LF rowKey</c>) and unpacks it, so a saved token resumes a query.
/// </summary>
internal static class TableContinuationToken
{
    private const char Separator = '\n';

    public static string? Encode(string? nextPartitionKey, string? nextRowKey)
    {
        if (string.IsNullOrEmpty(nextPartitionKey) && string.IsNullOrEmpty(nextRowKey))
        {
            return null;
        }

        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextPartitionKey + Separator + nextRowKey));
    }

    public static (string? NextPartitionKey, string? NextRowKey) Decode(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token was not produced by a table query.", nameof(token), e);
        }

        var separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new ArgumentException("The continuation token was not produced by a table query.", nameof(token));
        }

        var partitionKey = text[..separator];
        var rowKey = text[(separator + 1)..];
        return (partitionKey.Length == 0 ? null : partitionKey, rowKey.Length == 0 ? null : rowKey);
    }
}
