namespace Conveyor.Batch.Steps;

/// <summary>The checks both step builders make; each adds one exact message per problem.</summary>
internal static class StepValidation
{
    private static readonly Type[] ItemListenerKinds = [typeof(IItemReadListener<>), typeof(IItemProcessListener<,>), typeof(IItemWriteListener<>), typeof(ISkipListener<,>)];

    public static void CheckCommon(List<string> errors, string name, int? startLimit, int maxParallel)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("a step needs a name without ':'");
        }

        if (startLimit < 1)
        {
            errors.Add($"the start limit must be at least 1 (was {startLimit})");
        }

        if (maxParallel < 1)
        {
            errors.Add("at least one partition must be allowed to run at once");
        }
    }

    /// <summary>Skip and retry settings must be usable before the first item fails.</summary>
    public static void CheckFaultTolerance(List<string> errors, FaultTolerance policy)
    {
        if (policy.SkipLimit < 0)
        {
            errors.Add($"the skip limit must not be negative (was {policy.SkipLimit})");
        }

        if (policy.RetryLimit < 1)
        {
            errors.Add($"the retry limit counts every attempt and must be at least 1 (was {policy.RetryLimit})");
        }

        if (policy.RetryBackoff < TimeSpan.Zero || policy.RetryBackoff > TimeSpan.FromDays(1))
        {
            errors.Add($"the retry backoff must be between 0 and one day (was {policy.RetryBackoff})");
        }

        if (policy.RetryMaxDelay < policy.RetryBackoff)
        {
            errors.Add($"the longest retry delay ({policy.RetryMaxDelay}) must not be shorter than the first ({policy.RetryBackoff})");
        }
    }

    /// <summary>Every item or skip listener of a chunk step must take the step's item types.</summary>
    public static void CheckItemListeners(List<string> errors, IEnumerable<IStepListener> listeners, Type input, Type output)
    {
        foreach (var listener in listeners)
        {
            foreach (var kind in ItemListenerKindsOf(listener))
            {
                var expected = kind.GetGenericArguments().Length == 2 ? kind.MakeGenericType(input, output) : kind.MakeGenericType(kind == typeof(IItemWriteListener<>) ? output : input);
                if (!expected.IsInstanceOfType(listener))
                {
                    errors.Add($"the listener {NameOf(listener.GetType())} is an {Describe(listener, kind)}, which does not match the step's items ({input.Name} read, {output.Name} written)");
                }
            }
        }
    }

    /// <summary>A tasklet step has no items, so a listener of items only would never be called.</summary>
    public static void CheckNoItemListeners(List<string> errors, IEnumerable<IStepListener> listeners)
    {
        foreach (var listener in listeners.Where(l => l is not (IStepExecutionListener or IChunkListener)))
        {
            var kinds = ItemListenerKindsOf(listener).Select(kind => Describe(listener, kind)).ToList();
            if (kinds.Count > 0)
            {
                errors.Add($"the listener {NameOf(listener.GetType())} only listens to items ({string.Join(", ", kinds)}), but a tasklet step reads and writes none");
            }
        }
    }

    private static IEnumerable<Type> ItemListenerKindsOf(IStepListener listener) =>
        listener.GetType().GetInterfaces().Where(i => i.IsGenericType && ItemListenerKinds.Contains(i.GetGenericTypeDefinition())).Select(i => i.GetGenericTypeDefinition()).Distinct();

    private static string Describe(IStepListener listener, Type kind) =>
        NameOf(listener.GetType().GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == kind));

    /// <summary>A type's C#-like name: <c>IItemReadListener&lt;String&gt;</c> rather than <c>IItemReadListener`1</c>.</summary>
    private static string NameOf(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return type.IsGenericType && tick > 0 ? $"{type.Name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(NameOf))}>" : type.Name;
    }
}
