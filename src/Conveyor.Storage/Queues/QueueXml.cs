using System.Globalization;
using System.Xml;

namespace Conveyor.Storage.Queues;

/// <summary>Reads the XML bodies of the queue service's answers.</summary>
internal static class QueueXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads a <c>QueueMessagesList</c> (Put Message, Get Messages, Peek Messages).</summary>
    public static List<WireMessage> ReadMessages(Stream stream)
    {
        var messages = new List<WireMessage>();
        using var reader = XmlReader.Create(stream, Settings);
        if (!StartContainer(reader))
        {
            return messages;
        }

        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            if (reader.LocalName != "QueueMessage" || reader.IsEmptyElement)
            {
                reader.Skip();
                continue;
            }

            reader.ReadStartElement();
            var message = default(WireMessage);
            while (reader.MoveToContent() == XmlNodeType.Element)
            {
                var name = reader.LocalName;
                var value = reader.ReadElementContentAsString();
                switch (name)
                {
                    case "MessageId": message.MessageId = value; break;
                    case "PopReceipt": message.PopReceipt = value; break;
                    case "MessageText": message.MessageText = value; break;
                    case "DequeueCount": message.DequeueCount = long.Parse(value, CultureInfo.InvariantCulture); break;
                    case "InsertionTime": message.InsertionTime = ParseDate(value); break;
                    case "ExpirationTime": message.ExpirationTime = ParseDate(value); break;
                    case "TimeNextVisible": message.TimeNextVisible = ParseDate(value); break;
                    default: break;
                }
            }

            reader.ReadEndElement();
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Reads an <c>EnumerationResults</c> of List Queues.</summary>
    public static (List<QueueItem> Queues, string? NextMarker) ReadQueues(Stream stream)
    {
        var queues = new List<QueueItem>();
        string? nextMarker = null;
        using var reader = XmlReader.Create(stream, Settings);
        if (!StartContainer(reader))
        {
            return (queues, null);
        }

        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            switch (reader.LocalName)
            {
                case "NextMarker":
                    nextMarker = reader.ReadElementContentAsString();
                    break;
                case "Queues" when !reader.IsEmptyElement:
                    reader.ReadStartElement();
                    while (reader.MoveToContent() == XmlNodeType.Element)
                    {
                        queues.Add(ReadQueue(reader));
                    }

                    reader.ReadEndElement();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return (queues, string.IsNullOrEmpty(nextMarker) ? null : nextMarker);
    }

    /// <summary>Parses an RFC 1123 date as the service writes it.</summary>
    public static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static QueueItem ReadQueue(XmlReader reader)
    {
        string? name = null;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (reader.IsEmptyElement)
        {
            reader.Skip();
            return new QueueItem(string.Empty, metadata);
        }

        reader.ReadStartElement();
        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            if (reader.LocalName == "Name")
            {
                name = reader.ReadElementContentAsString();
            }
            else if (reader.LocalName == "Metadata" && !reader.IsEmptyElement)
            {
                reader.ReadStartElement();
                while (reader.MoveToContent() == XmlNodeType.Element)
                {
                    var key = reader.LocalName;
                    metadata[key] = reader.ReadElementContentAsString();
                }

                reader.ReadEndElement();
            }
            else
            {
                reader.Skip();
            }
        }

        reader.ReadEndElement();
        return new QueueItem(name ?? string.Empty, metadata);
    }

    private static bool StartContainer(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.IsEmptyElement)
        {
            return false;
        }

        reader.ReadStartElement();
        return true;
    }
}
