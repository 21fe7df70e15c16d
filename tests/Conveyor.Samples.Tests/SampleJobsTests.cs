using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Samples.Football;
using Conveyor.Samples.ImportUsers;
using Conveyor.Samples.TransformCsv;

namespace Conveyor.Samples.Tests;

public sealed class SampleJobsTests
{
    [Fact]
    public void AddSampleJobs_ValidOptions_RegistersTheThreeJobsWithTheirInputsAndRequiredParameters()
    {
        var registry = new JobRegistry().AddSampleJobs(Options());

        registry.Jobs.Select(j => j.Name).Order(StringComparer.Ordinal).ShouldBe(["football", "importUsers", "transformCsv"]);
        registry.Get(ImportUsersJob.Name).Input.ShouldBe(new JobInput("uploads", "users/", "input", TriggerOnUpload: true));
        registry.Get(TransformCsvJob.Name).Input.ShouldBe(new JobInput("uploads", "transform/", "input", TriggerOnUpload: false));
        registry.Get(FootballJob.Name).Input.ShouldBeNull();
        registry.Get(ImportUsersJob.Name).Steps.Select(s => s.Name).ShouldBe(["createLocalUsers", "createExternalUsers"]);
        registry.Get(FootballJob.Name).Steps.Select(s => s.Name).ShouldBe(["playerLoad", "gameLoad", "playerSummarization"]);
        registry.Get(TransformCsvJob.Name).Steps.Single().Partitioner.ShouldNotBeNull();
        registry.Get(FootballJob.Name).Validator.ShouldNotBeNull().Validate(new JobParameters()).ShouldBe(
            ["The parameter 'players' is required.", "The parameter 'games' is required.", "The parameter 'output' is required."]);
        // Extra parameters (an upload trigger's own) are allowed.
        registry.Get(ImportUsersJob.Name).Validator.ShouldNotBeNull()
            .Validate(new JobParameters([new("input", new JobParameter("users/a.csv")), new("trigger.etag", new JobParameter("0x1"))])).ShouldBeEmpty();
    }

    [Fact]
    public void AddSampleJobs_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = new SampleJobsOptions { UploadsContainer = "Up", TablePrefix = "1x", TransformChunkSize = 0 };
        options.ExternalUserService.RetryLimit = 0;

        var error = Should.Throw<ArgumentException>(() => new JobRegistry().AddSampleJobs(options));

        error.Message.ShouldContain("ConnectionString is required.");
        error.Message.ShouldContain("UploadsContainer: ");
        error.Message.ShouldContain("TablePrefix must be 1 to 56 letters and digits, starting with a letter.");
        error.Message.ShouldContain("TransformChunkSize must be at least 1.");
        error.Message.ShouldContain("ExternalUserService.BaseAddress must be an absolute http or https address.");
        error.Message.ShouldContain("ExternalUserService.RetryLimit must be at least 1.");
    }

    [Fact]
    public void AddSampleJobs_Twice_RefusesTheDuplicateNames()
    {
        var registry = new JobRegistry().AddSampleJobs(Options());

        Should.Throw<ArgumentException>(() => registry.AddSampleJobs(Options())).Message.ShouldContain("importUsers");
    }

    [Theory]
    [InlineData("users/2026-11-20.csv", null, "users/2026-11-20.result.csv")]
    [InlineData("users/list", null, "users/list.result.csv")]
    [InlineData("users/a.csv", "out/a.csv", "out/a.csv")]
    public void ImportUsersOutputOf_GivenOrDefault(string input, string? output, string expected)
    {
        var parameters = new JobParameters([new(ImportUsersJob.InputParameter, new JobParameter(input))]);
        if (output is not null)
        {
            parameters = parameters.With(ImportUsersJob.OutputParameter, new JobParameter(output));
        }

        ImportUsersJob.OutputOf(parameters).ShouldBe(expected);
    }

    private static SampleJobsOptions Options() => new()
    {
        ConnectionString = "UseDevelopmentStorage=true",
        ExternalUserService = new ExternalUserServiceOptions { BaseAddress = new Uri("http://localhost:5080/") },
    };
}
