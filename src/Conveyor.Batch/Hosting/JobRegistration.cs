using Conveyor.Batch.Jobs;

namespace Conveyor.Batch.Hosting;

/// <summary>One call of <see cref="ConveyorBuilder.AddJobs"/>, applied when the registry is first needed.</summary>
internal sealed record JobRegistration(Action<JobRegistry, IServiceProvider> Register);
