using System.ComponentModel.DataAnnotations;

namespace Voting.Storage;

/// <summary>Storage settings (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>sqlite (embedded default) or postgres.</summary>
    [Required]
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The data folder of the SQLite provider.</summary>
    public string Path { get; set; } = "data";

    /// <summary>The PostgreSQL connection string (provider postgres).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Names this writer for its counter slots; unique per process (default: host name and process id).</summary>
    public string WriterId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Most units in one group commit.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How long a group commit waits for more units after the first (0: commit what is queued at once).</summary>
    [Range(0, 1000)]
    public double BatchDelayMilliseconds { get; set; }
}
