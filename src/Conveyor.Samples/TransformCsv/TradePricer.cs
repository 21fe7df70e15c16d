using Conveyor.Batch.Item;

namespace Conveyor.Samples.TransformCsv;

/// <summary>The per-row transform: upper-cases the customer and computes the amount (quantity × price, exact in decimal).</summary>
internal sealed class TradePricer : IItemProcessor<Trade, PricedTrade>
{
    public ValueTask<PricedTrade?> ProcessAsync(Trade item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var priced = new PricedTrade(item.Isin, item.Quantity, item.Price, item.Customer.ToUpperInvariant(), item.Quantity * item.Price);
        return ValueTask.FromResult<PricedTrade?>(priced);
    }
}
