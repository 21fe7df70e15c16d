using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Conveyor.Cli.Parameters;

namespace Conveyor.Cli.Remote;

/// <summary>
/// The app's HTTP API (see the API contract): start, upload, query, stop and restart job executions. Errors come back as
/// <see cref="ConveyorApiException"/> with the problem details, an unreachable app as <see cref="ConveyorUnreachableException"/>.
/// </summary>
/// <param name="http">A client whose base address is the app's URL and that sends the key, if any.</param>
internal sealed class ConveyorApiClient(HttpClient http)
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Gets the app's base URL.</summary>
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Lists the jobs the app can run (<c>GET /api/jobs</c>).</summary>
    public async Task<List<JobSummary>> GetJobsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/jobs"), cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.ListJobSummary, cancellationToken);
    }

    /// <summary>Starts a job (<c>POST /api/jobs/{job}</c>).</summary>
    public async Task<JobStarted> StartAsync(string jobName, IReadOnlyList<ParameterSpec> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new JsonObject();
        foreach (var parameter in parameters)
        {
            values[parameter.Name] = parameter.ToJson();
        }

        var body = new JsonObject { ["parameters"] = values };
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(jobName)}")
        {
            Content = JsonContent.Create(body, ApiJsonContext.Default.JsonObject),
        };
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.JobStarted, cancellationToken);
    }

    /// <summary>
    /// Uploads a file into the job's input container and starts the job on it (<c>POST /api/jobs/{job}/files?name=…</c>),
    /// streaming the content.
    /// </summary>
    public async Task<JobStarted> UploadAsync(
        string jobName, string blobName, Stream content, IReadOnlyList<ParameterSpec> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = new StringBuilder("?name=").Append(Uri.EscapeDataString(blobName));
        foreach (var parameter in parameters)
        {
            query.Append("&param.").Append(Uri.EscapeDataString(parameter.Name)).Append('=').Append(Uri.EscapeDataString(parameter.Text));
        }

        var streamed = new StreamContent(content);
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (content.CanSeek)
        {
            streamed.Headers.ContentLength = content.Length - content.Position;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(jobName)}/files{query}") { Content = streamed };
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.JobStarted, cancellationToken);
    }

    /// <summary>Reads an execution once (<c>GET /api/executions/{id}</c>); <c>Finished</c> is true for a 200 (the app answers 202 while it runs).</summary>
    public Task<(ExecutionReport Report, bool Finished, TimeSpan RetryAfter)> GetExecutionAsync(string executionId, CancellationToken cancellationToken = default) =>
        GetExecutionAtAsync(ExecutionUri(executionId), cancellationToken);

    /// <summary>Follows an execution's status URL, waiting as Retry-After says (at most <paramref name="maxInterval"/>), until it has ended.</summary>
    /// <param name="started">The started execution; its status URL is followed when it is on the app's own host.</param>
    /// <param name="maxInterval">The longest wait between polls.</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>Each status read; the last one has ended.</returns>
    public async IAsyncEnumerable<ExecutionReport> FollowAsync(JobStarted started, TimeSpan maxInterval, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(started);
        var uri = StatusUri(started);
        while (true)
        {
            var (report, finished, retryAfter) = await GetExecutionAtAsync(uri, cancellationToken);
            yield return report;
            if (finished || !report.IsRunning)
            {
                yield break;
            }

            await Task.Delay(retryAfter < maxInterval ? retryAfter : maxInterval, cancellationToken);
        }
    }

    /// <summary>Finds executions, newest first (<c>GET /api/executions</c>), following continuation tokens up to <paramref name="top"/>.</summary>
    public async Task<List<ExecutionReport>> FindExecutionsAsync(
        string? jobName, string? status, IReadOnlyList<ParameterSpec> parameters, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var items = new List<ExecutionReport>();
        string? continuation = null;
        do
        {
            var query = new List<string> { $"top={top - items.Count}" };
            AddQuery(query, "job", jobName);
            AddQuery(query, "status", status);
            foreach (var parameter in parameters)
            {
                AddQuery(query, "param." + parameter.Name, parameter.Text);
            }

            AddQuery(query, "continuationToken", continuation);
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/executions?" + string.Join('&', query)), cancellationToken);
            var page = await ReadAsync(response, ApiJsonContext.Default.ExecutionPage, cancellationToken);
            items.AddRange(page.Items.Take(top - items.Count));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && items.Count < top);
        return items;
    }

    /// <summary>Asks a running execution to stop (<c>POST /api/executions/{id}/stop</c>).</summary>
    public async Task StopAsync(string executionId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, ExecutionUri(executionId) + "/stop"), cancellationToken);
    }

    /// <summary>Restarts a FAILED or STOPPED execution (<c>POST /api/executions/{id}/restart</c>).</summary>
    public async Task<JobStarted> RestartAsync(string executionId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, ExecutionUri(executionId) + "/restart"), cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.JobStarted, cancellationToken);
    }

    private static string ExecutionUri(string executionId) => $"api/executions/{Uri.EscapeDataString(executionId)}";

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new ConveyorApiException($"The app answered {(int)response.StatusCode} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new ConveyorApiException($"The app answered {(int)response.StatusCode} with a body that is not the expected JSON: {e.Message}", e);
        }
    }

    private async Task<(ExecutionReport Report, bool Finished, TimeSpan RetryAfter)> GetExecutionAtAsync(string uri, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        var report = await ReadAsync(response, ApiJsonContext.Default.ExecutionReport, cancellationToken);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => DefaultRetryAfter,
        };
        return (report, response.StatusCode == HttpStatusCode.OK, retryAfter > TimeSpan.Zero ? retryAfter : DefaultRetryAfter);
    }

    // The status URL is followed only on the app's own origin: the key goes with every request, so never to another host.
    private string StatusUri(JobStarted started) =>
        started.ExecutionGetUri is { IsAbsoluteUri: true } uri
            && Uri.Compare(uri, BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? uri.AbsoluteUri
            : ExecutionUri(started.Id);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new ConveyorUnreachableException(BaseAddress, e);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var target = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : "/" + request.RequestUri?.OriginalString.Split('?')[0];
                throw new ConveyorApiException(response.StatusCode, await ReadProblemAsync(response, cancellationToken), $"{request.Method} {target}");
            }
        }
    }

    private static async Task<ProblemReport?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ProblemReport, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
