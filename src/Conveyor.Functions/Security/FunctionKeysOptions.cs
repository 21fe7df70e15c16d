namespace Conveyor.Functions.Security;

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

    /// <summary>Gets a value indicating whether any key is configured.</summary>
    public bool Any => Function.Count > 0 || Admin.Count > 0;
}
