using System.Text.Json;
using Conveyor.Batch.Core;

namespace Conveyor.Batch.Repository;

/// <summary>Stores <see cref="JobParameters"/> as JSON that keeps each value's type and identifying flag.</summary>
internal static class JobParametersJson
{
    public static string Write(JobParameters parameters) =>
        JsonSerializer.Serialize(parameters.Values
            .Select(p => new StoredParameter(p.Key, p.Value.TypeName, p.Value.ToInvariantString(), p.Value.Identifying))
            .ToList());

    public static JobParameters Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new JobParameters();
        }

        var stored = JsonSerializer.Deserialize<List<StoredParameter>>(json) ?? [];
        return new JobParameters(stored.Select(p => KeyValuePair.Create(p.Name, JobParameter.Parse(p.Type, p.Value, p.Identifying))));
    }

    private sealed record StoredParameter(string Name, string Type, string Value, bool Identifying);
}
