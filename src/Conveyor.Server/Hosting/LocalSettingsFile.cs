using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Conveyor.Server.Hosting;

/// <summary>
/// Reads an Azure Functions <c>local.settings.json</c> (its <c>Values</c> as app settings, <c>__</c> as the section
/// separator, and <c>Host:LocalHttpPort</c>) so the app runs locally with the same file the Functions tools use.
/// </summary>
internal static class LocalSettingsFile
{
    /// <summary>The file name the Functions tools use.</summary>
    public const string FileName = "local.settings.json";

    /// <summary>Adds the file's settings below the environment and command line (those still win), if the file exists.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <param name="directory">Where to look for the file.</param>
    public static void AddTo(ConfigurationManager configuration, string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var settings = Read(File.ReadAllText(path), path);

        // Inserted first, so every source the host added (appsettings, environment, command line) overrides it;
        // the configuration manager reloads itself when its sources change.
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings });
    }

    /// <summary>Returns the settings a local.settings.json file holds.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="path">The file's path, for error messages.</param>
    /// <returns>The settings as configuration keys and values.</returns>
    public static Dictionary<string, string?> Read(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in values.EnumerateObject())
                {
                    settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
                }
            }

            if (document.RootElement.TryGetProperty("Host", out var host) && host.TryGetProperty("LocalHttpPort", out var port))
            {
                settings["urls"] = $"http://localhost:{port.GetRawText()}";
            }

            return settings;
        }
    }
}
