using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Conveyor.Testing.Faults;

/// <summary>
/// A pipeline policy that makes a share of requests fail the way a flaky network or a busy service does, so that
/// tests can prove code survives transient faults. For tests only.
/// </summary>
/// <remarks>
/// <para>
/// Add it per retry, so each attempt rolls the dice and Azure.Core's retry policy sees the faults:
/// <c>options.AddPolicy(policy, HttpPipelinePosition.PerRetry)</c>. Every injected fault is one that the default
/// retry policy retries (500, 503, a network timeout), so with the default of five retries a 30% fault rate
/// fails an operation only once in about 1,400 tries.
/// </para>
/// <para>
/// <see cref="InjectedFaults.FailAfterSend"/> is the dangerous case: the service applied the request but the
/// caller never learns it. The retry then repeats it. An unconditional write (put message, upsert, put blob) is
/// applied twice — for a queue, the message is enqueued twice; a conditional write (If-Match) fails the second
/// time with 412; a create gets 409; a delete gets 404. Code under test must treat those as "done already" or
/// be idempotent, which is exactly what this fault checks.
/// </para>
/// <para>Thread-safe; counters can be read while requests run. Authorization headers are never recorded.</para>
/// </remarks>
public sealed class FaultInjectionPolicy : HttpPipelinePolicy
{
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly long[] _counts = new long[4];
    private readonly List<FaultRule> _rules = [];
    private double _failureRate;
    private long _requests;

    /// <summary>Initializes a new instance of the <see cref="FaultInjectionPolicy"/> class with a random seed.</summary>
    public FaultInjectionPolicy()
        : this(new Random())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FaultInjectionPolicy"/> class with a fixed seed, for repeatable runs.</summary>
    /// <param name="seed">The seed of the fault dice.</param>
    public FaultInjectionPolicy(int seed)
        : this(new Random(seed))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FaultInjectionPolicy"/> class with a random source.</summary>
    /// <param name="random">The fault dice; used under a lock.</param>
    public FaultInjectionPolicy(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>Gets or sets the share of attempts that fail, from 0 (none; the default) to 1 (all). Can change while requests run.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not within 0–1.</exception>
    public double FailureRate
    {
        get => Volatile.Read(ref _failureRate);
        set
        {
            if (double.IsNaN(value) || value is < 0 or > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "FailureRate must be between 0 and 1.");
            }

            Volatile.Write(ref _failureRate, value);
        }
    }

    /// <summary>Gets or sets the faults to choose from (uniformly). Default: <see cref="InjectedFaults.BeforeSend"/>.</summary>
    public InjectedFaults Faults { get; set; } = InjectedFaults.BeforeSend;

    /// <summary>Gets or sets which requests may fail; null (the default) means all.</summary>
    public Func<Request, bool>? AppliesTo { get; set; }

    /// <summary>Adds a fault injected at exactly the attempts the rule chooses, whatever the failure rate; rules added first are asked first.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The rule, to read its <see cref="FaultRule.Injected"/> count later.</returns>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_randomLock)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Gets the number of attempts this policy has seen.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Gets the number of faults injected so far, of all kinds.</summary>
    public long InjectedCount
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>Returns the number of faults of one kind injected so far.</summary>
    /// <param name="fault">A single fault kind.</param>
    /// <returns>The count.</returns>
    public long CountOf(InjectedFaults fault) => Interlocked.Read(ref _counts[IndexOf(fault)]);

    /// <inheritdoc/>
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fault = Roll(message);
        if (fault == InjectedFaults.None)
        {
            ProcessNext(message, pipeline);
            return;
        }

        if (fault == InjectedFaults.FailAfterSend)
        {
            ProcessNext(message, pipeline);
        }

        Inject(message, fault);
    }

    /// <inheritdoc/>
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fault = Roll(message);
        if (fault == InjectedFaults.None)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        if (fault == InjectedFaults.FailAfterSend)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        Inject(message, fault);
    }

    private static int IndexOf(InjectedFaults fault) => fault switch
    {
        InjectedFaults.Status500 => 0,
        InjectedFaults.Status503 => 1,
        InjectedFaults.Timeout => 2,
        InjectedFaults.FailAfterSend => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Name a single fault kind."),
    };

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The message owns and disposes its response.")]
    private void Inject(HttpMessage message, InjectedFaults fault)
    {
        Interlocked.Increment(ref _counts[IndexOf(fault)]);
        message.CancellationToken.ThrowIfCancellationRequested();
        if (fault == InjectedFaults.Timeout)
        {
            // What Azure.Core's transport throws when Retry.NetworkTimeout expires: retried, since the caller did not cancel.
            throw new TaskCanceledException(
                "The operation was cancelled because it exceeded the configured timeout (injected by FaultInjectionPolicy).");
        }

        var previous = message.HasResponse ? message.Response : null;
        message.Response = fault == InjectedFaults.Status503
            ? new InjectedResponse(503, "Server Busy", "ServerBusy", message.Request.ClientRequestId)
            : new InjectedResponse(500, "Internal Server Error", "InternalError", message.Request.ClientRequestId);
        previous?.Dispose();
    }

    private InjectedFaults Roll(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        lock (_randomLock)
        {
            foreach (var rule in _rules)
            {
                if (rule.Take(message.Request))
                {
                    return rule.Fault;
                }
            }
        }

        var rate = FailureRate;
        var faults = Faults;
        if (rate <= 0 || faults == InjectedFaults.None || (AppliesTo is { } filter && !filter(message.Request)))
        {
            return InjectedFaults.None;
        }

        Span<InjectedFaults> enabled = stackalloc InjectedFaults[4];
        var count = 0;
        foreach (var kind in (ReadOnlySpan<InjectedFaults>)[InjectedFaults.Status500, InjectedFaults.Status503, InjectedFaults.Timeout, InjectedFaults.FailAfterSend])
        {
            if (faults.HasFlag(kind))
            {
                enabled[count++] = kind;
            }
        }

        lock (_randomLock)
        {
            return _random.NextDouble() < rate ? enabled[_random.Next(count)] : InjectedFaults.None;
        }
    }

    /// <summary>A service error answer that never came from the service.</summary>
    private sealed class InjectedResponse : Response
    {
        private readonly Dictionary<string, string> _headers;

        public InjectedResponse(int status, string reason, string errorCode, string clientRequestId)
        {
            Status = status;
            ReasonPhrase = reason;
            ClientRequestId = clientRequestId;
            var body = string.Create(
                CultureInfo.InvariantCulture,
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{errorCode}</Code><Message>Fault injected by FaultInjectionPolicy.</Message></Error>");
            ContentStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
            _headers = new(StringComparer.OrdinalIgnoreCase)
            {
                ["x-ms-error-code"] = errorCode,
                ["x-ms-request-id"] = Guid.NewGuid().ToString(),
                ["Content-Type"] = "application/xml",
                ["Content-Length"] = ContentStream.Length.ToString(CultureInfo.InvariantCulture),
            };
        }

        public override int Status { get; }

        public override string ReasonPhrase { get; }

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; }

        // Azure.Core marks real responses in its transport policy, which this one never passed through.
        public override bool IsError => Status >= 400;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            var found = _headers.TryGetValue(name, out var value);
            values = found ? [value!] : null;
            return found;
        }
    }
}
