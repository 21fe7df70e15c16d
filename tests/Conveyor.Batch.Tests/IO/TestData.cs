using Azure.Storage.Blobs;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Item;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.IO;

/// <summary>The data files copied next to the tests, and blobs made of them on Azurite.</summary>
internal static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "IO", "Data", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static async Task<BlobContainerClient> ContainerAsync(AzuriteFixture azurite)
    {
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("io"));
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        return container;
    }

    public static async Task<BlobClient> UploadAsync(AzuriteFixture azurite, byte[] content, string name = "input.csv")
    {
        var container = await ContainerAsync(azurite);
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        return blob;
    }

    /// <summary>Reads to the end, collecting items and malformed-record exceptions (as a skip policy would).</summary>
    public static async Task<(List<T> Items, List<MalformedRecordException> Bad)> ReadAllAsync<T>(IItemReader<T> reader, int? limit = null)
    {
        var items = new List<T>();
        var bad = new List<MalformedRecordException>();
        while (limit is null || items.Count + bad.Count < limit)
        {
            try
            {
                var result = await reader.ReadAsync(TestContext.Current.CancellationToken);
                if (!result.HasItem)
                {
                    break;
                }

                items.Add(result.Item);
            }
            catch (MalformedRecordException exception)
            {
                bad.Add(exception);
            }
        }

        return (items, bad);
    }

    public static string[] Fields(CsvRecordView record)
    {
        var fields = new string[record.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = record[i];
        }

        return fields;
    }
}
