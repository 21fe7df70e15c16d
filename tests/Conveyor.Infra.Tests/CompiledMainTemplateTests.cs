namespace Conveyor.Infra.Tests;

/// <summary>The security-relevant facts of the deployed resources, read from the compiled ARM JSON.</summary>
public sealed class CompiledMainTemplateTests(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Theory]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("AccountKey")]
    [InlineData("SharedAccessSignature")]
    public void Template_NeverReadsOrWritesStorageSecrets(string secretMarker) =>
        compiled.Json.ShouldNotContain(secretMarker, Case.Insensitive);

    [Fact]
    public void AppSettings_StorageConnection_IsIdentityBased()
    {
        var settings = compiled.AppSettings;

        settings.ShouldNotContainKey("AzureWebJobsStorage");
        settings["AzureWebJobsStorage__credential"].ShouldBe("managedidentity");
        settings["AzureWebJobsStorage__blobServiceUri"].ShouldContain(".primaryEndpoints.blob]");
        settings["AzureWebJobsStorage__queueServiceUri"].ShouldContain(".primaryEndpoints.queue]");
        settings["AzureWebJobsStorage__tableServiceUri"].ShouldContain(".primaryEndpoints.table]");
    }

    [Fact]
    public void AppSettings_OnFlexConsumption_LeaveTheRuntimeToFunctionAppConfig()
    {
        var settings = compiled.AppSettings;

        settings.ShouldNotContainKey("FUNCTIONS_WORKER_RUNTIME");
        settings.ShouldNotContainKey("FUNCTIONS_EXTENSION_VERSION");
        settings.ShouldNotContainKey("WEBSITE_RUN_FROM_PACKAGE");
        settings.ShouldNotContainKey("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING");
        settings["Conveyor__TaskHubName"].ShouldBe("[parameters('taskHubName')]");
        ((string?)compiled.Template["parameters"]!["taskHubName"]!["defaultValue"]).ShouldBe("conveyor");
    }

    [Fact]
    public void AppSettings_Keys_ComeFromSecureParameters()
    {
        var settings = compiled.AppSettings;
        var parameters = compiled.Template["parameters"]!;

        settings["Conveyor__Keys__Function__0"].ShouldBe("[parameters('functionKey')]");
        settings["Conveyor__Keys__Admin__0"].ShouldBe("[parameters('adminKey')]");
        ((string?)parameters["functionKey"]!["type"]).ShouldBe("securestring");
        ((string?)parameters["adminKey"]!["type"]).ShouldBe("securestring");
        compiled.Template["outputs"]!.ToJsonString().ShouldNotContain("Key')", Case.Insensitive);
    }

    [Fact]
    public void StorageAccount_RefusesSharedKeysAnonymousBlobsAndOldTls()
    {
        var properties = compiled.Resources("Microsoft.Storage/storageAccounts").Single()["properties"]!;

        ((bool?)properties["allowSharedKeyAccess"]).ShouldBe(false);
        ((bool?)properties["allowBlobPublicAccess"]).ShouldBe(false);
        ((bool?)properties["supportsHttpsTrafficOnly"]).ShouldBe(true);
        ((string?)properties["minimumTlsVersion"]).ShouldBe("TLS1_2");
    }

    [Fact]
    public void StorageAccount_HasJobAndDeploymentContainers()
    {
        var containers = compiled.Resources("Microsoft.Storage/storageAccounts/blobServices/containers");

        compiled.Variables["jobContainerNames"]!.AsArray().Select(n => (string?)n).ShouldBe(["uploads", "results"]);
        containers.ShouldContain(c => c["copy"] != null && ((string?)c["name"])!.Contains("variables('jobContainerNames')[copyIndex()]"));
        ((string?)compiled.Variables["deploymentContainerName"]).ShouldNotBeNullOrEmpty();
        containers.ShouldContain(c => ((string?)c["name"])!.Contains("variables('deploymentContainerName')"));
        containers.ShouldAllBe(c => (string?)c["properties"]!["publicAccess"] == "None");
    }

    [Fact]
    public void StorageRoleAssignments_GrantBlobQueueAndTableDataToTheAppsIdentity()
    {
        var roleIds = compiled.Variables["storageRoleDefinitionIds"]!.AsObject().Select(p => (string?)p.Value);
        var assignment = compiled.Resources("Microsoft.Authorization/roleAssignments")
            .Single(r => ((string?)r["scope"])!.Contains("'Microsoft.Storage/storageAccounts'"));
        var properties = assignment["properties"]!;

        roleIds.ShouldBe([StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor], ignoreOrder: true);
        ((string?)assignment["copy"]!["count"]).ShouldBe("[length(items(variables('storageRoleDefinitionIds')))]");
        ((string?)properties["roleDefinitionId"]).ShouldNotBeNull().ShouldContain("items(variables('storageRoleDefinitionIds'))[copyIndex()].value");
        ((string?)properties["principalId"]).ShouldNotBeNull().ShouldContain("resourceId('Microsoft.Web/sites'");
        ((string?)properties["principalId"]).ShouldEndWith(".identity.principalId]");
        ((string?)properties["principalType"]).ShouldBe("ServicePrincipal");
    }

    [Fact]
    public void Telemetry_IsSentWithTheAppsIdentity()
    {
        var appInsights = compiled.Resources("Microsoft.Insights/components").Single();
        var assignment = compiled.Resources("Microsoft.Authorization/roleAssignments")
            .Single(r => ((string?)r["scope"])!.Contains("'Microsoft.Insights/components'"));

        ((bool?)appInsights["properties"]!["DisableLocalAuth"]).ShouldBe(true);
        ((string?)appInsights["properties"]!["WorkspaceResourceId"]).ShouldNotBeNull().ShouldContain("Microsoft.OperationalInsights/workspaces");
        compiled.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"].ShouldContain("ConnectionString]");
        compiled.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"].ShouldBe("Authorization=AAD");
        ((string?)compiled.Variables["monitoringMetricsPublisherRoleId"]).ShouldBe(MonitoringMetricsPublisher);
        ((string?)assignment["properties"]!["roleDefinitionId"]).ShouldNotBeNull().ShouldContain("variables('monitoringMetricsPublisherRoleId')");
    }

    [Fact]
    public void Plan_IsFlexConsumption()
    {
        var plan = compiled.Resources("Microsoft.Web/serverfarms").Single();

        ((string?)plan["sku"]!["name"]).ShouldBe("FC1");
        ((string?)plan["sku"]!["tier"]).ShouldBe("FlexConsumption");
        ((bool?)plan["properties"]!["reserved"]).ShouldBe(true);
    }

    [Fact]
    public void FunctionApp_RunsDotnetIsolated10AndDeploysWithItsIdentity()
    {
        var config = compiled.FunctionApp["properties"]!["functionAppConfig"]!;
        var storage = config["deployment"]!["storage"]!;

        ((string?)config["runtime"]!["name"]).ShouldBe("dotnet-isolated");
        ((string?)config["runtime"]!["version"]).ShouldBe("10.0");
        ((string?)storage["type"]).ShouldBe("blobContainer");
        ((string?)storage["value"]).ShouldNotBeNull().ShouldContain("variables('deploymentContainerName')");
        ((string?)storage["authentication"]!["type"]).ShouldBe("SystemAssignedIdentity");
        ((int?)compiled.Template["parameters"]!["instanceMemoryMB"]!["defaultValue"]).ShouldBe(2048);
    }

    [Fact]
    public void FunctionApp_IsHttpsOnlyLinuxWithTls12NoFtpAndASystemIdentity()
    {
        var app = compiled.FunctionApp;
        var siteConfig = app["properties"]!["siteConfig"]!;

        ((string?)app["kind"]).ShouldBe("functionapp,linux");
        ((string?)app["identity"]!["type"]).ShouldBe("SystemAssigned");
        ((bool?)app["properties"]!["httpsOnly"]).ShouldBe(true);
        ((string?)siteConfig["minTlsVersion"]).ShouldBe("1.2");
        ((string?)siteConfig["ftpsState"]).ShouldBe("Disabled");
        ((bool?)siteConfig["use32BitWorkerProcess"] ?? false).ShouldBeFalse();
    }

    [Theory]
    [InlineData("functionAppName")]
    [InlineData("defaultHostName")]
    [InlineData("storageAccountName")]
    public void Outputs_NameWhatADeployNeeds(string output) =>
        ((string?)compiled.Template["outputs"]![output]?["type"]).ShouldBe("string");
}
