using Azure;
using Conveyor.Api.Uploads;
using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;

namespace Conveyor.Server.Tests.Triggers;

public sealed class BlobTriggerParametersTests
{
    private static readonly JobInput Input = new("uploads", "users/", "input.file", TriggerOnUpload: true);

    [Fact]
    public void For_BlobVersion_NamesBlobAndETagAsIdentifyingStrings()
    {
        var parameters = BlobTriggerParameters.For(Input, "users/a.csv", new ETag("\"0x8DC1\""));

        parameters.Values.Keys.ShouldBe(["input.file", "input.file.etag"]);
        parameters.Values["input.file"].ShouldBe(new JobParameter("users/a.csv"));
        parameters.Values["input.file.etag"].ShouldBe(new JobParameter("0x8DC1"));
        BlobTriggerParameters.ETagParameterName(Input).ShouldBe("input.file.etag");
    }

    [Fact]
    public void For_QuotedOrBareOrWeakETag_IsTheSameInstance()
    {
        var quoted = BlobTriggerParameters.For(Input, "users/a.csv", new ETag("\"0x8DC1\""));
        var bare = BlobTriggerParameters.For(Input, "users/a.csv", new ETag("0x8DC1"));
        var weak = BlobTriggerParameters.For(Input, "users/a.csv", new ETag("W/\"0x8DC1\""));

        JobInstance.IdOf("j", bare).ShouldBe(JobInstance.IdOf("j", quoted));
        JobInstance.IdOf("j", weak).ShouldBe(JobInstance.IdOf("j", quoted));
    }

    [Fact]
    public void For_NewETagOrOtherBlob_IsAnotherInstance()
    {
        var first = JobInstance.IdOf("j", BlobTriggerParameters.For(Input, "users/a.csv", new ETag("\"1\"")));

        JobInstance.IdOf("j", BlobTriggerParameters.For(Input, "users/a.csv", new ETag("\"2\""))).ShouldNotBe(first);
        JobInstance.IdOf("j", BlobTriggerParameters.For(Input, "users/b.csv", new ETag("\"1\""))).ShouldNotBe(first);
    }

    [Fact]
    public void For_NoETag_Throws()
    {
        Should.Throw<ArgumentException>(() => BlobTriggerParameters.For(Input, "users/a.csv", default));
    }
}
