global using Microsoft.DurableTask;
global using Microsoft.DurableTask.Client;
global using Shouldly;
global using Xunit;
global using Microsoft.DurableTask.Worker;
