using Conveyor.Functions;
using Conveyor.Functions.Api;
using Conveyor.Functions.Hosting;
using Conveyor.Functions.Management;
using Conveyor.Functions.Samples;
using Conveyor.Functions.Security;
using Conveyor.Functions.Triggers;
using Conveyor.Local.Azurite;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
LocalSettingsFile.AddTo(builder.Configuration, builder.Environment.ContentRootPath);
var url = builder.Configuration["urls"] ?? BuildUrl(builder.Configuration);
builder.WebHost.UseUrls(url);
var dataDirectory = builder.Configuration["Conveyor:EmulatorDataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".azurite");
await using var emulator = AppServiceCollectionExtensions.Storage(builder.Configuration).ConnectionString is { } connectionString
    ? await LocalStorageEmulator.StartIfNeededAsync(connectionString, dataDirectory, CancellationToken.None)
    : null;
builder.Services.AddConveyorApp(builder.Configuration).AddSampleJobs(builder.Configuration, builder.Environment, url.Split(';')[0]);
builder.Services.AddConveyorTriggers(builder.Configuration);

var app = builder.Build();
WarnOrRefuseWithoutKeys(app);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapGet("/api/health", () => Results.Ok(new { status = "healthy", emulator = emulator is not null ? "started by this app" : "external" }))
    .RequireKey(AuthorizationLevel.Anonymous);
app.MapJobEndpoints();
app.MapDurableManagementEndpoints();
app.MapFunctionInvocationEndpoints(app.Configuration);
app.MapDemoUserService();
app.MapExecutionEndpoints();
await app.RunAsync();

// Azure Functions custom handlers are told their port in FUNCTIONS_CUSTOMHANDLER_PORT.
static string BuildUrl(IConfiguration configuration) =>
    configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } port ? $"http://127.0.0.1:{port}" : "http://localhost:7071";

// Like the Functions tools: keys are optional for local development (loopback only), required everywhere else.
static void WarnOrRefuseWithoutKeys(WebApplication app)
{
    if (app.Services.GetRequiredService<IOptions<FunctionKeysOptions>>().Value.Any)
    {
        return;
    }

    if (!app.Environment.IsDevelopment())
    {
        throw new InvalidOperationException(
            $"No function or admin keys are configured ({FunctionKeysOptions.Section}:Function:0, {FunctionKeysOptions.Section}:Admin:0); outside Development every endpoint needs a key.");
    }

    app.Logger.NoKeysInDevelopment();
}

/// <summary>The app's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
