using Conveyor.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? BuildUrl(builder.Configuration));
var storage = builder.Configuration["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true";
var dataDirectory = builder.Configuration["Conveyor:EmulatorDataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".azurite");
await using var emulator = await LocalStorageEmulator.StartIfNeededAsync(storage, dataDirectory, CancellationToken.None);

var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "healthy", emulator = emulator is not null ? "started by this app" : "external" }));
await app.RunAsync();

// Azure Functions custom handlers are told their port in FUNCTIONS_CUSTOMHANDLER_PORT.
static string BuildUrl(IConfiguration configuration) =>
    configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } port ? $"http://127.0.0.1:{port}" : "http://localhost:7071";
