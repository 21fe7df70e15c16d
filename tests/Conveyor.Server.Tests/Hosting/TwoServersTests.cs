using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Hosting;

/// <summary>Two server processes on one task hub and one repository share the work: both run partitions, and every job ends with every row once.</summary>
public sealed class TwoServersTests(AzuriteFixture azurite)
{
    private const int Rows = 6_000;
    private const int Jobs = 4;

    [Fact]
    public async Task TwoServers_OneTaskHub_BothRunPartitions_AndEveryRowIsWrittenOnce()
    {
        var uploads = AzuriteFixture.UniqueName("up");
        var results = AzuriteFixture.UniqueName("res");
        var hub = AzuriteFixture.UniqueName("hub");
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Conveyor__TaskHubName"] = hub,
            ["Conveyor__TablePrefix"] = AzuriteFixture.UniqueName("two"),
            ["Conveyor__Samples__UploadsContainer"] = uploads,
            ["Conveyor__Samples__ResultsContainer"] = results,
            ["Conveyor__Samples__TransformChunkSize"] = "50",
            ["Conveyor__Batch__CheckpointInterval"] = "00:00:00",
            ["Conveyor__Batch__PartitionTimeBudget"] = "00:00:01",
            ["Conveyor__BlobTrigger__Enabled"] = "false",
        };
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var input = blobs.GetBlobContainerClient(uploads);
        await input.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await input.GetBlobClient("transform/trades.csv").UploadAsync(new BinaryData(Trades(Rows)), cancellationToken: TestContext.Current.CancellationToken);

        await using var one = await ServerProcess.StartAsync(settings);
        await using var two = await ServerProcess.StartAsync(settings);
        var servers = new[] { one, two }.Select(s => new HttpClient { BaseAddress = s.BaseAddress }).ToArray();

        // The second server takes over half the hub's partitions from the first. An orchestration whose partition moves in
        // the middle of an episode waits for the engine's control-queue visibility timeout (5 minutes), so the jobs start
        // once the hub is balanced: the sharing is what this test is about, not the engine's rebalancing.
        await WaitForBalancedPartitionsAsync(new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "Partitions"));

        // Half the jobs are started through each server.
        var started = new List<(HttpClient Server, string Id)>();
        for (var i = 0; i < Jobs; i++)
        {
            var server = servers[i % 2];
            using var response = await server.PostAsJsonAsync(
                "/api/jobs/transformCsv",
                new { parameters = new { input = "transform/trades.csv", output = $"out{i}/", partitions = 4 } },
                TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            started.Add((server, body.GetProperty("id").GetString()!));
        }

        var workers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (server, id) in started)
        {
            var done = await WaitForEndAsync(server, id);
            done.GetProperty("status").GetString().ShouldBe("COMPLETED", $"{done}\nlogs: {one.LogPath} {two.LogPath}");
            foreach (var partition in done.GetProperty("steps")[0].GetProperty("partitions").EnumerateArray())
            {
                workers.Add(partition.GetProperty("worker").GetString()!);
            }
        }

        workers.Count.ShouldBe(2, string.Join(", ", workers));
        for (var i = 0; i < Jobs; i++)
        {
            var lines = 0;
            await foreach (var part in blobs.GetBlobContainerClient(results).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"out{i}/", TestContext.Current.CancellationToken))
            {
                var content = (await blobs.GetBlobContainerClient(results).GetBlobClient(part.Name).DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString();
                lines += content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Count();
            }

            lines.ShouldBe(Rows, $"job {i}");
        }
    }

    private static async Task WaitForBalancedPartitionsAsync(TableClient partitions)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var owners = new List<string?>();
            var moving = false;
            await foreach (var lease in partitions.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                owners.Add(lease.GetString("CurrentOwner"));
                moving |= !string.IsNullOrEmpty(lease.GetString("NextOwner")) || lease.GetBoolean("IsDraining") == true;
            }

            if (!moving && owners.Count == 4 && owners.All(o => !string.IsNullOrEmpty(o)) && owners.Distinct().Count() == 2)
            {
                return;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The two servers did not share the task hub's partitions within two minutes.");
    }

    private static async Task<JsonElement> WaitForEndAsync(HttpClient server, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            using var response = await server.GetAsync(new Uri($"/api/executions/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static byte[] Trades(int rows)
    {
        var text = new StringBuilder("isin,quantity,price,customer\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append("US").Append(i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(i % 97 + 1).Append(",12.50,customer").Append(i % 13).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
