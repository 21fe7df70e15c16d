using System.Net;
using System.Security.Cryptography;
using System.Text;
using Conveyor.Api;
using Microsoft.Extensions.Options;

namespace Conveyor.Server.Security;

/// <summary>
/// Lets a request through when it presents a key of the endpoint's level (<c>x-functions-key</c> header or
/// <c>code</c> query parameter); otherwise answers 401 with problem details.
/// </summary>
/// <remarks>
/// As the Azure Functions tools do, a Development app with no keys configured accepts requests from loopback without
/// a key (the app warns at start). Keys are compared in constant time and never echoed.
/// </remarks>
internal sealed class FunctionKeyFilter(AuthorizationLevel level, IOptions<FunctionKeysOptions> keys, IHostEnvironment environment) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public const string QueryName = "code";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsAuthorized(context.HttpContext)
            ? await next(context)
            : Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: level == AuthorizationLevel.Admin
                    ? $"This endpoint needs the admin key in the '{HeaderName}' header or the '{QueryName}' query parameter."
                    : $"This endpoint needs a function key in the '{HeaderName}' header or the '{QueryName}' query parameter.");
    }

    private bool IsAuthorized(HttpContext http)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var options = keys.Value;
        if (!options.Any)
        {
            return environment.IsDevelopment() && IsLoopback(http.Connection.RemoteIpAddress);
        }

        var presented = http.Request.Headers[HeaderName].FirstOrDefault() ?? http.Request.Query[QueryName].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return Matches(presented, options.Admin) || (level == AuthorizationLevel.Function && Matches(presented, options.Function));
    }

    // The test server has no remote address: it is in-process, so as local as loopback.
    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);

    private static bool Matches(string presented, List<string> keys)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var key in keys.Where(FunctionKeysOptions.IsKey))
        {
            match |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key));
        }

        return match;
    }
}
