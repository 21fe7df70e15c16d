using System.Globalization;

namespace Conveyor.Storage.Tables;

/// <summary>
/// The Table service's documented limits, checked before a request is sent so that a bad name or an oversized
/// entity fails with an <see cref="ArgumentException"/> that names the rule, not with a 400 from the service.
/// </summary>
internal static class TableLimits
{
    /// <summary>1 KiB of UTF-16: the service (and Azurite) refuse longer keys.</summary>
    public const int MaxKeyLength = 512;
    public const int MaxCustomProperties = 252;
    public const int MaxPropertyNameLength = 255;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryLength = 64 * 1024;
    public const int MaxEntitySize = 1024 * 1024;
    public const int MaxTransactionActions = 100;
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    public static void ValidateTableName(string tableName, string parameterName = "tableName")
    {
        ArgumentNullException.ThrowIfNull(tableName, parameterName);
        if (tableName.Length is < 3 or > 63)
        {
            throw new ArgumentException($"Table name '{tableName}' must be 3 to 63 characters long.", parameterName);
        }

        if (!char.IsAsciiLetter(tableName[0]))
        {
            throw new ArgumentException($"Table name '{tableName}' must start with a letter.", parameterName);
        }

        foreach (var c in tableName)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException($"Table name '{tableName}' may contain only letters and digits.", parameterName);
            }
        }

        if (string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Table name 'tables' is reserved.", parameterName);
        }
    }

    public static void ValidateKey(string? key, string keyName, string parameterName)
    {
        if (key is null)
        {
            throw new ArgumentException($"{keyName} is required.", parameterName);
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"{keyName} is {key.Length} characters long; at most {MaxKeyLength} (1 KiB of UTF-16) are allowed.", parameterName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                var shown = char.IsControl(c) ? $"control character U+{(int)c:X4}" : $"'{c}'";
                throw new ArgumentException($"{keyName} must not contain {shown} (/, \\, #, ? and control characters are not allowed).", parameterName);
            }
        }
    }

    public static void ValidatePropertyName(string name, string parameterName)
    {
        if (name.Length is 0 or > MaxPropertyNameLength)
        {
            throw new ArgumentException($"Property name '{Shorten(name)}' must be 1 to {MaxPropertyNameLength} characters long.", parameterName);
        }

        if (!(char.IsLetter(name[0]) || name[0] == '_'))
        {
            throw new ArgumentException($"Property name '{Shorten(name)}' must start with a letter or '_'.", parameterName);
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Property name '{Shorten(name)}' may contain only letters, digits and '_'.", parameterName);
            }
        }
    }

    /// <summary>Validates the keys, property names, value types and sizes of an entity about to be written.</summary>
    public static void ValidateEntity(TableEntity entity, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(entity, parameterName);
        entity.TryGetValue(TableEntity.PartitionKeyName, out var pk);
        entity.TryGetValue(TableEntity.RowKeyName, out var rk);
        if (pk is not (string or null) || rk is not (string or null))
        {
            throw new ArgumentException("PartitionKey and RowKey must be strings.", parameterName);
        }

        ValidateKey(pk as string, TableEntity.PartitionKeyName, parameterName);
        ValidateKey(rk as string, TableEntity.RowKeyName, parameterName);
        long size = 4 + (2L * ((string)pk!).Length) + (2L * ((string)rk!).Length);
        var custom = 0;
        foreach (var (name, value) in entity)
        {
            if (TableEntity.IsSystemProperty(name))
            {
                continue;
            }

            custom++;
            ValidatePropertyName(name, parameterName);
            size += 8 + (2L * name.Length) + ValueSize(name, value, parameterName);
        }

        if (custom > MaxCustomProperties)
        {
            throw new ArgumentException($"The entity has {custom} custom properties; at most {MaxCustomProperties} are allowed.", parameterName);
        }

        if (size > MaxEntitySize)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The entity is {size} bytes by the service's size formula; at most {MaxEntitySize} (1 MiB) are allowed."),
                parameterName);
        }
    }

    private static long ValueSize(string name, object? value, string parameterName)
    {
        switch (value)
        {
            case null:
                return 0;
            case string s:
                if (s.Length > MaxStringLength)
                {
                    throw new ArgumentException($"String property '{name}' is {s.Length} characters long; at most {MaxStringLength} are allowed.", parameterName);
                }

                return 4 + (2L * s.Length);
            case byte[] bytes:
                return BinarySize(name, bytes.Length, parameterName);
            case BinaryData data:
                return BinarySize(name, data.ToMemory().Length, parameterName);
            case int or bool:
                return value is bool ? 1 : 4;
            case long or double or float or DateTime or DateTimeOffset:
                return 8;
            case Guid:
                return 16;
            case Enum e:
                return 4 + (2L * e.ToString().Length);
            default:
                throw new ArgumentException(
                    $"Property '{name}' has type {value.GetType().Name}, which tables cannot store. Use string, int, long, double, bool, DateTime, DateTimeOffset, Guid, byte[], BinaryData or an enum.",
                    parameterName);
        }
    }

    private static long BinarySize(string name, int length, string parameterName)
    {
        if (length > MaxBinaryLength)
        {
            throw new ArgumentException($"Binary property '{name}' is {length} bytes; at most {MaxBinaryLength} (64 KiB) are allowed.", parameterName);
        }

        return 4 + length;
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
