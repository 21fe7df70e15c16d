namespace Conveyor.Batch.Jobs;

/// <summary>
/// Where a job's input files live: uploads for the job are stored under <see cref="Prefix"/> in
/// <see cref="Container"/>, and the job receives the blob's name in the parameter <see cref="ParameterName"/>.
/// </summary>
/// <param name="Container">The blob container of the job's input files.</param>
/// <param name="Prefix">The prefix (a virtual folder, e.g. <c>users/</c>) of the job's input blobs; empty for the whole container.</param>
/// <param name="ParameterName">The job parameter that carries the input blob's name.</param>
/// <param name="TriggerOnUpload">Whether a new or changed blob under the prefix starts the job by itself (once per blob version).</param>
public sealed record JobInput(string Container, string Prefix, string ParameterName, bool TriggerOnUpload);
