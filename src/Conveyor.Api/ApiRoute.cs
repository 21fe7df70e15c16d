namespace Conveyor.Api;

/// <summary>One route of the API: what a host maps, with the key it needs.</summary>
/// <param name="Name">The route's name (the endpoint name in the server, the function name in Azure Functions).</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Template">The route template after <see cref="ApiRoutes.Prefix"/>, e.g. <c>jobs/{jobName}</c>.</param>
/// <param name="Level">The key it needs.</param>
public sealed record ApiRoute(string Name, string Method, string Template, AuthorizationLevel Level)
{
    /// <summary>Gets the absolute path template, e.g. <c>/api/jobs/{jobName}</c>.</summary>
    public string Path => $"/{ApiRoutes.Prefix}/{Template}";
}
