namespace Conveyor.Durable;

/// <summary>Turns inputs, outputs and event payloads into strings for history and messages, and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null.</returns>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes text into a value of the given type.</summary>
    /// <param name="data">The text, or null.</param>
    /// <param name="targetType">The type.</param>
    /// <returns>The value, or null.</returns>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes text into a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="data">The text, or null.</param>
    /// <returns>The value, or default.</returns>
    public virtual T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}
