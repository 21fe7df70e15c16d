namespace Conveyor.Api;

/// <summary>Checks execution ids taken from routes before they reach storage keys.</summary>
internal static class ExecutionIds
{
    /// <summary>The longest id accepted; ids the app creates are 32 hexadecimal digits.</summary>
    public const int MaxLength = 128;

    /// <summary>Returns whether <paramref name="id"/> can be an execution id: 1 to 128 letters, digits, '-' or '_'.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
