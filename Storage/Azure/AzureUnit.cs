namespace Voting.Storage.Azure;

/// <summary>
/// A <see cref="WriteUnit"/> laid out for one entity-group transaction: every row it writes goes
/// into its home partition (the guard's, else the gate's, else the counters', else the first
/// row's). A row whose own partition is another one is a satellite: it is written in the home
/// partition too, and a locator in its own partition points there (written before the unit).
/// </summary>
internal sealed class AzureUnit
{
    /// <summary>Most actions of one transaction (Azure's limit).</summary>
    public const int MaxActions = 100;

    /// <summary>Most bytes of one transaction's rows, under Azure's 4 MiB payload limit.</summary>
    public const int MaxBytes = 3_500_000;

    private AzureUnit(string home)
    {
        Home = home;
    }

    public string Home { get; }

    /// <summary>The first op when it is an <see cref="InsertRow"/> or <see cref="ReplaceRow"/>.</summary>
    public AzureRowOp? Guard { get; private set; }

    /// <summary>Upserts and deletes, in the home partition.</summary>
    public List<AzureRowOp> Rows { get; } = [];

    /// <summary>Rows of another partition that need a locator there pointing at <see cref="Home"/>.</summary>
    public List<(string Partition, string RowKey)> Satellites { get; } = [];

    public string? GateRowKey { get; private set; }

    /// <summary>Counter deltas by scope, then name.</summary>
    public Dictionary<string, Dictionary<string, long>> Counters { get; } = new(StringComparer.Ordinal);

    public int Actions => (Guard is null ? 0 : 1) + Rows.Count + (GateRowKey is null ? 0 : 1) + Counters.Count;

    public int Bytes => (Guard is null ? 0 : AzureRows.ApproximateBytes(Guard.Data ?? "")) + Rows.Sum(r => AzureRows.ApproximateBytes(r.Data ?? ""));

    /// <summary>Every row key this unit writes (a transaction may touch an entity once).</summary>
    public IEnumerable<string> RowKeys => (Guard is null ? [] : new[] { Guard.RowKey }).Concat(Rows.Select(r => r.RowKey));

    /// <summary>
    /// Lays the unit out; a unit too large for one transaction is split only when it has no
    /// guard, no gate and no counters (idempotent row writes, such as a registry import);
    /// otherwise it is refused. <paramref name="home"/>, when given, is where the unit's rows were
    /// found to live (<see cref="AzureAnswer.MovedTo"/>): every row whose own partition is another
    /// one is a satellite of it, a replace guard too (an insert guard never is).
    /// </summary>
    public static IReadOnlyList<AzureUnit> From(WriteUnit unit, string? home = null)
    {
        for (var index = 1; index < unit.Ops.Count; index++)
        {
            if (unit.Ops[index] is InsertRow or ReplaceRow)
            {
                throw new ArgumentException("Only the first op of a unit may be a guard (InsertRow or ReplaceRow).", nameof(unit));
            }
        }
        var relaid = home is not null;
        home ??= HomeOf(unit);
        var laid = new AzureUnit(home);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in unit.Ops)
        {
            switch (op)
            {
                case AddToCounter add:
                    if (AzureKeys.CounterPartition(add.Scope) != home)
                    {
                        throw new NotSupportedException($"Counter scope '{add.Scope}' is not in the unit's partition '{home}': an Azure transaction spans one partition.");
                    }
                    var names = laid.Counters.TryGetValue(add.Scope, out var existing) ? existing : laid.Counters[add.Scope] = new Dictionary<string, long>(StringComparer.Ordinal);
                    names[add.Name] = names.GetValueOrDefault(add.Name) + add.Delta;
                    break;
                default:
                    var row = AzureRowOp.Of(op);
                    if (!seen.Add(row.RowKey))
                    {
                        throw new NotSupportedException($"The unit writes row '{row.RowKey}' twice: an Azure transaction touches an entity once.");
                    }
                    if (row.Partition != home)
                    {
                        // A relaid unit's version guard is checked where its row lives; an insert guard decides where a row lives.
                        if (row.Kind == AzureRowKind.Insert || (row.Kind == AzureRowKind.Replace && !relaid))
                        {
                            throw new NotSupportedException("A guard is always in its unit's partition.");
                        }
                        laid.Satellites.Add((row.Partition, row.RowKey));
                    }
                    if (row.Kind is AzureRowKind.Insert or AzureRowKind.Replace)
                    {
                        laid.Guard = row;
                    }
                    else
                    {
                        laid.Rows.Add(row);
                    }
                    break;
            }
        }
        if (unit.Gate is { } gate)
        {
            if (AzureKeys.PartitionOf(gate.Scope, gate.Key) != home)
            {
                throw new NotSupportedException($"The gate row ({gate.Table}, {gate.Scope}, {gate.Key}) is not in the unit's partition '{home}'.");
            }
            laid.GateRowKey = AzureKeys.RowKey(gate.Table, gate.Scope, gate.Key);
            if (seen.Contains(laid.GateRowKey))
            {
                throw new NotSupportedException("A unit may not write its own gate row.");
            }
        }
        if (laid.Actions <= MaxActions && laid.Bytes <= MaxBytes)
        {
            return [laid];
        }
        if (laid.Guard is not null || laid.GateRowKey is not null || laid.Counters.Count > 0)
        {
            throw new NotSupportedException($"A guarded, gated or counting unit must fit one Azure transaction ({MaxActions} actions, {MaxBytes} bytes); this one has {laid.Actions} actions, {laid.Bytes} bytes.");
        }
        return laid.Split();
    }

    private List<AzureUnit> Split()
    {
        var parts = new List<AzureUnit>();
        AzureUnit? current = null;
        foreach (var row in Rows)
        {
            if (current is null || current.Actions + 1 > MaxActions || current.Bytes + AzureRows.ApproximateBytes(row.Data ?? "") > MaxBytes)
            {
                current = new AzureUnit(Home);
                parts.Add(current);
            }
            current.Rows.Add(row);
        }
        foreach (var satellite in Satellites)
        {
            parts.First(p => p.Rows.Any(r => r.RowKey == satellite.RowKey)).Satellites.Add(satellite);
        }
        return parts;
    }

    private static string HomeOf(WriteUnit unit)
    {
        if (unit.Ops.Count > 0 && unit.Ops[0] is InsertRow or ReplaceRow)
        {
            return AzureRowOp.Of(unit.Ops[0]).Partition;
        }
        if (unit.Gate is { } gate)
        {
            return AzureKeys.PartitionOf(gate.Scope, gate.Key);
        }
        if (unit.Ops.OfType<AddToCounter>().FirstOrDefault() is { } add)
        {
            return AzureKeys.CounterPartition(add.Scope);
        }
        return unit.Ops.Count > 0 ? AzureRowOp.Of(unit.Ops[0]).Partition : "";
    }
}

/// <summary>
/// What the batch writer answers for a unit: its <see cref="Result"/>, or, when a row it reads in
/// the unit's partition is only a locator, the partition the rows live in (<see cref="MovedTo"/>)
/// and those locators' ETags by row key (<see cref="Locators"/>), with nothing written.
/// </summary>
internal sealed record AzureAnswer(WriteResult? Result, string? MovedTo = null, IReadOnlyDictionary<string, global::Azure.ETag>? Locators = null);

internal enum AzureRowKind
{
    Insert,
    Replace,
    Upsert,
    Delete,
}

/// <summary>One row write of a unit, with its entity's partition (its own, not the home) and row key.</summary>
internal sealed record AzureRowOp(AzureRowKind Kind, string Partition, string RowKey, string? Data, long ExpectedVersion)
{
    public static AzureRowOp Of(WriteOp op) => op switch
    {
        InsertRow insert => new(AzureRowKind.Insert, AzureKeys.PartitionOf(insert.Scope, insert.Key), AzureKeys.RowKey(insert.Table, insert.Scope, insert.Key), insert.Data, 0),
        ReplaceRow replace => new(AzureRowKind.Replace, AzureKeys.PartitionOf(replace.Scope, replace.Key), AzureKeys.RowKey(replace.Table, replace.Scope, replace.Key), replace.Data, replace.ExpectedVersion),
        UpsertRow upsert => new(AzureRowKind.Upsert, AzureKeys.PartitionOf(upsert.Scope, upsert.Key), AzureKeys.RowKey(upsert.Table, upsert.Scope, upsert.Key), upsert.Data, 0),
        DeleteRow delete => new(AzureRowKind.Delete, AzureKeys.PartitionOf(delete.Scope, delete.Key), AzureKeys.RowKey(delete.Table, delete.Scope, delete.Key), null, 0),
        _ => throw new ArgumentException($"Unknown op {op.GetType().Name}.", nameof(op)),
    };
}
