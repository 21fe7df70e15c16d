using Conveyor.Batch.IO.Csv;

namespace Conveyor.Samples.TransformCsv;

/// <summary>A trade of the input CSV: a header row naming <c>isin</c>, <c>quantity</c>, <c>price</c> and <c>customer</c> (any order, any case).</summary>
/// <param name="Isin">The security's ISIN.</param>
/// <param name="Quantity">The number of units.</param>
/// <param name="Price">The price of one unit (invariant culture, '.' for decimals).</param>
/// <param name="Customer">The customer.</param>
internal sealed record Trade(string Isin, long Quantity, decimal Price, string Customer)
{
    /// <summary>Maps a record; a quantity or price that does not parse makes the record malformed.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The trade.</returns>
    public static Trade From(CsvRecordView record) =>
        new(record["isin"], record.Parse<long>("quantity"), record.Parse<decimal>("price"), record["customer"]);

    /// <summary>Returns the ISIN, which the engine records as the key of a skipped item.</summary>
    /// <returns>The ISIN.</returns>
    public override string ToString() => Isin;
}
