using System.CommandLine;
using Conveyor.Cli.Remote;

namespace Conveyor.Cli.Commands;

/// <summary>The <c>--url</c> and <c>--key</c> options of the commands that talk to a running app.</summary>
internal sealed class RemoteOptions
{
    /// <summary>The environment variable with the app's URL.</summary>
    public const string UrlVariable = "CONVEYOR_URL";

    /// <summary>The environment variable with the function key.</summary>
    public const string KeyVariable = "CONVEYOR_KEY";

    /// <summary>The app's URL when neither <c>--url</c> nor <c>CONVEYOR_URL</c> is given (the Functions host's local port).</summary>
    public const string DefaultUrl = "http://localhost:7071";

    private readonly CliEnvironment _environment;

    /// <summary>Initializes a new instance of the <see cref="RemoteOptions"/> class and adds the options to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="environment">The environment (variables, HTTP handler).</param>
    public RemoteOptions(Command command, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(command);
        _environment = environment;
        Url = new Option<Uri>("--url")
        {
            Description = $"The Conveyor app's base URL [default: ${UrlVariable} or {DefaultUrl}].",
            HelpName = "url",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"invalid --url '{text}': expected an absolute http or https URL");
                return null;
            },
        };
        Key = new Option<string>("--key")
        {
            Description = $"The function key, sent as the x-functions-key header [default: ${KeyVariable}].",
            HelpName = "key",
        };
        command.Add(Url);
        command.Add(Key);
    }

    /// <summary>Gets the <c>--url</c> option.</summary>
    public Option<Uri> Url { get; }

    /// <summary>Gets the <c>--key</c> option.</summary>
    public Option<string> Key { get; }

    /// <summary>Returns an HTTP client for the app chosen by the parse (dispose it) and the API client over it.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The clients.</returns>
    public (HttpClient Http, ConveyorApiClient Api) CreateClient(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var url = result.GetValue(Url) ?? FromEnvironment();
        var baseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        var key = result.GetValue(Key) is { Length: > 0 } given ? given : _environment.GetVariable(KeyVariable);
        var http = _environment.CreateHttpClient(baseAddress, key);
        return (http, new ConveyorApiClient(http));
    }

    private Uri FromEnvironment()
    {
        var text = _environment.GetVariable(UrlVariable) is { Length: > 0 } value ? value : DefaultUrl;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliUsageException($"invalid ${UrlVariable} '{text}': expected an absolute http or https URL");
    }
}
