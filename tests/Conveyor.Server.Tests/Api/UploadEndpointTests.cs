using System.Net;
using Azure.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Api;

public sealed class UploadEndpointTests(AzuriteFixture azurite)
{
    private const string Csv = "id,name,qty\n1,ada,3\n2,grace,5\n3,alan,8\n4,edsger,13\n5,barbara,21\n";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_CsvFile_JobReadsTheUploadedFile()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.UploadAsync(TestJobs.CsvImport, "2026/batch1.csv", Csv, "&param.note=hello");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        var done = await app.FollowAsync(response.Headers.Location.ShouldNotBeNull());
        done.GetProperty("status").GetString().ShouldBe("COMPLETED");
        done.GetProperty("parameters").GetProperty("input.file").GetProperty("value").GetString().ShouldBe("in/2026/batch1.csv");
        done.GetProperty("parameters").GetProperty("note").GetProperty("value").GetString().ShouldBe("hello");
        done.GetProperty("steps")[0].GetProperty("readCount").GetInt64().ShouldBe(5);
        app.Jobs.Imported[done.GetProperty("id").GetString()!].OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => (r.Name, r.Qty))
            .ShouldBe([("ada", 3L), ("grace", 5L), ("alan", 8L), ("edsger", 13L), ("barbara", 21L)]);
        var stored = await new BlobClient(azurite.ConnectionString, app.Jobs.InputContainer, "in/2026/batch1.csv").DownloadContentAsync(cancellationToken: Cancellation);
        stored.Value.Content.ToString().ShouldBe(Csv);
    }

    [Fact]
    public async Task Upload_MalformedLine_SkipsListLineNumbers()
    {
        await using var app = ApiTestApp.Create(azurite);
        using var response = await app.UploadAsync(TestJobs.CsvImport, "skips.csv", "id,name,qty\n1,ada,3\n2,grace,lots\n3,alan,8\n4,edsger,x\n");
        var done = await app.FollowAsync(response.Headers.Location.ShouldNotBeNull());
        done.GetProperty("status").GetString().ShouldBe("COMPLETED");
        done.GetProperty("skipCount").GetInt64().ShouldBe(2);
        done.GetProperty("steps")[0].GetProperty("readSkipCount").GetInt64().ShouldBe(2);

        using var skips = await app.GetAsync($"/api/executions/{done.GetProperty("id").GetString()}/skips");

        skips.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = (await ApiTestApp.JsonAsync(skips)).EnumerateArray().OrderBy(s => s.GetProperty("lineNumber").GetInt64()).ToList();
        items.Select(s => (s.GetProperty("phase").GetString(), s.GetProperty("lineNumber").GetInt64())).ShouldBe([("read", 3L), ("read", 5L)]);
        items[0].GetProperty("stepName").GetString().ShouldNotBeNull().ShouldStartWith("import");
        items[0].GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("lots");
    }

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData("a/../../escape.csv")]
    [InlineData("/absolute.csv")]
    [InlineData("C:/windows.csv")]
    [InlineData("back\\slash.csv")]
    [InlineData("a/./b.csv")]
    [InlineData("a//b.csv")]
    [InlineData("folder/")]
    [InlineData("")]
    public async Task Upload_InvalidName_Is400AndStoresNothing(string name)
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.UploadAsync(TestJobs.CsvImport, name, Csv);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        ApiTestApp.Errors(await ApiTestApp.JsonAsync(response)).ShouldHaveSingleItem();
        (await new BlobContainerClient(azurite.ConnectionString, app.Jobs.InputContainer).ExistsAsync(Cancellation)).Value.ShouldBeFalse();
    }

    [Fact]
    public async Task Upload_JobWithoutInput_Is400()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.UploadAsync(TestJobs.Plain, "a.csv", Csv);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiTestApp.Errors(await ApiTestApp.JsonAsync(response)).ShouldHaveSingleItem().ShouldContain("declares no input");
    }

    [Fact]
    public async Task Upload_UnknownJob_Is404()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.UploadAsync("noSuchJob", "a.csv", Csv);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_InputParameterInQuery_Is400()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.UploadAsync(TestJobs.CsvImport, "a.csv", Csv, "&param.input.file=other.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiTestApp.Errors(await ApiTestApp.JsonAsync(response)).ShouldHaveSingleItem().ShouldContain("'input.file'");
    }

    [Fact]
    public async Task Upload_SameNameAgain_Is409AndKeepsTheFirstFile()
    {
        await using var app = ApiTestApp.Create(azurite);
        using var first = await app.UploadAsync(TestJobs.CsvImport, "once.csv", Csv);
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var second = await app.UploadAsync(TestJobs.CsvImport, "once.csv", "id,name,qty\n9,other,1\n");

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiTestApp.JsonAsync(second)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain((await ApiTestApp.JsonAsync(first)).GetProperty("id").GetString()!);
        var stored = await new BlobClient(azurite.ConnectionString, app.Jobs.InputContainer, "in/once.csv").DownloadContentAsync(cancellationToken: Cancellation);
        stored.Value.Content.ToString().ShouldBe(Csv);
    }

    [Fact]
    public async Task Upload_OverTheConfiguredLimit_Is413AndStartsNothing()
    {
        await using var app = ApiTestApp.Create(azurite, new Dictionary<string, string?> { ["Conveyor:MaxUploadBytes"] = "1000" });
        var big = "id,name,qty\n" + string.Concat(Enumerable.Range(1, 200).Select(i => $"{i},name{i},{i}\n"));

        using var response = await app.UploadAsync(TestJobs.CsvImport, "big.csv", big);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var executions = await app.GetAsync($"/api/executions?job={TestJobs.CsvImport}");
        (await ApiTestApp.JsonAsync(executions)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }
}
