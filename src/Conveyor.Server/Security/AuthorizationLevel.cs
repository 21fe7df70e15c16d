namespace Conveyor.Server.Security;

/// <summary>Which key an endpoint needs, as in Azure Functions.</summary>
internal enum AuthorizationLevel
{
    /// <summary>No key.</summary>
    Anonymous,

    /// <summary>A function key or the admin key.</summary>
    Function,

    /// <summary>The admin key (the management API).</summary>
    Admin,
}
