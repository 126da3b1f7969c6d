using OpenTelemetry.Exporter;

namespace Voting.Silo.Hosting;

/// <summary>Where OTLP export goes; present only when an endpoint is configured.</summary>
public sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string ServiceName, string Version)
{
    public const string EndpointKey = "Telemetry:OtlpEndpoint";
    public const string ProtocolKey = "Telemetry:OtlpProtocol";
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Whether traces are exported (an endpoint is set): grain calls carry trace context only then.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(First(configuration, EndpointKey, EndpointVariable).Value);

    /// <summary>Null when neither Telemetry:OtlpEndpoint nor OTEL_EXPORTER_OTLP_ENDPOINT is set; throws on a bad value, naming the key.</summary>
    public static OtlpSettings? From(IConfiguration configuration, string serviceName, string version)
    {
        var (endpointKey, endpoint) = First(configuration, EndpointKey, EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{endpointKey} must be an absolute http(s) URL, e.g. http://otel-collector:4317; got '{endpoint}'.");
        }
        var (protocolKey, protocolText) = First(configuration, ProtocolKey, ProtocolVariable);
        var protocol = protocolText?.Trim().ToLowerInvariant() switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException($"{protocolKey} must be 'grpc' or 'http/protobuf'; got '{protocolText}'."),
        };
        return new OtlpSettings(uri, protocol, serviceName, version);
    }

    /// <summary>The exporter's endpoint for one signal: OTLP/HTTP wants the full path when set in code.</summary>
    public Uri EndpointFor(string signal) => Protocol == OtlpExportProtocol.HttpProtobuf
        ? new Uri(Endpoint.ToString().TrimEnd('/') + "/v1/" + signal)
        : Endpoint;

    /// <summary>Points one signal's exporter at the collector.</summary>
    public void Configure(OtlpExporterOptions options, string signal)
    {
        options.Protocol = Protocol;
        options.Endpoint = EndpointFor(signal);
    }

    private static (string Key, string? Value) First(IConfiguration configuration, string key, string variable)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? (variable, configuration[variable]) : (key, value);
    }
}
