namespace Voting.Storage.Clustering;

/// <summary>
/// PostgreSQL schema and query texts for Orleans' ADO.NET clustering provider
/// (Microsoft.Orleans.Clustering.AdoNet, invariant <c>Npgsql</c>).
/// </summary>
/// <remarks>
/// <para>The provider ships no SQL: at start it runs <c>SELECT QueryKey, QueryText FROM OrleansQuery</c>
/// and then only ever runs those texts, binding named parameters (<c>@DeploymentId</c>, <c>@Address</c>,
/// <c>@Port</c>, ...) and reading result columns by name. Facts this file relies on (checked against
/// the 10.4.2 assembly and a real PostgreSQL 15):</para>
/// <list type="bullet">
/// <item>Parameter types: <c>@Version</c>, <c>@Port</c>, <c>@Generation</c>, <c>@Status</c>, <c>@ProxyPort</c> are int4;
/// <c>@Address</c> is a string (IP text); <c>@SuspectTimes</c> is text or NULL; <c>@StartTime</c>/<c>@IAmAliveTime</c>
/// are UTC <see cref="DateTime"/>s, which Npgsql sends as <c>timestamptz</c>. Times are therefore stored as
/// <c>timestamptz</c>: no dependence on the server's TimeZone setting.</item>
/// <item>Columns are read by name; unquoted identifiers fold to lower case and Npgsql's
/// <c>GetOrdinal</c> falls back to a case-insensitive match, so <c>"Address"</c> finds <c>address</c>.
/// <c>Address</c> must be text (the provider casts the value to <see cref="string"/>), not <c>inet</c>.</item>
/// <item>Each query gets only its own parameters: InsertMembershipKey binds no <c>@SuspectTimes</c>;
/// UpdateMembershipKey binds only DeploymentId, Address, Port, Generation, Status, SuspectTimes, IAmAliveTime,
/// Version. An unbound <c>@Name</c> is no error in Npgsql: it goes to PostgreSQL as is, which reads it as the
/// prefix operator <c>@</c> (absolute value) on a column, so a text must use only the parameters bound for it.</item>
/// <item>The "insert/update" queries must return one row with one column: 1 on success, 0 otherwise.</item>
/// <item>Every row change bumps <c>Version</c> in the same statement as the change, and only when the stored
/// version equals <c>@Version</c>: the version row's lock serializes concurrent writers, and the loser's
/// re-checked <c>WHERE Version = @Version</c> fails, so it changes nothing and returns 0.</item>
/// </list>
/// </remarks>
public static class OrleansClusteringSchema
{
    public const string Component = "orleans-clustering";

    /// <summary>Schema versions; <c>Versions[0]</c> is version 1. Every statement is idempotent.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Versions { get; } =
    [
        // Version 1: the three tables the provider expects.
        [
            """
            CREATE TABLE IF NOT EXISTS OrleansQuery
            (
                QueryKey  varchar(64) NOT NULL PRIMARY KEY,
                QueryText text        NOT NULL
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
            (
                DeploymentId varchar(150) NOT NULL PRIMARY KEY,
                Timestamp    timestamptz  NOT NULL DEFAULT now(),
                Version      integer      NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS OrleansMembershipTable
            (
                DeploymentId varchar(150) NOT NULL
                    REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
                Address      varchar(45)  NOT NULL,
                Port         integer      NOT NULL,
                Generation   integer      NOT NULL,
                SiloName     varchar(150) NOT NULL,
                HostName     varchar(150) NOT NULL,
                Status       integer      NOT NULL,
                ProxyPort    integer      NOT NULL DEFAULT 0,
                SuspectTimes text         NULL,
                StartTime    timestamptz  NOT NULL,
                IAmAliveTime timestamptz  NOT NULL,
                PRIMARY KEY (DeploymentId, Address, Port, Generation)
            )
            """,
        ],
    ];

    /// <summary>Query texts by key, as stored in <c>OrleansQuery</c>.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>
    {
        // Creates the cluster's version row if absent. One row: 1 if inserted, 0 if it was there.
        ["InsertMembershipVersionKey"] = """
            WITH inserted AS (
                INSERT INTO OrleansMembershipVersionTable (DeploymentId, Timestamp, Version)
                VALUES (@DeploymentId, now(), 0)
                ON CONFLICT (DeploymentId) DO NOTHING
                RETURNING 1
            )
            SELECT count(*)::int FROM inserted
            """,

        // Inserts a silo row and bumps the version, in one statement, only if the stored version is
        // @Version and the row is new. A row that exists makes the version check fail too (no bump).
        // The provider binds no @SuspectTimes here (a new row has no votes): an unbound @Name is not an
        // error for Npgsql, PostgreSQL reads it as the prefix operator @ on a column, so it must not appear.
        // A plain INSERT (no ON CONFLICT): a key clash that slipped past the checks raises an error and
        // rolls back the bump instead of bumping without inserting.
        ["InsertMembershipKey"] = """
            WITH bumped AS (
                UPDATE OrleansMembershipVersionTable v
                SET Version = v.Version + 1, Timestamp = now()
                WHERE v.DeploymentId = @DeploymentId
                  AND v.Version = @Version
                  AND NOT EXISTS (
                      SELECT 1 FROM OrleansMembershipTable m
                      WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
                        AND m.Port = @Port AND m.Generation = @Generation)
                RETURNING v.DeploymentId
            ), inserted AS (
                INSERT INTO OrleansMembershipTable
                    (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
                     SuspectTimes, StartTime, IAmAliveTime)
                SELECT b.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                       coalesce(@ProxyPort, 0), NULL, @StartTime, @IAmAliveTime
                FROM bumped b
                RETURNING 1
            )
            SELECT count(*)::int FROM inserted
            """,

        // Bumps the version if it is @Version and the silo row exists, and updates that row, in one statement.
        ["UpdateMembershipKey"] = """
            WITH bumped AS (
                UPDATE OrleansMembershipVersionTable v
                SET Version = v.Version + 1, Timestamp = now()
                WHERE v.DeploymentId = @DeploymentId
                  AND v.Version = @Version
                  AND EXISTS (
                      SELECT 1 FROM OrleansMembershipTable m
                      WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
                        AND m.Port = @Port AND m.Generation = @Generation)
                RETURNING v.DeploymentId
            ), updated AS (
                UPDATE OrleansMembershipTable m
                SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
                FROM bumped b
                WHERE m.DeploymentId = b.DeploymentId AND m.Address = @Address
                  AND m.Port = @Port AND m.Generation = @Generation
                RETURNING 1
            )
            SELECT count(*)::int FROM updated
            """,

        // Heartbeat: no version change.
        ["UpdateIAmAlivetimeKey"] = """
            UPDATE OrleansMembershipTable
            SET IAmAliveTime = @IAmAliveTime
            WHERE DeploymentId = @DeploymentId AND Address = @Address
              AND Port = @Port AND Generation = @Generation
            """,

        // The version row left-joined with one silo row (one snapshot: the version matches the row).
        ["MembershipReadRowKey"] = """
            SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
                   m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m
                   ON m.DeploymentId = v.DeploymentId AND m.Address = @Address
                  AND m.Port = @Port AND m.Generation = @Generation
            WHERE v.DeploymentId = @DeploymentId
            """,

        // The version row left-joined with all silo rows of the cluster.
        ["MembershipReadAllKey"] = """
            SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
                   m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
            WHERE v.DeploymentId = @DeploymentId
            """,

        // Deletes the cluster (silo rows, then the version row; the FK cascades as well).
        ["DeleteMembershipTableEntriesKey"] = """
            WITH silos AS (
                DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId
            )
            DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
            """,

        // Active silos with a gateway: Address, ProxyPort, Generation (@Status is 3 = Active).
        ["GatewaysQueryKey"] = """
            SELECT Address, ProxyPort, Generation
            FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
            """,

        // Deletes rows of silos not Active whose last heartbeat is older than @IAmAliveTime.
        // (10.4.2 uses this only when CleanupDefunctSiloEntryKey below is absent.)
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId
              AND IAmAliveTime < @IAmAliveTime
              AND Status <> 3
            """,

        // Optional in 10.4.2: when present, the provider reads all rows, picks Dead (6) silos whose
        // StartTime, IAmAliveTime and suspect votes are all older than the cut-off, and deletes each one
        // with this text, only if the row still holds the values it read (no race with a late update).
        // Parameters: @DeploymentId @Address @Port @Generation @SuspectTimes @StartTime @IAmAliveTime.
        ["CleanupDefunctSiloEntryKey"] = """
            DELETE FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Address = @Address
              AND Port = @Port AND Generation = @Generation
              AND Status = 6
              AND StartTime = @StartTime
              AND IAmAliveTime = @IAmAliveTime
              AND SuspectTimes IS NOT DISTINCT FROM @SuspectTimes
            """,
    };

    /// <summary>
    /// Statements to run at every start, after the versions: upserts every query text, so a fix to a
    /// query reaches existing databases.
    /// </summary>
    public static IEnumerable<string> Always
    {
        get
        {
            foreach (var (key, text) in Queries)
            {
                yield return
                    "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ("
                    + Literal(key) + ", " + Literal(text)
                    + ") ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText";
            }
        }
    }

    /// <summary>A PostgreSQL dollar-quoted literal (the texts contain single quotes nowhere, but may one day).</summary>
    private static string Literal(string value)
    {
        var tag = "$q$";
        for (var i = 0; value.Contains(tag, StringComparison.Ordinal); i++)
        {
            tag = "$q" + i + "$";
        }
        return tag + value + tag;
    }
}
