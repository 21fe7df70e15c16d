using System.Reflection;
using System.Text.Json.Nodes;
using Conveyor.Api;
using Conveyor.Batch.Hosting;
using Conveyor.Functions.Hosting;
using Conveyor.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>
/// The Functions app's HTTP functions invoked the way the Functions host binds them: the function whose trigger's
/// method and route match is created from the app's services and called with a real <see cref="HttpContext"/>, its
/// route values and a <see cref="DurableTaskClient"/> on Azurite. A Conveyor worker on the same task hub stands in
/// for the host's Durable engine and runs the jobs.
/// </summary>
internal sealed class FunctionsApiHost : IApiHost, IAsyncDisposable
{
    private readonly IHost _engine;
    private readonly IHost _app;
    private readonly IReadOnlyList<HttpFunction> _functions;

    private FunctionsApiHost(IHost engine, IHost app)
    {
        _engine = engine;
        _app = app;
        _functions = HttpFunction.All(typeof(ConveyorFunctionsApplication).Assembly);
    }

    public string Name => "functions";

    /// <summary>Gets the app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the durable client the host would bind to <c>[DurableClient]</c>.</summary>
    public DurableTaskClient Client => _engine.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<FunctionsApiHost> StartAsync(AzuriteFixture azurite, ContractJobs jobs)
    {
        var hub = AzuriteFixture.UniqueName("hub");
        var prefix = AzuriteFixture.UniqueName("fn");
        var engineBuilder = Host.CreateApplicationBuilder();
        engineBuilder.Logging.ClearProviders();
        engineBuilder.Services.AddConveyor(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TaskHubName = hub;
            o.TablePrefix = prefix;
            o.Batch.CheckpointInterval = TimeSpan.Zero;
            o.TaskHub = FastTaskHub.Apply;
        }).AddJobs(jobs.Register);
        var engine = engineBuilder.Build();
        await engine.StartAsync(TestContext.Current.CancellationToken);

        var appBuilder = FunctionsApplication.CreateBuilder([]);
        appBuilder.Logging.ClearProviders();
        appBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ConveyorFunctionsApplication.StorageSetting] = azurite.ConnectionString,
            ["Conveyor:TablePrefix"] = prefix,
        });
        appBuilder.AddConveyorFunctions();
        appBuilder.Services.AddConveyorJobs(jobs.Register);
        appBuilder.Services.AddSingleton<IOrchestrationLinkFactory, ExtensionRequestLinks>();
        return new FunctionsApiHost(engine, appBuilder.Build());
    }

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string target, HttpContent? content = null)
    {
        var split = target.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? target : target[..split];
        var prefix = "/" + ApiRoutes.Prefix;
        foreach (var function in _functions)
        {
            var values = new RouteValueDictionary();
            if (!string.Equals(function.Method, method.Method, StringComparison.OrdinalIgnoreCase)
                || !path.StartsWith(prefix, StringComparison.Ordinal)
                || !function.Matcher.TryMatch(path[prefix.Length..], values))
            {
                continue;
            }

            using var scope = _app.Services.CreateScope();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Request.Method = method.Method;
            http.Request.Scheme = "http";
            http.Request.Host = new HostString("localhost");
            http.Request.Path = path;
            http.Request.QueryString = new QueryString(split < 0 ? string.Empty : target[split..]);
            if (content is not null)
            {
                var bytes = await content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
                http.Request.Body = new MemoryStream(bytes);
                http.Request.ContentLength = bytes.Length;
                http.Request.ContentType = content.Headers.ContentType?.ToString();
            }

            var response = new MemoryStream();
            http.Response.Body = response;
            var result = await function.InvokeAsync(scope.ServiceProvider, http, values, Client);
            await result.ExecuteAsync(http);
            var text = System.Text.Encoding.UTF8.GetString(response.ToArray());
            return new ApiAnswer(
                http.Response.StatusCode,
                http.Response.Headers.Location.FirstOrDefault(),
                http.Response.Headers.RetryAfter.FirstOrDefault(),
                http.Response.ContentType?.Split(';')[0],
                text.Length == 0 ? null : JsonNode.Parse(text));
        }

        throw new InvalidOperationException($"No HTTP function of the app serves {method} {target}.");
    }

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        await _engine.StopAsync(CancellationToken.None);
        _engine.Dispose();
    }

    /// <summary>One HTTP function: its method, route matcher and how to call it.</summary>
    private sealed record HttpFunction(string Method, TemplateMatcher Matcher, MethodInfo Entry)
    {
        public static IReadOnlyList<HttpFunction> All(Assembly assembly) =>
        [
            .. from type in assembly.GetTypes()
               from entry in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
               where entry.GetCustomAttribute<FunctionAttribute>() is not null
               let trigger = entry.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
               where trigger is not null
               from verb in trigger.Methods ?? []
               select new HttpFunction(verb, new TemplateMatcher(TemplateParser.Parse("/" + trigger.Route), []), entry),
        ];

        public async Task<IResult> InvokeAsync(IServiceProvider services, HttpContext http, RouteValueDictionary values, DurableTaskClient client)
        {
            var arguments = Entry.GetParameters().Select(p => p.ParameterType switch
            {
                var t when t == typeof(HttpRequest) => http.Request,
                var t when t == typeof(DurableTaskClient) => client,
                var t when t == typeof(CancellationToken) => (object)http.RequestAborted,
                _ => values[p.Name!]?.ToString(),
            }).ToArray();
            var instance = ActivatorUtilities.CreateInstance(services, Entry.DeclaringType!);
            return Entry.Invoke(instance, arguments) switch
            {
                Task<IResult> pending => await pending,
                IResult done => done,
                var other => throw new InvalidOperationException($"{Entry.Name} returned {other?.GetType().Name ?? "null"}, not an IResult."),
            };
        }
    }
}
