using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace Conveyor.Storage.Tables;

/// <summary>
/// A table entity: its keys, its service-maintained timestamp and ETag, and a dictionary of typed properties.
/// </summary>
/// <remarks>
/// <para>
/// Values may be <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/>, <c>byte[]</c>,
/// <see cref="BinaryData"/> or an enum (stored as its name, read back as a string). A null value is not stored.
/// Entities read from the service hold <c>int</c>, <c>long</c>, <c>double</c>, <c>bool</c>, <c>string</c>,
/// <see cref="DateTimeOffset"/> (UTC), <see cref="Guid"/> and <c>byte[]</c>; the typed getters convert between
/// compatible types.
/// </para>
/// <para>
/// <see cref="PartitionKey"/>, <see cref="RowKey"/> and <see cref="Timestamp"/> are also visible through the
/// dictionary under their names; <see cref="ETag"/> is not. After a successful add, upsert or update the client
/// sets <see cref="ETag"/> to the entity's new ETag, so a guarded update can follow directly.
/// </para>
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Mirrors Azure.Data.Tables.TableEntity, the name callers are coded against.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties;

    /// <summary>Initializes a new instance of the <see cref="TableEntity"/> class with no properties.</summary>
    public TableEntity()
    {
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Initializes a new instance of the <see cref="TableEntity"/> class with its keys.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        _properties[PartitionKeyName] = partitionKey;
        _properties[RowKeyName] = rowKey;
    }

    internal TableEntity(int capacity)
    {
        _properties = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);
    }

    /// <summary>Gets or sets the partition key (empty when not set).</summary>
    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => _properties[PartitionKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets or sets the row key (empty when not set).</summary>
    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => _properties[RowKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets or sets the time the service last modified the entity; ignored when writing.</summary>
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    /// <summary>Gets or sets the entity's ETag, as last read or written by a client; <c>default</c> when unknown.</summary>
    public ETag ETag { get; set; }

    /// <inheritdoc/>
    public int Count => _properties.Count;

    /// <inheritdoc/>
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc/>
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc/>
    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    /// <summary>Gets or sets a property value; getting an absent property returns null.</summary>
    /// <param name="key">The property name.</param>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set => _properties[key] = value;
    }

    /// <summary>Gets a string property.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string? GetString(string key) => Get(key) switch
    {
        null => null,
        string s => s,
        Enum e => e.ToString(),
        var other => throw Incompatible(key, other, "String"),
    };

    /// <summary>Gets a 32-bit integer property; a 64-bit value in range is accepted.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not an integer or is out of range.</exception>
    public int? GetInt32(string key) => Get(key) switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw Incompatible(key, other, "Int32"),
    };

    /// <summary>Gets a 64-bit integer property; a 32-bit value is widened.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not an integer.</exception>
    public long? GetInt64(string key) => Get(key) switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw Incompatible(key, other, "Int64"),
    };

    /// <summary>Gets a double property; integers are converted.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public double? GetDouble(string key) => Get(key) switch
    {
        null => null,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        var other => throw Incompatible(key, other, "Double"),
    };

    /// <summary>Gets a Boolean property.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not a Boolean.</exception>
    public bool? GetBoolean(string key) => Get(key) switch
    {
        null => null,
        bool b => b,
        var other => throw Incompatible(key, other, "Boolean"),
    };

    /// <summary>Gets a date-time property as a <see cref="DateTimeOffset"/>; a <see cref="DateTime"/> of unspecified kind is taken as UTC.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not a date-time.</exception>
    public DateTimeOffset? GetDateTimeOffset(string key) => Get(key) switch
    {
        null => null,
        DateTimeOffset o => o,
        DateTime d => d.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(d, TimeSpan.Zero) : new DateTimeOffset(d),
        var other => throw Incompatible(key, other, "DateTime"),
    };

    /// <summary>Gets a date-time property as a UTC <see cref="DateTime"/>.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not a date-time.</exception>
    public DateTime? GetDateTime(string key) => GetDateTimeOffset(key)?.UtcDateTime;

    /// <summary>Gets a GUID property; a string holding a GUID is parsed.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not a GUID.</exception>
    public Guid? GetGuid(string key) => Get(key) switch
    {
        null => null,
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        var other => throw Incompatible(key, other, "Guid"),
    };

    /// <summary>Gets a binary property as a byte array.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not binary.</exception>
    public byte[]? GetBinary(string key) => Get(key) switch
    {
        null => null,
        byte[] b => b,
        BinaryData d => d.ToArray(),
        var other => throw Incompatible(key, other, "Binary"),
    };

    /// <summary>Gets a binary property as <see cref="BinaryData"/>.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value, or null when absent.</returns>
    /// <exception cref="InvalidOperationException">The value is not binary.</exception>
    public BinaryData? GetBinaryData(string key) => Get(key) switch
    {
        null => null,
        BinaryData d => d,
        byte[] b => new BinaryData(b),
        var other => throw Incompatible(key, other, "Binary"),
    };

    /// <inheritdoc/>
    public void Add(string key, object? value) => _properties.Add(key, value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc/>
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Clear() => _properties.Clear();

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    /// <inheritdoc/>
    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    /// <inheritdoc/>
    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    /// <inheritdoc/>
    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static bool IsSystemProperty(string name) =>
        name is PartitionKeyName or RowKeyName or TimestampName;

    private object? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _properties.TryGetValue(key, out var value) ? value : null;
    }

    private static InvalidOperationException Incompatible(string key, object value, string wanted) =>
        new($"Property '{key}' holds a {value.GetType().Name}, which cannot be read as {wanted}.");
}
