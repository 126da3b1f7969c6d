using System.Collections.Concurrent;

namespace Voting.LoadTests.Audit;

/// <summary>
/// The driver's own record of every ballot it cast and what the gateway acknowledged: the ground
/// truth the exactly-once audit compares the published results with.
/// </summary>
public sealed class VoteLedger
{
    private const int MaxViolationsKept = 50;

    private readonly ConcurrentDictionary<string, VoterRecord> _voters = new();
    private readonly List<VoterRecord> _acknowledged = [];
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private long _violationCount;
    private long _duplicatesSent;
    private long _duplicatesMatched;

    public long DuplicatesSent => Interlocked.Read(ref _duplicatesSent);

    public long DuplicatesMatched => Interlocked.Read(ref _duplicatesMatched);

    public long ViolationCount => Interlocked.Read(ref _violationCount);

    public IEnumerable<string> Violations => _violations;

    public IEnumerable<VoterRecord> All => _voters.Values;

    public void Add(VoterRecord record)
    {
        if (!_voters.TryAdd(record.Pesel, record))
        {
            Violation($"driver bug: voter generated twice ({record.Pesel[..2]}…)");
        }
    }

    public void Acknowledge(VoterRecord record, string? receiptId)
    {
        if (string.IsNullOrEmpty(receiptId))
        {
            Violation("success answer without receiptId");
        }

        lock (_gate)
        {
            record.ReceiptId = receiptId;
            record.State = VoteState.Acknowledged;
            _acknowledged.Add(record);
        }
    }

    public bool TryPickAcknowledged(Random rng, out VoterRecord record)
    {
        lock (_gate)
        {
            if (_acknowledged.Count == 0)
            {
                record = null!;
                return false;
            }

            record = _acknowledged[rng.Next(_acknowledged.Count)];
            return true;
        }
    }

    public List<VoterRecord> Acknowledged()
    {
        lock (_gate)
        {
            return [.. _acknowledged];
        }
    }

    public void DuplicateSent()
    {
        Interlocked.Increment(ref _duplicatesSent);
    }

    public void DuplicateMatched()
    {
        Interlocked.Increment(ref _duplicatesMatched);
    }

    public void Violation(string message)
    {
        if (Interlocked.Increment(ref _violationCount) <= MaxViolationsKept)
        {
            _violations.Enqueue(message);
        }
    }

    /// <summary>Ballots the gateway acknowledged, per project id: what <c>votes</c> must equal.</summary>
    public Dictionary<string, long> PicksPerProject()
    {
        var picks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in Acknowledged())
        {
            foreach (var selection in record.Ballot.Selections)
            {
                picks[selection.ProjectId] = picks.GetValueOrDefault(selection.ProjectId) + 1;
            }
        }

        return picks;
    }
}
