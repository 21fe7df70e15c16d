using Conveyor.Storage.Blobs;

namespace Conveyor.Storage.Tests.Blobs;

public sealed class BlobMetadataTests
{
    [Theory]
    [InlineData("1starts", "v", "C# identifier")]
    [InlineData("has-dash", "v", "C# identifier")]
    [InlineData("", "v", "C# identifier")]
    [InlineData("nämé", "v", "C# identifier")]
    [InlineData("ok", "non-ascii é", "printable ASCII")]
    [InlineData("ok", "line\nbreak", "printable ASCII")]
    [InlineData("ok", " padded", "start or end with a space")]
    public void Validate_Invalid_ThrowsNamingTheRule(string name, string value, string rule) =>
        Should.Throw<ArgumentException>(() => BlobMetadata.Validate(new Dictionary<string, string> { [name] = value })).Message.ShouldContain(rule);

    [Fact]
    public void Validate_SameNameDifferentCase_Throws() =>
        Should.Throw<ArgumentException>(() => BlobMetadata.Validate(new Dictionary<string, string> { ["a"] = "1", ["A"] = "2" }));

    [Fact]
    public void Validate_OverEightKilobytes_Throws() =>
        Should.Throw<ArgumentException>(() => BlobMetadata.Validate(new Dictionary<string, string> { ["big"] = new string('x', 8200) })).Message.ShouldContain("8192");

    [Fact]
    public void Validate_Valid_DoesNotThrow() =>
        Should.NotThrow(() => BlobMetadata.Validate(new Dictionary<string, string> { ["_a1"] = "any printable = ; , text", ["B"] = string.Empty }));
}
