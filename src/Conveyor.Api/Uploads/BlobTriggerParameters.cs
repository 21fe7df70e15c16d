using Azure;
using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;

namespace Conveyor.Api.Uploads;

/// <summary>
/// The job parameters that start a job for one version of one input blob: the JobInstance identity of "this blob
/// as it is now".
/// </summary>
/// <remarks>
/// Both the blob-upload trigger and the upload endpoint start jobs with these parameters, so the two paths name the
/// same JobInstance and the repository refuses the second start of one blob version (already running or complete).
/// A changed blob has a new ETag and so is a new instance.
/// </remarks>
public static class BlobTriggerParameters
{
    /// <summary>The suffix of the parameter that carries the blob version: <c>&lt;parameterName&gt;.etag</c>.</summary>
    public const string ETagSuffix = ".etag";

    /// <summary>Returns the name of the parameter that carries the blob's ETag for a job input.</summary>
    /// <param name="input">The job's input.</param>
    /// <returns><c>&lt;input.ParameterName&gt;.etag</c>.</returns>
    public static string ETagParameterName(JobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.ParameterName + ETagSuffix;
    }

    /// <summary>
    /// Returns the identifying parameters for a blob version: <c>{input.ParameterName}</c> = the blob name (the full
    /// name in the container, prefix included) and <c>{input.ParameterName}.etag</c> = its ETag without quotes.
    /// </summary>
    /// <param name="input">The job's input.</param>
    /// <param name="blobName">The blob's full name in <see cref="JobInput.Container"/>.</param>
    /// <param name="etag">The blob's ETag, as a listing, a properties call or an upload returned it.</param>
    /// <returns>The parameters (both identifying strings).</returns>
    public static JobParameters For(JobInput input, string blobName, ETag etag)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        return new JobParameters(
        [
            new(input.ParameterName, new JobParameter(blobName)),
            new(ETagParameterName(input), new JobParameter(Normalize(etag))),
        ]);
    }

    /// <summary>Returns an ETag's value without quotes, so header and listing forms compare equal.</summary>
    /// <param name="etag">The ETag.</param>
    /// <returns>The bare value.</returns>
    public static string Normalize(ETag etag)
    {
        var text = etag.ToString();
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("A blob version needs an ETag.", nameof(etag));
        }

        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Trim('"');
    }
}
