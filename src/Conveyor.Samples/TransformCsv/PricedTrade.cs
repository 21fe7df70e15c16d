using System.Globalization;

namespace Conveyor.Samples.TransformCsv;

/// <summary>A trade with its amount: a line of the output CSV.</summary>
/// <param name="Isin">The security's ISIN.</param>
/// <param name="Quantity">The number of units.</param>
/// <param name="Price">The price of one unit.</param>
/// <param name="Customer">The customer, upper-cased.</param>
/// <param name="Amount">Quantity × price.</param>
internal sealed record PricedTrade(string Isin, long Quantity, decimal Price, string Customer, decimal Amount)
{
    /// <summary>The header of the output CSV.</summary>
    public static readonly string[] Header = ["isin", "quantity", "price", "customer", "amount"];

    /// <summary>Returns the fields of the output line (invariant culture).</summary>
    /// <returns>The fields, in <see cref="Header"/> order.</returns>
    public IReadOnlyList<string?> Fields() =>
    [
        Isin,
        Quantity.ToString(CultureInfo.InvariantCulture),
        Price.ToString(CultureInfo.InvariantCulture),
        Customer,
        Amount.ToString(CultureInfo.InvariantCulture),
    ];
}
