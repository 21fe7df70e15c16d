using System.Diagnostics;
using System.Net.Sockets;
using Conveyor.Local.Azurite;

namespace Conveyor.Storage.Tests.Azurite;

public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task StartAsync_FreePorts_AllThreeServicesAnswerAndDisposeStopsTheProcess()
    {
        var instance = await AzuriteLauncher.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var processId = instance.ProcessId;
        instance.DataDirectory.ShouldBeNull(); // In memory by default.

        foreach (var port in new[] { instance.BlobPort, instance.QueuePort, instance.TablePort })
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            client.Connected.ShouldBeTrue();
        }

        instance.ConnectionString.ShouldContain($"BlobEndpoint=http://127.0.0.1:{instance.BlobPort}/devstoreaccount1");
        await instance.DisposeAsync();

        ProcessIsGone(processId).ShouldBeTrue();
    }

    [Fact]
    public async Task StartAsync_DataDirectory_MessagesAreWrittenThereAndTheFolderIsKept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "conveyor-kept-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var instance = await AzuriteLauncher.StartAsync(new AzuriteOptions { DataDirectory = folder }, cancellationToken: TestContext.Current.CancellationToken))
            {
                instance.DataDirectory.ShouldBe(folder);
                var queue = new Conveyor.Storage.Queues.QueueClient(instance.ConnectionString, "kept");
                await queue.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
                await queue.SendMessageAsync("persisted", cancellationToken: TestContext.Current.CancellationToken);
            }

            Directory.Exists(folder).ShouldBeTrue();
            Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ShouldNotBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_OwnerKilled_AzuriteExitsByItself()
    {
        // A shell stands in for the owning process: it starts the supervisor with a pipe on stdin, prints the
        // supervisor's pid, and is killed with SIGKILL. The closed pipe must take Azurite down.
        var home = AzuriteLauncher.FindInstallDirectory(new AzuriteOptions());
        var script = "mkfifo \"$0/in\"; (node azurite-supervised.js --silent --disableTelemetry --location \"$0\" " +
            "--blobPort 0 --queuePort 0 --tablePort 0 < \"$0/in\" > /dev/null 2>&1 & echo $!); exec 3> \"$0/in\"; sleep 600";
        var folder = Directory.CreateTempSubdirectory("conveyor-orphan-").FullName;
        var start = new ProcessStartInfo("bash") { WorkingDirectory = home, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        using var owner = Process.Start(start)!;
        var supervisorPid = int.Parse((await owner.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken))!, System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilAsync(() => File.Exists(Path.Combine(folder, "__azurite_db_blob__.json")) || Directory.GetFiles(folder).Length > 1, TimeSpan.FromSeconds(30));

        ProcessIsGone(supervisorPid).ShouldBeFalse();
        owner.Kill(); // SIGKILL: no chance to clean up.
        await owner.WaitForExitAsync(TestContext.Current.CancellationToken);

        await WaitUntilAsync(() => ProcessIsGone(supervisorPid), TimeSpan.FromSeconds(15));
        ProcessIsGone(supervisorPid).ShouldBeTrue();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task StartAsync_MissingManifest_FailsWithAClearMessage()
    {
        var empty = Directory.CreateTempSubdirectory("conveyor-nomanifest-").FullName;
        var options = new AzuriteOptions { InstallDirectory = empty, InstallIfMissing = false };

        var error = await Should.ThrowAsync<InvalidOperationException>(() => AzuriteLauncher.StartAsync(options));

        error.Message.ShouldContain("npm ci");
        Directory.Delete(empty);
    }

    private static bool ProcessIsGone(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            await Task.Delay(100);
        }
    }
}
