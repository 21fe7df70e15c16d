namespace Conveyor.Storage.Tables;

/// <summary>A table listed by <see cref="TableServiceClient.QueryAsync"/>.</summary>
public sealed class TableItem
{
    /// <summary>Initializes a new instance of the <see cref="TableItem"/> class.</summary>
    /// <param name="name">The table name.</param>
    public TableItem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    /// <summary>Gets the table name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
