using Conveyor.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
