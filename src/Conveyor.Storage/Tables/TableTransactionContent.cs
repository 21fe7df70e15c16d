using System.Buffers;
using System.Text;
using Azure;

namespace Conveyor.Storage.Tables;

/// <summary>Writes the <c>multipart/mixed</c> body of an entity group transaction: one changeset, one part per action.</summary>
internal static class TableTransactionContent
{
    private const string Crlf = "\r\n";

    /// <summary>Builds the body; returns it with the batch boundary for the request's <c>Content-Type</c>.</summary>
    public static (ReadOnlyMemory<byte> Body, string Boundary) Build(string tableUrl, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var buffer = new ArrayBufferWriter<byte>(1024 + (actions.Count * 512));
        Ascii(buffer, $"--{batch}{Crlf}Content-Type: multipart/mixed; boundary={changeset}{Crlf}{Crlf}");
        foreach (var action in actions)
        {
            Ascii(buffer, $"--{changeset}{Crlf}Content-Type: application/http{Crlf}Content-Transfer-Encoding: binary{Crlf}{Crlf}");
            var entity = action.Entity;
            var (method, url, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUrl, null, true),
                TableTransactionActionType.UpdateMerge => ("PATCH", EntityUrl(tableUrl, entity), IfMatch(action.ETag), true),
                TableTransactionActionType.UpdateReplace => ("PUT", EntityUrl(tableUrl, entity), IfMatch(action.ETag), true),
                TableTransactionActionType.Delete => ("DELETE", EntityUrl(tableUrl, entity), IfMatch(action.ETag), false),
                TableTransactionActionType.UpsertMerge => ("PATCH", EntityUrl(tableUrl, entity), null, true),
                _ => ("PUT", EntityUrl(tableUrl, entity), (string?)null, true),
            };
            Write(buffer, $"{method} {url} HTTP/1.1{Crlf}");
            Ascii(buffer, $"Accept: application/json;odata=minimalmetadata{Crlf}DataServiceVersion: 3.0{Crlf}");
            if (ifMatch is not null)
            {
                Write(buffer, $"If-Match: {ifMatch}{Crlf}");
            }

            if (hasBody)
            {
                Ascii(buffer, $"Content-Type: application/json{Crlf}Prefer: return-no-content{Crlf}{Crlf}");
                TableEntityJson.Write(buffer, entity);
                Ascii(buffer, Crlf);
            }
            else
            {
                Ascii(buffer, Crlf);
            }
        }

        Ascii(buffer, $"--{changeset}--{Crlf}--{batch}--{Crlf}");
        return (buffer.WrittenMemory, batch);
    }

    public static string EntityUrl(string tableUrl, TableEntity entity) => tableUrl + KeyPath(entity.PartitionKey, entity.RowKey);

    /// <summary>The <c>(PartitionKey='…',RowKey='…')</c> path suffix: quotes doubled, then percent-escaped.</summary>
    public static string KeyPath(string partitionKey, string rowKey) =>
        "(PartitionKey='" + EscapeKey(partitionKey) + "',RowKey='" + EscapeKey(rowKey) + "')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();

    private static void Ascii(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        buffer.Advance(written);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
