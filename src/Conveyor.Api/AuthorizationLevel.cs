namespace Conveyor.Api;

/// <summary>Which key an endpoint needs, as in Azure Functions.</summary>
public enum AuthorizationLevel
{
    /// <summary>No key.</summary>
    Anonymous,

    /// <summary>A function key or the admin key.</summary>
    Function,

    /// <summary>The admin key (the management API).</summary>
    Admin,
}
