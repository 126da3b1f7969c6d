using System.ComponentModel.DataAnnotations;

namespace Voting.Runtime.Cluster;

/// <summary>Cluster settings (configuration section <c>Cluster</c>), shared by silos and gateways.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>Gateway: route grain calls to silos instead of hosting an embedded silo.</summary>
    public bool Enabled { get; set; }

    /// <summary>This silo's identity in the <c>silos</c> table; unique in the cluster. Default: machine name and process id.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "Cluster:SiloId must be 1-100 letters, digits, '.', '_' or '-'.")]
    public string SiloId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The URL other processes reach this silo at (http://host:port). Default: http://{machine name}:{Port}.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The IP address the silo listens on.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>The silo's grain-call port (HTTP/2 without TLS).</summary>
    [Range(1, 65535, ErrorMessage = "Cluster:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 11111;

    /// <summary>An extra HTTP/1.1 port for health probes (0: none; the probes are also on <see cref="Port"/> over HTTP/2).</summary>
    [Range(0, 65535, ErrorMessage = "Cluster:HealthPort must be between 0 and 65535.")]
    public int HealthPort { get; set; }

    /// <summary>How long a lease lasts after a renewal (database clock).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Cluster:LeaseTtl must be between 1 second and 10 minutes.")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo heartbeats, renews, acquires and releases.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Cluster:RenewInterval must be between 100 ms and 1 minute.")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo stops serving a shard this long before its lease could expire.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Cluster:LeaseMargin must be between 100 ms and 5 minutes.")]
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>A silo whose heartbeat is older than this is dead for shard placement. Default: the lease TTL.</summary>
    public TimeSpan? SiloTimeout { get; set; }

    /// <summary>How often callers re-read the shard map (also at once on "not owner").</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Cluster:ShardMapRefresh must be between 50 ms and 1 minute.")]
    public TimeSpan ShardMapRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt of a grain call to a silo.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Cluster:AttemptTimeout must be between 50 ms and 5 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The whole budget of a grain call, retries included; then the caller gets "unavailable".</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Cluster:CallDeadline must be between 100 ms and 10 minutes.")]
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown or hand-over, how long to wait for running calls before releasing leases.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Cluster:DrainTimeout must be between 0 and 5 minutes.")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan EffectiveSiloTimeout => SiloTimeout ?? LeaseTtl;

    public string EffectiveAdvertisedAddress => string.IsNullOrWhiteSpace(AdvertisedAddress) ? $"http://{Environment.MachineName}:{Port}" : AdvertisedAddress.TrimEnd('/');
}
