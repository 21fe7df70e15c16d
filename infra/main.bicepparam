using './main.bicep'

param namePrefix = 'conveyor'
param storageSku = 'Standard_LRS'
param tablePrefix = 'conveyor'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048

// The sample jobs (importUsers, football, transformCsv): off unless the deployer turns them on, e.g.
//   export CONVEYOR_ENABLE_SAMPLES=true CONVEYOR_EXTERNAL_USER_SERVICE=https://users.example.com/api/
param enableSamples = bool(readEnvironmentVariable('CONVEYOR_ENABLE_SAMPLES', 'false'))
param externalUserServiceBaseAddress = readEnvironmentVariable('CONVEYOR_EXTERNAL_USER_SERVICE', '')

// False on the first deployment: the app has no code yet, so its host has no blobs_extension key. Once the code is
// deployed, deploying again with CONVEYOR_SUBSCRIBE_UPLOADS=true subscribes the blob trigger to Event Grid.
param subscribeUploads = bool(readEnvironmentVariable('CONVEYOR_SUBSCRIBE_UPLOADS', 'false'))
