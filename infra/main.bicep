// Conveyor on Azure: a Flex Consumption function app that reaches its storage account with its own identity.
// No account key exists anywhere in this template: shared-key access is off, the app and its deployment
// package use the app's system-assigned identity, and telemetry is sent with Entra ID. The only secret read is the
// Functions host's blobs_extension system key, and only to subscribe the blob trigger to Event Grid (subscribeUploads).
targetScope = 'resourceGroup'

@description('Region of every resource; Flex Consumption must be available there (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Short lower-case prefix of every resource name; a hash of the resource group and the prefix makes the names unique.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'conveyor'

@description('Redundancy of the storage account that holds job data, the JobRepository tables and the task hub.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_LRS'

@description('Prefix of the JobRepository tables (Conveyor__TablePrefix): letters and digits, starting with a letter. The Durable task hub name is in host.json.')
@minLength(1)
@maxLength(40)
param tablePrefix string = 'conveyor'

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Registers the sample jobs importUsers, football and transformCsv (Conveyor__Samples__Enabled).')
param enableSamples bool = false

@description('Base address of the external user service importUsers calls (Conveyor__Samples__ExternalUserService__BaseAddress); required when enableSamples is true.')
param externalUserServiceBaseAddress string = ''

@description('Subscribes the blob trigger StartJobsOnUpload to Event Grid. Needs the blobs_extension system key, which exists only once the code is deployed and the host has started: deploy with false first, then again with true.')
param subscribeUploads bool = false

@description('Tags put on every resource.')
param tags resourceInput<'Microsoft.Resources/tags@2024-03-01'>.properties.tags = {}

var suffix = uniqueString(resourceGroup().id, namePrefix)
var prefix = toLower(namePrefix)
var storageAccountName = take('st${replace(prefix, '-', '')}${suffix}', 24)
var functionAppName = 'func-${prefix}-${suffix}'
var deploymentContainerName = 'app-package'

// The sample jobs read uploads/ and write results/; the blob trigger StartJobsOnUpload watches uploads/{name}.
var jobContainerNames = [
  'uploads'
  'results'
]

// Built-in role definitions (the same GUID in every tenant).
var storageRoleDefinitionIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: 'log-${prefix}-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${prefix}-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Only Entra ID-authenticated telemetry is accepted: the instrumentation key alone cannot write.
    DisableLocalAuth: true
  }
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource jobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for name in jobContainerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

// Flex Consumption runs the app from a package in this container (az functionapp deploy uploads it here).
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${prefix}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Flex Consumption is Linux-only and always 64-bit; use32BitWorkerProcess is not a Flex Consumption setting, so it is not set.
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // On Flex Consumption the worker runtime and its version live in functionAppConfig, not in app settings.
      appSettings: [
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storageAccount.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storageAccount.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storageAccount.properties.primaryEndpoints.table
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'Conveyor__TablePrefix'
          value: tablePrefix
        }
        {
          name: 'Conveyor__Samples__Enabled'
          value: enableSamples ? 'true' : 'false'
        }
        {
          name: 'Conveyor__Samples__ExternalUserService__BaseAddress'
          value: externalUserServiceBaseAddress
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Blobs (job data, the deployment package, leases), queues (task hub) and tables (JobRepository, task hub history).
resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoleDefinitionIds): {
    name: guid(storageAccount.id, functionApp.id, role.value)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
      description: 'Conveyor function app: ${role.key}'
    }
  }
]

// Application Insights has local auth disabled, so the app's identity must be allowed to publish telemetry.
resource metricsPublisherRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'Conveyor function app: monitoringMetricsPublisher'
  }
}

// Flex Consumption runs blob triggers only with the Event Grid source: blob-created events of the storage account
// reach the app through this system topic.
resource storageEvents 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: 'evgt-${prefix}-${suffix}'
  location: location
  tags: tags
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Delivers uploads/ blob-created events to the blobs extension's webhook, which runs StartJobsOnUpload. The webhook
// is authorized by the host's blobs_extension system key, which the host creates when it first starts with the code
// deployed; hence the parameter, and the key is read here only, never into a variable or an output.
resource uploadsSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (subscribeUploads) {
  parent: storageEvents
  name: 'uploads-to-startjobsonupload'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.StartJobsOnUpload&code=${listKeys('${functionApp.id}/host/default', '2025-03-01').systemKeys.blobs_extension}'
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/uploads/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('Name of the function app (az functionapp deploy --name).')
output functionAppName string = functionApp.name

@description('Default host name of the function app: the API is at https://<host>/api.')
output defaultHostName string = functionApp.properties.defaultHostName

@description('Name of the storage account: upload job inputs to its uploads container, read results from results.')
output storageAccountName string = storageAccount.name
