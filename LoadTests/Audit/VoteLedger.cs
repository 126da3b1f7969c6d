using System.Collections.Concurrent;

namespace Voting.LoadTests.Audit;

/// <summary>
/// The driver's own record of every ballot it cast and what the gateway acknowledged: the ground
/// truth the exactly-once audit compares the published results with.
/// </summary>
public sealed class VoteLedger
{
    private const int MaxViolationsKept = 50;

    private readonly ConcurrentQueue<VoterRecord> _ambiguous = new();
    private readonly List<VoterRecord> _acknowledged = [];
    private readonly Dictionary<string, long> _picks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private long _violationCount;
    private long _duplicatesSent;
    private long _duplicatesMatched;

    public long DuplicatesSent => Interlocked.Read(ref _duplicatesSent);

    public long DuplicatesMatched => Interlocked.Read(ref _duplicatesMatched);

    public long ViolationCount => Interlocked.Read(ref _violationCount);

    public IEnumerable<string> Violations => _violations;

    /// <summary>Ballots still without a definite answer (timeout, transport error, 5xx but 503).</summary>
    public IEnumerable<VoterRecord> Unresolved => _ambiguous.Where(r => r.State == VoteState.Ambiguous);

    public void Ambiguous(VoterRecord record)
    {
        record.State = VoteState.Ambiguous;
        _ambiguous.Enqueue(record);
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
            foreach (var selection in record.TakeBallot()?.Selections ?? [])
            {
                _picks[selection.ProjectId] = _picks.GetValueOrDefault(selection.ProjectId) + 1;
            }
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
        lock (_gate)
        {
            return new Dictionary<string, long>(_picks, StringComparer.Ordinal);
        }
    }
}
