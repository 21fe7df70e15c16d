using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conveyor.Samples.Tests.ImportUsers;

/// <summary>
/// A real HTTP server (Kestrel on a free loopback port) playing the external user service:
/// <c>PUT /api/users/{id}</c> answers 201 with <c>{"id": "ext-{id}"}</c> the first time, 200 with the same id after.
/// Users in <see cref="FailFirst"/> get a 503 on their first call; users in <see cref="Rejected"/> always get a 400;
/// users in <see cref="Unavailable"/> get a 503 while they are in it; users in <see cref="Slow"/> are answered late.
/// </summary>
internal sealed class FakeUserService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonElement> _created = new(StringComparer.Ordinal);

    private FakeUserService(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, bool> FailFirst { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Rejected { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Unavailable { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Slow { get; } = new(StringComparer.Ordinal);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the calls per user id.</summary>
    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>Gets the request bodies of the users created, by user id.</summary>
    public IReadOnlyDictionary<string, JsonElement> Created => _created;

    public static async Task<FakeUserService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var service = new FakeUserService(builder.Build());
        service._app.MapPut("/api/users/{id}", service.HandleAsync);
        await service._app.StartAsync(TestContext.Current.CancellationToken);
        service.BaseAddress = new Uri(service._app.Urls.Single() + "/api");
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(string id, HttpRequest request)
    {
        var call = _calls.AddOrUpdate(id, 1, (_, n) => n + 1);
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        if (Slow.ContainsKey(id))
        {
            await Task.Delay(TimeSpan.FromSeconds(5), request.HttpContext.RequestAborted);
        }

        if (Rejected.ContainsKey(id))
        {
            return Results.Text("the email domain is not allowed", statusCode: StatusCodes.Status400BadRequest);
        }

        if (Unavailable.ContainsKey(id) || (FailFirst.ContainsKey(id) && call == 1))
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var created = _created.TryAdd(id, body);
        return Results.Json(new { id = "ext-" + id }, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
