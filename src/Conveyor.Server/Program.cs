using Conveyor.Api;
using Conveyor.Server;
using Conveyor.Server.Api;
using Conveyor.Server.Hosting;
using Conveyor.Server.Management;
using Conveyor.Server.Samples;
using Conveyor.Server.Security;
using Conveyor.Server.Triggers;
using Conveyor.Local.Azurite;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
LocalSettingsFile.AddTo(builder.Configuration, builder.Environment.ContentRootPath);
// The port the Azure Functions Core Tools use, so scripts work against either host.
var url = builder.Configuration["urls"] ?? "http://localhost:7071";
builder.WebHost.UseUrls(url);
var dataDirectory = builder.Configuration["Conveyor:EmulatorDataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".azurite");
await using var emulator = AppServiceCollectionExtensions.Storage(builder.Configuration).ConnectionString is { } connectionString
    ? await LocalStorageEmulator.StartIfNeededAsync(connectionString, dataDirectory, CancellationToken.None)
    : null;
builder.Services.AddConveyorApp(builder.Configuration).AddSampleJobs(builder.Configuration, builder.Environment, url.Split(';')[0]);
builder.Services.AddConveyorApi(builder.Configuration).AddSingleton<IOrchestrationLinkFactory, ManagementApiLinks>().AddConveyorTriggers();

var app = builder.Build();
WarnOrRefuseWithoutKeys(app);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapGet("/api/health", () => Results.Ok(new { status = "healthy", emulator = emulator is not null ? "started by this app" : "external" }))
    .RequireKey(AuthorizationLevel.Anonymous);
app.MapConveyorApi();
app.MapDurableManagementEndpoints();
app.MapDemoUserService();
await app.RunAsync();

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
