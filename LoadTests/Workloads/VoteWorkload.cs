using System.Text.Json.Nodes;
using Voting.LoadTests.Audit;
using Voting.LoadTests.Http;
using Voting.LoadTests.Load;
using Voting.LoadTests.Model;

namespace Voting.LoadTests.Workloads;

/// <summary>
/// Casts ballots: each arrival is a new unique voter with a random valid ballot, except a
/// <c>duplicates</c> fraction that re-sends an acknowledged voter's exact ballot and expects
/// 200 with the original receipt.
/// </summary>
public sealed class VoteWorkload(ApiClient api, BallotFactory ballots, PeselGenerator pesels, double duplicates)
{
    private const int ReconcileAttempts = 6;

    private readonly string _path = $"/api/v1/editions/{Uri.EscapeDataString(ballots.Edition.Id)}/ballots";
    private long _voters = -1;

    public VoteLedger Ledger { get; } = new();

    public string EditionId => ballots.Edition.Id;

    public Task<Outcome> ExecuteAsync(long index, CancellationToken cancellationToken)
    {
        if (duplicates > 0 && Random.Shared.NextDouble() < duplicates && Ledger.TryPickAcknowledged(Random.Shared, out var earlier))
        {
            return DuplicateAsync(earlier, cancellationToken);
        }

        return CastAsync(cancellationToken);
    }

    /// <summary>Re-sends every ballot whose fate is unknown (timeout, transport error, 5xx but 503) until it is known.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var open = Ledger.Unresolved.ToList();
        for (var attempt = 1; attempt <= ReconcileAttempts && open.Count > 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            foreach (var record in open)
            {
                var response = await api.PostAsync(_path, record.Body, cancellationToken);
                if (response.Status is 200 or 201)
                {
                    Ledger.Acknowledge(record, response.Field("receiptId"));
                }
                else if (response.Status is >= 400 and < 500)
                {
                    record.State = VoteState.Rejected;
                }
            }

            open = open.Where(r => r.State == VoteState.Ambiguous).ToList();
        }

        return open.Count;
    }

    private async Task<Outcome> CastAsync(CancellationToken cancellationToken)
    {
        var pesel = pesels.Next(Interlocked.Increment(ref _voters));
        var ballot = ballots.Create(Random.Shared);
        var record = new VoterRecord(ballot, ApiClient.Serialize(Body(pesel, ballot)));
        var response = await api.PostAsync(_path, record.Body, cancellationToken);
        switch (response.Status)
        {
            case 201:
                Ledger.Acknowledge(record, response.Field("receiptId"));
                return new Outcome("vote", 201, null, true);
            case 200:
                Ledger.Acknowledge(record, response.Field("receiptId"));
                Ledger.Violation("a never-seen voter got 200 (voter reused from an earlier run?)");
                return new Outcome("vote", 200, "unexpected-200", false);
            default:
                if (response.IsAmbiguous)
                {
                    Ledger.Ambiguous(record);
                }
                else
                {
                    record.State = VoteState.Rejected;
                }
                return new Outcome("vote", response.Status, response.Code, false);
        }
    }

    private async Task<Outcome> DuplicateAsync(VoterRecord earlier, CancellationToken cancellationToken)
    {
        Ledger.DuplicateSent();
        var response = await api.PostAsync(_path, earlier.Body, cancellationToken);
        if (response.Status == 200)
        {
            var receipt = response.Field("receiptId");
            if (receipt == earlier.ReceiptId)
            {
                Ledger.DuplicateMatched();
                return new Outcome("vote-duplicate", 200, null, true);
            }

            Ledger.Violation($"duplicate got receipt {receipt} but the original was {earlier.ReceiptId}");
            return new Outcome("vote-duplicate", 200, "receipt-mismatch", false);
        }

        if (response.Status == 201)
        {
            Ledger.Violation($"duplicate re-send got 201 (counted twice?), original receipt {earlier.ReceiptId}");
            return new Outcome("vote-duplicate", 201, "duplicate-created", false);
        }

        return new Outcome("vote-duplicate", response.Status, response.Code, false);
    }

    public static JsonObject Body(string pesel, Ballot ballot)
    {
        var voter = new JsonObject { ["pesel"] = pesel };
        if (ballot.District is not null)
        {
            voter["district"] = ballot.District;
        }

        var selections = new JsonArray();
        foreach (var s in ballot.Selections)
        {
            var node = new JsonObject { ["projectId"] = s.ProjectId };
            if (s.Points is not null)
            {
                node["points"] = s.Points.Value;
            }

            selections.Add(node);
        }

        return new JsonObject { ["voter"] = voter, ["selections"] = selections };
    }
}
