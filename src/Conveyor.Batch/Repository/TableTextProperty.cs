using System.Globalization;
using Azure.Data.Tables;

namespace Conveyor.Batch.Repository;

/// <summary>
/// Stores text of any length up to <see cref="MaxLength"/> in numbered string properties
/// (<c>Name0</c>…<c>NameN</c>, each at most <see cref="PartLength"/> characters, plus <c>NameParts</c>), because
/// one table property holds at most 32 K characters.
/// </summary>
internal static class TableTextProperty
{
    /// <summary>The most characters per property (under the service's 32 K limit).</summary>
    public const int PartLength = 30_000;

    /// <summary>The most characters of one text: with the rest of the row, it stays under the 1 MiB entity limit (2 bytes per character).</summary>
    public const int MaxLength = 480_000;

    public static void Write(TableEntity entity, string name, string? text, string what)
    {
        if (text is null)
        {
            entity[name + "Parts"] = 0;
            return;
        }

        if (text.Length > MaxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} is {text.Length} characters long; a table row holds at most {MaxLength} (the 1 MiB entity limit)."),
                nameof(text));
        }

        var parts = text.Length == 0 ? 1 : (text.Length + PartLength - 1) / PartLength;
        for (var i = 0; i < parts; i++)
        {
            var start = i * PartLength;
            entity[name + i.ToString(CultureInfo.InvariantCulture)] = text.Substring(start, Math.Min(PartLength, text.Length - start));
        }

        entity[name + "Parts"] = parts;
    }

    public static string? Read(TableEntity entity, string name)
    {
        var parts = entity.GetInt32(name + "Parts") ?? 0;
        if (parts == 0)
        {
            return null;
        }

        if (parts == 1)
        {
            return entity.GetString(name + "0") ?? string.Empty;
        }

        return string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString(name + i.ToString(CultureInfo.InvariantCulture))));
    }
}
