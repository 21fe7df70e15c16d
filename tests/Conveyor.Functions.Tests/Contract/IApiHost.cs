namespace Conveyor.Functions.Tests.Contract;

/// <summary>A host of the API the contract suite sends requests to.</summary>
public interface IApiHost
{
    /// <summary>Gets the host's name, for messages.</summary>
    string Name { get; }

    /// <summary>Sends a request to <paramref name="target"/> (path and query, e.g. <c>/api/jobs</c>).</summary>
    Task<ApiAnswer> SendAsync(HttpMethod method, string target, HttpContent? content = null);
}
