namespace Conveyor.Infra.Tests;

/// <summary>The security-relevant facts of the deployed resources, read from the compiled ARM JSON.</summary>
public sealed class CompiledMainTemplateTests(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private const string UploadsSubscriptionType = "Microsoft.EventGrid/systemTopics/eventSubscriptions";

    [Theory]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("AccountKey")]
    [InlineData("SharedAccessSignature")]
    public void Template_NeverReadsOrWritesStorageSecrets(string secretMarker) =>
        compiled.Json.ShouldNotContain(secretMarker, Case.Insensitive);

    [Fact]
    public void Template_ListsOnlyTheHostsBlobsExtensionKeyAndOnlyInTheUploadsSubscription()
    {
        var subscription = compiled.Resources(UploadsSubscriptionType).Single();
        var endpointUrl = (string?)subscription["properties"]!["destination"]!["properties"]!["endpointUrl"];

        CountOf("listKeys(", compiled.Json).ShouldBe(1);
        CountOf("listKeys(", subscription.ToJsonString()).ShouldBe(1);
        endpointUrl.ShouldNotBeNull().ShouldContain("listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', variables('functionAppName'))), '");
        endpointUrl.ShouldContain(").systemKeys.blobs_extension)]");
    }

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
    }

    [Fact]
    public void AppSettings_TablePrefix_ComesFromItsParameterAndTheTaskHubIsLeftToHostJson()
    {
        var settings = compiled.AppSettings;

        settings["Conveyor__TablePrefix"].ShouldBe("[parameters('tablePrefix')]");
        ((string?)compiled.Template["parameters"]!["tablePrefix"]!["defaultValue"]).ShouldBe("conveyor");
        settings.ShouldNotContainKey("Conveyor__TaskHubName");
        compiled.Template["parameters"]!.AsObject().ShouldNotContainKey("taskHubName");
    }

    [Fact]
    public void AppSettings_HoldNoKeysAndNoInputContainer()
    {
        var settings = compiled.AppSettings;
        var parameters = compiled.Template["parameters"]!.AsObject();

        settings.Keys.ShouldNotContain(name => name.Contains("Keys", StringComparison.OrdinalIgnoreCase));
        settings.ShouldNotContainKey("CONVEYOR_INPUT_CONTAINER");
        parameters.ShouldNotContainKey("functionKey");
        parameters.ShouldNotContainKey("adminKey");
        parameters.ShouldAllBe(p => (string?)p.Value!["type"] != "securestring");
    }

    [Fact]
    public void AppSettings_SampleJobs_FollowTheirParametersAndAreOffByDefault()
    {
        var settings = compiled.AppSettings;
        var parameters = compiled.Template["parameters"]!;

        settings["Conveyor__Samples__Enabled"].ShouldBe("[if(parameters('enableSamples'), 'true', 'false')]");
        settings["Conveyor__Samples__ExternalUserService__BaseAddress"].ShouldBe("[parameters('externalUserServiceBaseAddress')]");
        ((bool?)parameters["enableSamples"]!["defaultValue"]).ShouldBe(false);
        ((string?)parameters["externalUserServiceBaseAddress"]!["defaultValue"]).ShouldBe("");
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

    [Fact]
    public void UploadEvents_SystemTopic_IsOnTheStorageAccount()
    {
        var topic = compiled.Resources("Microsoft.EventGrid/systemTopics").Single();

        ((string?)topic["properties"]!["topicType"]).ShouldBe("Microsoft.Storage.StorageAccounts");
        ((string?)topic["properties"]!["source"]).ShouldBe("[resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName'))]");
        ((string?)topic["location"]).ShouldBe("[parameters('location')]");
    }

    [Fact]
    public void UploadsSubscription_IsConditionalOnSubscribeUploadsWhichIsOffByDefault()
    {
        var subscription = compiled.Resources(UploadsSubscriptionType).Single();
        var parameter = compiled.Template["parameters"]!["subscribeUploads"]!;

        ((string?)subscription["condition"]).ShouldBe("[parameters('subscribeUploads')]");
        ((string?)parameter["type"]).ShouldBe("bool");
        ((bool?)parameter["defaultValue"]).ShouldBe(false);
        subscription["dependsOn"]!.AsArray().Select(d => (string?)d).ShouldContain(d => d!.StartsWith("[resourceId('Microsoft.EventGrid/systemTopics'", StringComparison.Ordinal));
    }

    [Fact]
    public void UploadsSubscription_FiltersBlobCreatedUnderTheUploadsContainer()
    {
        var filter = compiled.Resources(UploadsSubscriptionType).Single()["properties"]!["filter"]!;

        filter["includedEventTypes"]!.AsArray().Select(t => (string?)t).ShouldBe(["Microsoft.Storage.BlobCreated"]);
        ((string?)filter["subjectBeginsWith"]).ShouldBe("/blobServices/default/containers/uploads/");
        compiled.Variables["jobContainerNames"]!.AsArray().Select(n => (string?)n).ShouldContain("uploads");
    }

    [Fact]
    public void UploadsSubscription_DeliversToTheBlobsWebhookOfStartJobsOnUpload()
    {
        var destination = compiled.Resources(UploadsSubscriptionType).Single()["properties"]!["destination"]!;
        var endpointUrl = (string?)destination["properties"]!["endpointUrl"];

        ((string?)destination["endpointType"]).ShouldBe("WebHook");
        endpointUrl.ShouldNotBeNull().ShouldStartWith("[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.StartJobsOnUpload&code={1}', ");
        endpointUrl.ShouldContain("resourceId('Microsoft.Web/sites', variables('functionAppName')), '2025-03-01').defaultHostName, ");
    }

    [Fact]
    public void Outputs_NeverHoldAKey()
    {
        var outputs = compiled.Template["outputs"]!.ToJsonString();

        outputs.ShouldNotContain("listKeys", Case.Insensitive);
        outputs.ShouldNotContain("blobs_extension", Case.Insensitive);
        outputs.ShouldNotContain("eventSubscriptions", Case.Insensitive);
        compiled.Variables.ToJsonString().ShouldNotContain("listKeys", Case.Insensitive);
    }

    [Theory]
    [InlineData("functionAppName")]
    [InlineData("defaultHostName")]
    [InlineData("storageAccountName")]
    public void Outputs_NameWhatADeployNeeds(string output) =>
        ((string?)compiled.Template["outputs"]![output]?["type"]).ShouldBe("string");

    private static int CountOf(string value, string text) =>
        (text.Length - text.Replace(value, "", StringComparison.OrdinalIgnoreCase).Length) / value.Length;
}
