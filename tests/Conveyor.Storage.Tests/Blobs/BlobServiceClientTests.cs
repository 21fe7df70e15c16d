using System.Text.Json;
using Azure;
using Conveyor.Storage.Authentication;
using Conveyor.Storage.Blobs;
using Conveyor.Storage.Connection;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Blobs;

public sealed class BlobServiceClientTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public void Constructor_ConnectionString_ExposesAccountAndEndpoint()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);

        service.AccountName.ShouldBe(StorageConnectionString.DevelopmentAccountName);
        service.Uri.AbsoluteUri.TrimEnd('/').ShouldBe(StorageConnectionString.Parse(azurite.ConnectionString).BlobEndpoint!.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public async Task GetBlobContainersAsync_SmallPages_ListsEveryContainerWithPrefixInOrder()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);
        var prefix = AzuriteFixture.UniqueName("lst");
        var names = Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}").ToList();
        foreach (var name in names)
        {
            await service.GetBlobContainerClient(name).CreateIfNotExistsAsync(_ct);
        }

        var pages = new List<Page<BlobContainerItem>>();
        await foreach (var page in service.GetBlobContainersAsync(prefix, _ct).AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }

        pages.Count.ShouldBe(3);
        pages[0].ContinuationToken.ShouldNotBeNull();
        pages.SelectMany(p => p.Values).Select(c => c.Name).ShouldBe(names);
        pages[0].Values[0].Properties.ETag.ShouldNotBe(default);
    }

    [Fact]
    public async Task Constructor_SharedKeyCredentialAndExplicitEndpoint_Authorizes()
    {
        var parsed = StorageConnectionString.Parse(azurite.ConnectionString);
        var service = new BlobServiceClient(
            parsed.BlobEndpoint!,
            new StorageSharedKeyCredential(StorageConnectionString.DevelopmentAccountName, StorageConnectionString.DevelopmentAccountKey));
        var container = service.GetBlobContainerClient(AzuriteFixture.UniqueName("sk"));

        (await container.CreateIfNotExistsAsync(_ct)).Value.ShouldBeTrue();
        await container.GetBlobClient("a b/ü#?%.txt").UploadAsync(BinaryData.FromString("signed"), cancellationToken: _ct);

        (await container.GetBlobClient("a b/ü#?%.txt").DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("signed");
    }

    [Fact]
    public async Task Constructor_SharedKeyWithWrongKey_FailsWith403()
    {
        var parsed = StorageConnectionString.Parse(azurite.ConnectionString);
        var wrongKey = Convert.ToBase64String(BlobTestData.Bytes(64));
        var service = new BlobServiceClient(parsed.BlobEndpoint!, new StorageSharedKeyCredential(StorageConnectionString.DevelopmentAccountName, wrongKey));

        var error = await Should.ThrowAsync<RequestFailedException>(() => service.GetBlobContainerClient("anything").ExistsAsync(_ct));

        error.Status.ShouldBe(403);
        error.Message.ShouldNotContain(wrongKey);
    }

    [Fact]
    public async Task Constructor_SasCredential_ReadsAndWritesInTheSignedContainer()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "sas");
        var sas = await SignContainerSasAsync(container.Name, "racwdl");
        var service = new BlobServiceClient(StorageConnectionString.Parse(azurite.ConnectionString).BlobEndpoint!, new AzureSasCredential(sas));
        var blob = service.GetBlobContainerClient(container.Name).GetBlobClient("via sas.bin");

        await blob.UploadAsync(BinaryData.FromString("by sas"), cancellationToken: _ct);
        var listed = await service.GetBlobContainerClient(container.Name).GetBlobsAsync(cancellationToken: _ct).ToListAsync(_ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("by sas");
        listed.Select(b => b.Name).ShouldBe(["via sas.bin"]);
    }

    [Fact]
    public async Task Constructor_SasCredentialReadOnly_RefusesWritesWith403()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "sasro");
        var sas = await SignContainerSasAsync(container.Name, "r");
        var service = new BlobServiceClient(StorageConnectionString.Parse(azurite.ConnectionString).BlobEndpoint!, new AzureSasCredential(sas));

        var error = await Should.ThrowAsync<RequestFailedException>(
            () => service.GetBlobContainerClient(container.Name).GetBlobClient("x").UploadAsync(BinaryData.FromString("no"), cancellationToken: _ct));

        error.Status.ShouldBe(403);
        error.Message.ShouldNotContain("sig=");
    }

    [Fact]
    public void GetBlobContainerClient_InvalidName_ThrowsNamingTheRule()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);

        Should.Throw<ArgumentException>(() => service.GetBlobContainerClient("Upper")).Message.ShouldContain("lower-case");
    }

    private async Task<string> SignContainerSasAsync(string container, string permissions)
    {
        var output = await NodeScript.RunAsync("interop/blob.js", azurite.ConnectionString, ["sas", container, permissions, "30"], _ct);
        return JsonDocument.Parse(output).RootElement.GetProperty("sas").GetString()!;
    }
}
