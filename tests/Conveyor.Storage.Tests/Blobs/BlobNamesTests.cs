using Conveyor.Storage.Blobs;

namespace Conveyor.Storage.Tests.Blobs;

public sealed class BlobNamesTests
{
    [Theory]
    [InlineData("", "1 to 1024")]
    [InlineData("ends.", "must not end")]
    [InlineData("ends/", "must not end")]
    [InlineData("a/./b", "'.' or '..'")]
    [InlineData("../up", "'.' or '..'")]
    [InlineData("tab\there", "control characters")]
    public void ValidateBlobName_Invalid_ThrowsNamingTheRule(string name, string rule) =>
        Should.Throw<ArgumentException>(() => BlobNames.ValidateBlobName(name)).Message.ShouldContain(rule);

    [Fact]
    public void ValidateBlobName_LoneSurrogate_Throws() =>
        Should.Throw<ArgumentException>(() => BlobNames.ValidateBlobName("lone" + (char)0xD800)).Message.ShouldContain("lone surrogates");

    [Fact]
    public void ValidateBlobName_TooLongOrTooDeep_Throws()
    {
        Should.Throw<ArgumentException>(() => BlobNames.ValidateBlobName(new string('a', 1025))).Message.ShouldContain("1 to 1024");
        Should.Throw<ArgumentException>(() => BlobNames.ValidateBlobName(string.Join('/', Enumerable.Repeat("a", 255)))).Message.ShouldContain("254 path segments");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("dir/file.csv")]
    [InlineData("...x")]
    [InlineData("ünï cødé/😀")]
    public void ValidateBlobName_Valid_DoesNotThrow(string name) => Should.NotThrow(() => BlobNames.ValidateBlobName(name));

    [Fact]
    public void ValidateBlobName_MaximumSizes_Accepted()
    {
        Should.NotThrow(() => BlobNames.ValidateBlobName(new string('a', 1024)));
        Should.NotThrow(() => BlobNames.ValidateBlobName(string.Join('/', Enumerable.Repeat("a", 254))));
    }

    [Fact]
    public void EscapePath_ReservedAndUnicode_EscapesEachSegment() =>
        BlobNames.EscapePath("a b/c#d?e%f/ü").ShouldBe("a%20b/c%23d%3Fe%25f/%C3%BC");
}
