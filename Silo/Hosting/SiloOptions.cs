namespace Voting.Silo.Hosting;

/// <summary>
/// Orleans settings of a silo (configuration section <c>Orleans</c>). The failure-detection
/// defaults are tuned for fast failover (ORLEANS-NOTES.md: kill -9 → about 1.5 s, a hung silo
/// → about 6 s, instead of 10–14 s and 66 s with Orleans' own defaults).
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Same on every silo and gateway of one deployment.</summary>
    public string ServiceId { get; set; } = "voting";

    /// <summary>Same on every silo and gateway of one cluster.</summary>
    public string ClusterId { get; set; } = "voting";

    /// <summary>Silo-to-silo port (0 in embedded mode: a free port is taken).</summary>
    public int SiloPort { get; set; }

    /// <summary>Port gateways (Orleans clients) connect to; 0 means this silo takes no clients (embedded mode).</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other silos and clients reach this silo at (cluster mode; default: the first non-loopback IPv4 address, or POD_IP on Kubernetes).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long one probe of another silo may take before it counts as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a silo writes "I am alive" into the membership table.</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo re-reads the membership table besides change notifications.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A grain call without an answer this long fails with a timeout (Orleans' default is 30 s). It
    /// bounds how long a call in flight to a dead or hung silo waits, so it is most of the failover
    /// time callers see; methods that compute results declare a longer one of their own.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An activation idle this long is collected (receipts go after 30 s whatever this says; a voter once a call that wrote is answered).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Serve the Orleans Dashboard at /dashboard (behind the admin token); it profiles every grain call.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>What is wrong with these settings, each naming its key (empty when nothing is).</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ServiceId) || string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return $"{Section}:ServiceId and {Section}:ClusterId must not be empty.";
        }
        foreach (var (key, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 0 or > 65535)
            {
                yield return $"{Section}:{key} must be a port number (0-65535), not {port}.";
            }
        }
        if (AdvertisedAddress is { Length: > 0 } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            yield return $"{Section}:AdvertisedAddress must be an IP address, not '{address}'.";
        }
        var spans = new[]
        {
            (nameof(ProbeTimeout), ProbeTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            (nameof(IAmAliveTablePublishTimeout), IAmAliveTablePublishTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            (nameof(TableRefreshTimeout), TableRefreshTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            (nameof(ResponseTimeout), ResponseTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            (nameof(IdleTimeout), IdleTimeout, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1)),
        };
        foreach (var (key, value, min, max) in spans)
        {
            if (value < min || value > max)
            {
                yield return $"{Section}:{key} must lie between {min} and {max}, not {value}.";
            }
        }
    }
}
