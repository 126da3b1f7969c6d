using System.ComponentModel.DataAnnotations;

namespace Voting.Storage;

/// <summary>Storage settings (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>sqlite (embedded default), postgres or azure (Azure Table storage).</summary>
    [Required]
    [RegularExpression("^(sqlite|postgres|azure)$", ErrorMessage = "Storage:Provider must be 'sqlite', 'postgres' or 'azure'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The data folder of the SQLite provider.</summary>
    public string Path { get; set; } = "data";

    /// <summary>The PostgreSQL connection string (provider postgres), or the Azure Storage one (provider azure).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Provider azure without a connection string: the table service endpoint, reached with DefaultAzureCredential (managed or workload identity).</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Provider azure: the table that holds the ledger (3-63 letters and digits, starting with a letter).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Storage:TableName must be 3-63 letters and digits, starting with a letter.")]
    public string TableName { get; set; } = "votingledger";

    /// <summary>Names this writer for its counter slots; unique per process (default: host name and process id).</summary>
    public string WriterId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Most units in one group commit.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How long a group commit waits for more units after the first (0: commit what is queued at once).</summary>
    [Range(0, 1000)]
    public double BatchDelayMilliseconds { get; set; }
}
