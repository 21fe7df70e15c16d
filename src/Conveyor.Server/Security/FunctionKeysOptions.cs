namespace Conveyor.Server.Security;

/// <summary>
/// The keys callers present in the <c>x-functions-key</c> header or the <c>code</c> query parameter
/// (configuration section <c>Conveyor:Keys</c>).
/// </summary>
internal sealed class FunctionKeysOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Conveyor:Keys";

    /// <summary>Gets the function keys: they open the job and execution endpoints.</summary>
    public List<string> Function { get; } = [];

    /// <summary>Gets the admin keys: they open everything, including the durable management API.</summary>
    public List<string> Admin { get; } = [];

    /// <summary>Gets a value indicating whether any key is configured (blank entries, as in the example settings file, are not keys).</summary>
    public bool Any => Function.Concat(Admin).Any(IsKey);

    /// <summary>Returns whether a configured entry is a usable key.</summary>
    /// <param name="key">The entry.</param>
    /// <returns>True unless blank.</returns>
    public static bool IsKey(string? key) => !string.IsNullOrWhiteSpace(key);
}
