using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Conveyor.Storage.Blobs;

/// <summary>Parses the XML bodies of listings and block lists.</summary>
internal static class BlobXml
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static XDocument Load(BinaryData body)
    {
        using var reader = XmlReader.Create(body.ToStream(), Settings);
        return XDocument.Load(reader);
    }

    public static (List<BlobItem> Items, string? NextMarker) ParseBlobList(BinaryData body)
    {
        var root = Load(body).Root!;
        var items = new List<BlobItem>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var properties = blob.Element("Properties");
            items.Add(new BlobItem
            {
                Name = Name(blob.Element("Name")),
                Properties = new BlobItemProperties
                {
                    ContentLength = long.TryParse(Value(properties, "Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0,
                    ETag = BlobHeaders.ParseETag(Value(properties, "Etag")),
                    LastModified = BlobHeaders.ParseDate(Value(properties, "Last-Modified")) ?? default,
                    CreatedOn = BlobHeaders.ParseDate(Value(properties, "Creation-Time")),
                    ContentType = NullIfEmpty(Value(properties, "Content-Type")),
                    ContentEncoding = NullIfEmpty(Value(properties, "Content-Encoding")),
                    BlobType = Value(properties, "BlobType"),
                    LeaseState = Value(properties, "LeaseState"),
                },
                Metadata = Metadata(blob.Element("Metadata")),
            });
        }

        return (items, NullIfEmpty(root.Element("NextMarker")?.Value));
    }

    public static (List<BlobContainerItem> Items, string? NextMarker) ParseContainerList(BinaryData body)
    {
        var root = Load(body).Root!;
        var items = new List<BlobContainerItem>();
        foreach (var container in root.Element("Containers")?.Elements("Container") ?? [])
        {
            var properties = container.Element("Properties");
            items.Add(new BlobContainerItem
            {
                Name = container.Element("Name")?.Value ?? string.Empty,
                Properties = new BlobContainerProperties
                {
                    ETag = BlobHeaders.ParseETag(Value(properties, "Etag")),
                    LastModified = BlobHeaders.ParseDate(Value(properties, "Last-Modified")) ?? default,
                    LeaseState = Value(properties, "LeaseState"),
                    LeaseStatus = Value(properties, "LeaseStatus"),
                    Metadata = Metadata(container.Element("Metadata")),
                },
            });
        }

        return (items, NullIfEmpty(root.Element("NextMarker")?.Value));
    }

    public static (List<BlobBlock> Committed, List<BlobBlock> Uncommitted) ParseBlockList(BinaryData body)
    {
        if (body.ToMemory().IsEmpty)
        {
            return ([], []);
        }

        var root = Load(body).Root!;
        return (Blocks(root.Element("CommittedBlocks")), Blocks(root.Element("UncommittedBlocks")));
    }

    public static BinaryData FormatBlockList(IEnumerable<string> base64BlockIds)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("BlockList", base64BlockIds.Select(id => new XElement("Latest", id))));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return new BinaryData(stream.ToArray());
    }

    private static List<BlobBlock> Blocks(XElement? list) =>
        [.. (list?.Elements("Block") ?? []).Select(b => new BlobBlock(
            b.Element("Name")?.Value ?? string.Empty,
            long.TryParse(b.Element("Size")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0))];

    private static string Name(XElement? name)
    {
        if (name is null)
        {
            return string.Empty;
        }

        // Names with characters XML cannot carry come percent-encoded with Encoded="true".
        return string.Equals((string?)name.Attribute("Encoded"), "true", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(name.Value)
            : name.Value;
    }

    private static Dictionary<string, string> Metadata(XElement? metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in metadata?.Elements() ?? [])
        {
            result[entry.Name.LocalName] = entry.Value;
        }

        return result;
    }

    private static string? Value(XElement? parent, string name) => parent?.Element(name)?.Value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
