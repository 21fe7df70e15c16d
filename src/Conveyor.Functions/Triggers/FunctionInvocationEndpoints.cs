using System.Text.Json;
using Conveyor.Batch.Jobs;

namespace Conveyor.Functions.Triggers;

/// <summary>
/// The custom-handler side of the non-HTTP functions in <c>Functions/</c>: the Azure Functions host POSTs each
/// invocation to <c>/{functionName}</c> with <c>{"Data": {...}, "Metadata": {...}}</c> and expects
/// <c>{"Outputs": {}, "Logs": [], "ReturnValue": null}</c> back (a non-2xx answer makes the host retry).
/// </summary>
/// <remarks>
/// Mapped only in custom-handler mode (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, so the app listens on loopback only),
/// and the host's HTTP functions forward only <c>/api/*</c> and <c>/runtime/webhooks/durabletask/*</c>, so these
/// routes are reachable by the host alone. There are no queue functions for the task hub: the Durable Task engine
/// polls its own control and work-item queues.
/// </remarks>
internal static class FunctionInvocationEndpoints
{
    /// <summary>The function that fires for a new or changed blob in a job's input container.</summary>
    public const string BlobInputFunction = "BlobInput";

    /// <summary>The setting that tells a custom handler its port; its presence means custom-handler mode.</summary>
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Maps <c>POST /BlobInput</c> when the app runs as a custom handler.</summary>
    /// <param name="app">The app.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapFunctionInvocationEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration[CustomHandlerPortSetting]))
        {
            return app;
        }

        app.MapPost($"/{BlobInputFunction}", InvokeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> InvokeAsync(HttpRequest request, IServiceProvider services, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(FunctionInvocationEndpoints));
        JsonElement invocation;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            invocation = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            logger.InvocationIgnored(BlobInputFunction, "the body is not JSON");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "The invocation body is not JSON.");
        }

        return await OnBlobAsync(invocation, services, logger, cancellationToken);
    }

    /// <summary>A blob-trigger invocation: the same start-once path as a scan, for each job whose input holds the blob.</summary>
    private static async Task<IResult> OnBlobAsync(JsonElement invocation, IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        // Metadata.BlobTrigger is "<container>/<blob name>"; the blob's content in Data is not used.
        if (Metadata(invocation, "BlobTrigger") is not { } path || path.IndexOf('/', StringComparison.Ordinal) is var slash && slash <= 0)
        {
            logger.InvocationIgnored(BlobInputFunction, "Metadata.BlobTrigger is missing");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "Metadata.BlobTrigger ('<container>/<blob>') is missing.");
        }

        var container = path[..slash];
        var blobName = path[(slash + 1)..];
        var trigger = services.GetRequiredService<BlobUploadTrigger>();
        var jobs = services.GetRequiredService<JobRegistry>().Jobs
            .Where(j => j.Input is { TriggerOnUpload: true } input && input.Container == container && blobName.StartsWith(input.Prefix, StringComparison.Ordinal));
        var logs = new List<string>();
        foreach (var job in jobs)
        {
            var result = await trigger.OnBlobAsync(job, blobName, cancellationToken);
            if (result is { Outcome: BlobStartOutcome.Failed })
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Start failed", detail: "Starting the job failed; retry the invocation.");
            }

            logs.Add($"{job.Name}: {result?.Outcome.ToString() ?? "blob no longer exists"}");
        }

        return Handled(logs);
    }

    private static IResult Handled(List<string> logs) => Results.Ok(new Dictionary<string, object?> { ["Outputs"] = new Dictionary<string, object?>(), ["Logs"] = logs, ["ReturnValue"] = null });

    private static string? Metadata(JsonElement invocation, string name) =>
        Property(invocation, "Metadata") is { ValueKind: JsonValueKind.Object } metadata && Property(metadata, name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim('"') : value.GetRawText()
            : null;

    // The host writes PascalCase names; match them without regard to case.
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}
