using Azure;
using Conveyor.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Blobs;

public sealed class BlobContainerClientTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly BlobServiceClient _service = new(azurite.ConnectionString);

    [Fact]
    public async Task CreateIfNotExistsAsync_NewThenExisting_ReturnsTrueThenFalse()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("create"));

        (await container.CreateIfNotExistsAsync(_ct)).Value.ShouldBeTrue();
        (await container.CreateIfNotExistsAsync(_ct)).Value.ShouldBeFalse();
        (await container.ExistsAsync(_ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var container = await BlobTestData.NewContainerAsync(azurite);

        (await container.DeleteIfExistsAsync(_ct)).Value.ShouldBeTrue();
        (await container.DeleteIfExistsAsync(_ct)).Value.ShouldBeFalse();
        (await container.ExistsAsync(_ct)).ShouldBeFalse();
    }

    [Fact]
    public void Properties_NameAndUri_DescribeTheContainer()
    {
        var name = AzuriteFixture.UniqueName("props");
        var container = _service.GetBlobContainerClient(name);

        container.Name.ShouldBe(name);
        container.Uri.AbsoluteUri.ShouldBe(_service.Uri.AbsoluteUri.TrimEnd('/') + "/" + name);
    }

    [Fact]
    public async Task GetBlobsAsync_PageSizeTwo_FollowsMarkersAndReturnsLexicalOrder()
    {
        var container = await BlobTestData.NewContainerAsync(azurite);
        string[] names = ["b", "a/2", "a/10", "c d", "ä", "a/1"];
        foreach (var name in names)
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name), cancellationToken: _ct);
        }

        var pages = new List<Page<BlobItem>>();
        await foreach (var page in container.GetBlobsAsync(cancellationToken: _ct).AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }

        pages.Count.ShouldBe(3);
        pages.Take(2).ShouldAllBe(p => p.ContinuationToken != null && p.Values.Count == 2);
        pages.SelectMany(p => p.Values).Select(b => b.Name).ShouldBe(names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetBlobsAsync_ContinuationTokenFromPage_ResumesAfterIt()
    {
        var container = await BlobTestData.NewContainerAsync(azurite);
        foreach (var name in new[] { "1", "2", "3" })
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name), cancellationToken: _ct);
        }

        string? token = null;
        await foreach (var page in container.GetBlobsAsync(cancellationToken: _ct).AsPages(pageSizeHint: 1))
        {
            token = page.ContinuationToken;
            break;
        }

        var rest = new List<string>();
        await foreach (var page in container.GetBlobsAsync(cancellationToken: _ct).AsPages(token, 5))
        {
            rest.AddRange(page.Values.Select(v => v.Name));
        }

        rest.ShouldBe(["2", "3"]);
    }

    [Fact]
    public async Task GetBlobsAsync_PrefixAndMetadata_FiltersAndCarriesProperties()
    {
        var container = await BlobTestData.NewContainerAsync(azurite);
        await container.GetBlobClient("in/x.csv").UploadAsync(
            BinaryData.FromString("12345"),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["Source"] = "unit" }, HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } },
            _ct);
        await container.GetBlobClient("out/y.csv").UploadAsync(BinaryData.FromString("1"), cancellationToken: _ct);
        var properties = (await container.GetBlobClient("in/x.csv").GetPropertiesAsync(cancellationToken: _ct)).Value;

        var withMetadata = await container.GetBlobsAsync("in/", includeMetadata: true, _ct).ToListAsync(_ct);
        var withoutMetadata = await container.GetBlobsAsync("in/", cancellationToken: _ct).ToListAsync(_ct);

        var item = withMetadata.ShouldHaveSingleItem();
        item.Name.ShouldBe("in/x.csv");
        item.Metadata["Source"].ShouldBe("unit");
        item.Properties.ContentLength.ShouldBe(5);
        item.Properties.ContentType.ShouldBe("text/csv");
        item.Properties.ETag.ShouldBe(properties.ETag);
        item.Properties.LastModified.ShouldBe(properties.LastModified);
        withoutMetadata.ShouldHaveSingleItem().Metadata.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetBlobsAsync_MissingContainer_ThrowsContainerNotFound()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("missing"));

        var error = await Should.ThrowAsync<RequestFailedException>(async () => await container.GetBlobsAsync(cancellationToken: _ct).ToListAsync(_ct));

        error.Status.ShouldBe(404);
        error.ErrorCode.ShouldBe("ContainerNotFound");
    }

    [Fact]
    public async Task GetBlobLeaseClient_LeasedContainer_RefusesDeleteWithoutLease()
    {
        var container = await BlobTestData.NewContainerAsync(azurite);
        var lease = container.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => container.DeleteIfExistsAsync(_ct));
        error.Status.ShouldBe(412);

        (await container.DeleteIfExistsAsync(new BlobRequestConditions { LeaseId = lease.LeaseId }, _ct)).Value.ShouldBeTrue();
    }

    [Theory]
    [InlineData("ab", "3 to 63")]
    [InlineData("has_underscore", "lower-case letters, digits and hyphens")]
    [InlineData("-start", "start and end")]
    [InlineData("end-", "start and end")]
    [InlineData("dou--ble", "two hyphens")]
    public void GetBlobContainerClient_InvalidName_ThrowsBeforeAnyRequest(string name, string rule)
    {
        var unreachable = new BlobServiceClient("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a");

        Should.Throw<ArgumentException>(() => unreachable.GetBlobContainerClient(name)).Message.ShouldContain(rule);
    }

    [Theory]
    [InlineData("$root")]
    [InlineData("$logs")]
    [InlineData("abc")]
    [InlineData("a-1-b")]
    public void GetBlobContainerClient_ValidName_Accepted(string name) =>
        _service.GetBlobContainerClient(name).Name.ShouldBe(name);
}
