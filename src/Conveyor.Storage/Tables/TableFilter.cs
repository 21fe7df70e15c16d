using System.Globalization;
using System.Text;

namespace Conveyor.Storage.Tables;

/// <summary>Builds OData <c>$filter</c> expressions with values escaped as typed literals.</summary>
/// <remarks>
/// Every interpolated value becomes one literal of its type, so no value can change the structure of the
/// query: a string is quoted and its quotes doubled (<c>x' or PartitionKey ne '</c> stays one string).
/// </remarks>
public static class TableFilter
{
    /// <summary>Formats a filter, turning each interpolated value into an OData literal.</summary>
    /// <param name="filter">The filter, for example <c>$"PartitionKey eq {pk} and Count gt {10L}"</c>.</param>
    /// <returns>The filter text, for example <c>PartitionKey eq 'a''b' and Count gt 10L</c>.</returns>
    /// <remarks>
    /// Literals by type: string and char → <c>'…'</c> with <c>'</c> doubled; <see cref="DateTimeOffset"/> and
    /// <see cref="DateTime"/> → <c>datetime'…'</c> in UTC with 7 fractional digits (unspecified kind taken as UTC);
    /// <see cref="Guid"/> → <c>guid'…'</c>; <c>byte[]</c> and <see cref="BinaryData"/> → <c>X'…'</c> (hex);
    /// bool → <c>true</c>/<c>false</c>; long → <c>5L</c>; int, short, byte → decimal; double and float →
    /// round-trip decimal (integral values keep <c>.0</c>); enums → their quoted name; null → <c>null</c>; any
    /// other value → its invariant text, quoted.
    /// </remarks>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments();
        var literals = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            literals[i] = Literal(arguments[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>Formats one value as an OData literal (see <see cref="Create"/> for the rules).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        byte b => b.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        DateTimeOffset o => "datetime'" + TableEntityJson.FormatDateTime(o) + "'",
        DateTime dt => "datetime'" + TableEntityJson.FormatDateTime(dt) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        BinaryData data => "X'" + Convert.ToHexStringLower(data.ToMemory().Span) + "'",
        Enum e => Quote(e.ToString()),
        IFormattable f => Quote(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        builder.Append(value.Replace("'", "''", StringComparison.Ordinal));
        return builder.Append('\'').ToString();
    }

    private static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }
}
