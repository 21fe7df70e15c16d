using Conveyor.Server.Hosting;

namespace Conveyor.Server.Tests.Hosting;

public sealed class LocalSettingsFileTests
{
    [Fact]
    public void Read_ValuesAndHostPort_BecomeSettingsWithSections()
    {
        const string json = """
            {
              "IsEncrypted": false,
              "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Conveyor__Keys__Function__0": "k1", "Conveyor__PartitionCount": 2 },
              "Host": { "LocalHttpPort": 7080 }
            }
            """;

        var settings = LocalSettingsFile.Read(json, "local.settings.json");

        settings["AzureWebJobsStorage"].ShouldBe("UseDevelopmentStorage=true");
        settings["Conveyor:Keys:Function:0"].ShouldBe("k1");
        settings["Conveyor:PartitionCount"].ShouldBe("2");
        settings["urls"].ShouldBe("http://localhost:7080");
    }

    [Fact]
    public void Read_InvalidJson_NamesTheFile()
    {
        var error = Should.Throw<InvalidOperationException>(() => LocalSettingsFile.Read("{ \"Values\": ", "/app/local.settings.json"));

        error.Message.ShouldStartWith("/app/local.settings.json is not valid JSON");
    }

    [Fact]
    public void ExampleFile_IsReadable_AndHasNoKeys()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "local.settings.example.json");

        var settings = LocalSettingsFile.Read(File.ReadAllText(example), example);

        settings["AzureWebJobsStorage"].ShouldBe("UseDevelopmentStorage=true");
        settings.ShouldNotContainKey("FUNCTIONS_WORKER_RUNTIME");
        settings["Conveyor:Keys:Function:0"].ShouldBe(string.Empty);
    }
}
