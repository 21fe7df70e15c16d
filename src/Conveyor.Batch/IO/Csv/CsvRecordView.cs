using System.Text;
using CsvHelper;

namespace Conveyor.Batch.IO.Csv;

/// <summary>
/// The record a CSV or fixed-width reader is on, given to the mapping function that turns it into an item.
/// Valid only during that call.
/// </summary>
/// <remarks>
/// Fields are decoded lazily from the reader's buffer (CsvHelper's <see cref="CsvReader"/>): unquoted, with doubled
/// quotes unescaped. Any exception the mapping throws (a number that does not parse, a missing column) makes the
/// record malformed: the reader throws <see cref="MalformedRecordException"/> for it and moves on.
/// </remarks>
public sealed class CsvRecordView
{
    private readonly CsvReader _reader;
    private readonly IReadOnlyList<string>? _names;
    private readonly Dictionary<string, int>? _indexes;

    internal CsvRecordView(CsvReader reader, IReadOnlyList<string>? names)
    {
        _reader = reader;
        _names = names;
        if (names is not null)
        {
            _indexes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Count; i++)
            {
                _indexes.TryAdd(names[i], i);
            }
        }
    }

    /// <summary>Gets the number of fields of the record.</summary>
    public int FieldCount => _reader.FieldCount;

    /// <summary>Gets the 1-based line the record starts on, when the reader knows it.</summary>
    public long? LineNumber { get; internal set; }

    /// <summary>Gets the column names: the configured names, else the header row, else empty.</summary>
    public IReadOnlyList<string> Headers => _names ?? _reader.Headers;

    /// <summary>Gets the raw text of the record as it is in the input, without the line break.</summary>
    public string RawRecord => Encoding.UTF8.GetString(_reader.RawRecord);

    /// <summary>Gets field <paramref name="index"/> as a string ("" when the record is shorter).</summary>
    /// <param name="index">The 0-based field index.</param>
    public string this[int index] => GetString(index);

    /// <summary>Gets the field of the column named <paramref name="name"/> as a string.</summary>
    /// <param name="name">The column name.</param>
    public string this[string name] => GetString(name);

    /// <summary>Gets field <paramref name="index"/> as a string ("" when the record is shorter).</summary>
    /// <param name="index">The 0-based field index.</param>
    /// <returns>The value.</returns>
    public string GetString(int index) => _reader.GetString(index);

    /// <summary>Gets the field of the column named <paramref name="name"/> as a string.</summary>
    /// <param name="name">The column name (an exact match, else ignoring case).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">No column has that name.</exception>
    public string GetString(string name) => _indexes is null ? _reader.GetString(name) : _reader.GetString(IndexOf(name));

    /// <summary>Parses field <paramref name="index"/> (invariant culture unless the reader was configured otherwise).</summary>
    /// <typeparam name="TValue">The value type (int, decimal, DateTime, …).</typeparam>
    /// <param name="index">The 0-based field index.</param>
    /// <returns>The value.</returns>
    public TValue Parse<TValue>(int index)
        where TValue : ISpanParsable<TValue> => _reader.Parse<TValue>(index);

    /// <summary>Parses the field of the column named <paramref name="name"/>.</summary>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="name">The column name.</param>
    /// <returns>The value.</returns>
    public TValue Parse<TValue>(string name)
        where TValue : ISpanParsable<TValue> => _indexes is null ? _reader.Parse<TValue>(name) : _reader.Parse<TValue>(IndexOf(name));

    /// <summary>Reads the record as a CsvHelper <c>[CsvRecord]</c> type, with the mapper CsvHelper's source generator wrote for it.</summary>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <returns>The record.</returns>
    public TRecord GetRecord<TRecord>() => _reader.GetRecord<TRecord>();

    private int IndexOf(string name) =>
        _indexes!.TryGetValue(name, out var index) ? index : throw new ArgumentException($"No column is named '{name}'.", nameof(name));
}
