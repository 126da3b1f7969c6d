using System.ComponentModel.DataAnnotations;

namespace Voting.Runtime.Grains;

/// <summary>Grain runtime settings (configuration section <c>Grains</c>).</summary>
public sealed class GrainRuntimeOptions
{
    public const string Section = "Grains";

    /// <summary>The fixed number of shards. Every silo and gateway of a cluster must agree on it.</summary>
    [Range(1, 4096)]
    public int ShardCount { get; set; } = 64;

    /// <summary>An activation unused this long is dropped from memory.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
