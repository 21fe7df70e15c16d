using System.Text.Json.Nodes;
using Conveyor.Cli.Parameters;

namespace Conveyor.Cli.Tests.Parameters;

public sealed class ParameterSpecTests
{
    [Fact]
    public void TryParse_NameValue_IsAnIdentifyingString()
    {
        ParameterSpec.TryParse("region=emea=west", out var spec, out var error).ShouldBeTrue(error);

        spec.ShouldBe(new ParameterSpec("region", "string", "emea=west"));
        spec!.ToJson().ToJsonString().ShouldBe("\"emea=west\"");
    }

    [Theory]
    [InlineData("run:long=5", "long", "5", "5")]
    [InlineData("rate:double=1.5", "double", "1.5", "{\"value\":1.5,\"type\":\"double\",\"identifying\":true}")]
    [InlineData("rate:double=2", "double", "2", "{\"value\":2,\"type\":\"double\",\"identifying\":true}")]
    [InlineData("day:date=2026-11-20", "date", "2026-11-20T00:00:00.0000000+00:00", "{\"value\":\"2026-11-20T00:00:00.0000000+00:00\",\"type\":\"date\",\"identifying\":true}")]
    [InlineData("name:STRING=x", "string", "x", "\"x\"")]
    public void TryParse_Typed_ParsesTheValueAndWritesTheApiJson(string token, string type, string text, string json)
    {
        ParameterSpec.TryParse(token, out var spec, out var error).ShouldBeTrue(error);

        spec!.Type.ShouldBe(type);
        spec.Text.ShouldBe(text);
        JsonNode.DeepEquals(spec.ToJson(), JsonNode.Parse(json)).ShouldBeTrue(spec.ToJson().ToJsonString());
    }

    [Fact]
    public void ToJson_NonIdentifying_UsesTheObjectForm()
    {
        ParameterSpec.TryParse("note=hello", out var spec, out _).ShouldBeTrue();

        (spec! with { Identifying = false }).ToJson().ToJsonString().ShouldBe("{\"value\":\"hello\",\"type\":\"string\",\"identifying\":false}");
        (spec with { Identifying = false }).ToJobParameter().Identifying.ShouldBeFalse();
    }

    [Theory]
    [InlineData("novalue", "expected name=value")]
    [InlineData("=x", "expected name=value")]
    [InlineData("n:int=1", "unknown type 'int'")]
    [InlineData("n:long=abc", "'abc' is not a long")]
    [InlineData("n:double=NaN", "'NaN' is not a double")]
    [InlineData("n:date=yesterday", "'yesterday' is not a date")]
    [InlineData("my name=x", "without spaces")]
    public void TryParse_Invalid_SaysWhy(string token, string message)
    {
        ParameterSpec.TryParse(token, out var spec, out var error).ShouldBeFalse();

        spec.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(message);
        error.ShouldContain($"'{token}'");
    }
}
