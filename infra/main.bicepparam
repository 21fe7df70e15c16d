using './main.bicep'

param namePrefix = 'conveyor'
param storageSku = 'Standard_LRS'
param taskHubName = 'conveyor'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048

// The app's keys come from the environment of whoever deploys, never from this file:
//   export CONVEYOR_FUNCTION_KEY=$(openssl rand -base64 32) CONVEYOR_ADMIN_KEY=$(openssl rand -base64 32)
param functionKey = readEnvironmentVariable('CONVEYOR_FUNCTION_KEY', '')
param adminKey = readEnvironmentVariable('CONVEYOR_ADMIN_KEY', '')
