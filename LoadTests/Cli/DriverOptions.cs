using System.Globalization;
using Voting.LoadTests.Load;

namespace Voting.LoadTests.Cli;

/// <summary>Command line of the driver (plain parsing, no package): <c>&lt;scenario&gt; [--option value]...</c>.</summary>
public sealed class DriverOptions
{
    public const string Usage = """
        usage: dotnet run --project LoadTests -c Release -- <scenario> [options]
        scenarios: vote-peak | signature-rush | submission-rush | results-readers | mixed | http-ceiling | selftest
                   identity-helper (test issuer + SMTP sink alone, for k6 runs in an identity mode; until Ctrl-C)
          --base-url URL          gateway address (default http://localhost:8080, env BASE_URL)
          --edition ID            edition to vote in, or (submission-rush) in phase submission (default: create a fresh one with --admin-token)
          --initiative ID         initiative to sign (default: create a fresh one with --admin-token)
          --admin-token TOKEN     admin bearer token (env ADMIN_TOKEN); needed to create data and for the audit
          --rate N                constant arrival rate per second (with --duration)
          --duration D            e.g. 30s, 2m (default 30s)
          --ramp STAGES           ramping arrival rate "from:to:dur,...", e.g. "0:2000:10s,2000:2000:20s"
          --max-in-flight N       arrivals beyond N outstanding requests are dropped (default 20000)
          --http2                 HTTP/2 prior knowledge over cleartext (default HTTP/1.1 keep-alive)
          --max-connections N     SocketsHttpHandler.MaxConnectionsPerServer (default 1024)
          --timeout D             per-request timeout (default 10s)
          --duplicates F          fraction of votes (submission-rush: supporters) re-sent as exact duplicates (default 0.01)
          --mix V:S:R             weights votes:signatures:reads for mixed (default 6:2:2) and results-readers (default 1:0:4)
          --closed N              closed-loop saturation with N workers instead of the open model
          --find-max              step the rate up (doubling, then bisecting) to the max with p99 <= --p99-target and no errors,
                                  then a closed-loop saturation run with --workers
          --start-rate N          first find-max step (default 250/s)
          --step-duration D       length of each find-max step (default 5s)
          --p99-target D          find-max latency objective (default 50ms)
          --workers N             closed-loop workers for the saturation run (default 256)
          --receipts N            receipts sampled by the audit (default 200)
          --no-audit              skip the exactly-once audit
          --max-error-rate F      exit 3 when more than F of the requests failed (default 0.01)
          --seed N                PESEL offset (default random; same seed = same voters)
          --json FILE             write machine-readable results
          --identity MODE         pesel (default) | oidc (tokens from the driver's test issuer) | email-code (codes read from the driver's SMTP sink);
                                  the gateway must run in the same Identity:Mode, see LoadTests/README.md
          --issuer-port N         the test issuer's HTTP port: Identity:Oidc:Authority=http://127.0.0.1:N/ (default 5099)
          --smtp-port N           the SMTP sink's port: Identity:Smtp:Host=127.0.0.1, Port=N (default 2525)
          --audience A            the access tokens' audience: Identity:Oidc:Audience (default voting-api)
        """;

    public string Scenario { get; private set; } = "";

    public Uri BaseUrl { get; private set; } = new(Environment.GetEnvironmentVariable("BASE_URL") ?? "http://localhost:8080");

    public string? Edition { get; private set; }

    public string? Initiative { get; private set; }

    public string? AdminToken { get; private set; } = NullIfEmpty(Environment.GetEnvironmentVariable("ADMIN_TOKEN"));

    public double? Rate { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(30);

    public RateProfile? Ramp { get; private set; }

    public int MaxInFlight { get; private set; } = 20_000;

    public bool Http2 { get; private set; }

    public int MaxConnections { get; private set; } = 1024;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(10);

    public double Duplicates { get; private set; } = 0.01;

    public int[]? MixWeights { get; private set; }

    public int? Closed { get; private set; }

    public bool FindMax { get; private set; }

    public double StartRate { get; private set; } = 250;

    public TimeSpan StepDuration { get; private set; } = TimeSpan.FromSeconds(5);

    public TimeSpan P99Target { get; private set; } = TimeSpan.FromMilliseconds(50);

    public int Workers { get; private set; } = 256;

    public int Receipts { get; private set; } = 200;

    public bool NoAudit { get; private set; }

    public double MaxErrorRate { get; private set; } = 0.01;

    public long Seed { get; private set; } = Random.Shared.NextInt64();

    public string? JsonPath { get; private set; }

    public string Identity { get; private set; } = "pesel";

    public int IssuerPort { get; private set; } = 5099;

    public int SmtpPort { get; private set; } = 2525;

    public string Audience { get; private set; } = "voting-api";

    /// <summary>Records the edition the driver created, so later steps (and the JSON report) use it.</summary>
    public void UseEdition(string id)
    {
        Edition = id;
    }

    /// <summary>The open-model profile: --ramp, else --rate for --duration, else the scenario's default.</summary>
    public RateProfile Profile(RateProfile scenarioDefault)
    {
        return Ramp ?? (Rate is { } r ? RateProfile.Constant(r, Duration) : scenarioDefault);
    }

    public static DriverOptions Parse(string[] args)
    {
        var o = new DriverOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                o.Scenario = o.Scenario.Length == 0 ? arg : throw new FormatException($"unexpected argument '{arg}'");
                continue;
            }

            string Value()
            {
                return i + 1 < args.Length ? args[++i] : throw new FormatException($"{arg} needs a value");
            }

            switch (arg)
            {
                case "--base-url": o.BaseUrl = new Uri(Value()); break;
                case "--edition": o.Edition = Value(); break;
                case "--initiative": o.Initiative = Value(); break;
                case "--admin-token": o.AdminToken = NullIfEmpty(Value()); break;
                case "--rate": o.Rate = Number(Value()); break;
                case "--duration": o.Duration = DurationText.Parse(Value()); break;
                case "--ramp": o.Ramp = RateProfile.Parse(Value()); break;
                case "--max-in-flight": o.MaxInFlight = (int)Number(Value()); break;
                case "--http2": o.Http2 = true; break;
                case "--max-connections": o.MaxConnections = (int)Number(Value()); break;
                case "--timeout": o.Timeout = DurationText.Parse(Value()); break;
                case "--duplicates": o.Duplicates = Number(Value()); break;
                case "--mix": o.MixWeights = Value().Split(':').Select(w => (int)Number(w)).ToArray(); break;
                case "--closed": o.Closed = (int)Number(Value()); break;
                case "--find-max": o.FindMax = true; break;
                case "--start-rate": o.StartRate = Number(Value()); break;
                case "--step-duration": o.StepDuration = DurationText.Parse(Value()); break;
                case "--p99-target": o.P99Target = DurationText.Parse(Value()); break;
                case "--workers": o.Workers = (int)Number(Value()); break;
                case "--receipts": o.Receipts = (int)Number(Value()); break;
                case "--no-audit": o.NoAudit = true; break;
                case "--max-error-rate": o.MaxErrorRate = Number(Value()); break;
                case "--seed": o.Seed = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--json": o.JsonPath = Value(); break;
                case "--identity": o.Identity = Value(); break;
                case "--issuer-port": o.IssuerPort = (int)Number(Value()); break;
                case "--smtp-port": o.SmtpPort = (int)Number(Value()); break;
                case "--audience": o.Audience = Value(); break;
                case "--help" or "-h": throw new FormatException("help");
                default: throw new FormatException($"unknown option '{arg}'");
            }
        }

        if (o.Scenario.Length == 0)
        {
            throw new FormatException("missing scenario");
        }

        if (o.Identity is not ("pesel" or "oidc" or "email-code"))
        {
            throw new FormatException("--identity must be pesel, oidc or email-code");
        }

        if (o.MixWeights is { Length: not 3 })
        {
            throw new FormatException("--mix needs three weights votes:signatures:reads");
        }

        if (o.Duplicates is < 0 or >= 1 || o.MaxInFlight < 1 || o.MaxConnections < 1 || o.Workers < 1 || o.Rate <= 0)
        {
            throw new FormatException("--duplicates must be in [0,1); --rate, --max-in-flight, --max-connections, --workers must be positive");
        }

        return o;
    }

    private static double Number(string text)
    {
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string? NullIfEmpty(string? text)
    {
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
