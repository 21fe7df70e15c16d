namespace Conveyor.Local.Azurite;

/// <summary>How to start a local Azurite emulator.</summary>
public sealed class AzuriteOptions
{
    /// <summary>Gets or sets the loopback address to listen on. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the blob port; 0 (the default) picks a free port.</summary>
    public int BlobPort { get; set; }

    /// <summary>Gets or sets the queue port; 0 (the default) picks a free port.</summary>
    public int QueuePort { get; set; }

    /// <summary>Gets or sets the table port; 0 (the default) picks a free port.</summary>
    public int TablePort { get; set; }

    /// <summary>
    /// Gets or sets the data folder, which is kept. <see langword="null"/> (the default) keeps the data in memory only:
    /// it lives as long as the instance, and writes are not flushed to disk one by one.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Gets or sets the folder holding Azurite's npm manifest (<c>infra/local</c>). <see langword="null"/> (the
    /// default) uses the <c>CONVEYOR_AZURITE_HOME</c> environment variable, else searches upwards from the current
    /// directory and the application's base directory for <c>infra/local/package.json</c>.
    /// </summary>
    public string? InstallDirectory { get; set; }

    /// <summary>Gets or sets a value indicating whether to run <c>npm ci</c> when Azurite is not installed. Default <see langword="true"/>.</summary>
    public bool InstallIfMissing { get; set; } = true;

    /// <summary>Gets or sets how long to wait for all three services to answer. Default 60 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the Node.js executable. Default <c>node</c> from the PATH.</summary>
    public string NodeExecutable { get; set; } = "node";
}
