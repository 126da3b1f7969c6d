using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Voting.LoadTests.Http;
using Voting.LoadTests.Load;
using Voting.LoadTests.Model;

namespace Voting.LoadTests.Workloads;

/// <summary>
/// The submission rush: each arrival is either (<c>proposalShare</c> of them) a new author filing
/// a proposal, or a new supporter of a random seeded proposal, except a <c>duplicates</c> fraction
/// that re-sends an acknowledged supporter and expects 200 with the original receipt. Every
/// supporter answer is kept per (proposal, person) for the exactly-once audit.
/// </summary>
public sealed class ProposalWorkload(ApiClient api, string editionId, IReadOnlyList<string> seeded, PeselGenerator authors, PeselGenerator supporters, double proposalShare, double duplicates)
{
    private const int ReconcileAttempts = 6;

    private readonly string _base = $"/api/v1/editions/{Uri.EscapeDataString(editionId)}/proposals";
    private readonly ConcurrentDictionary<(string Proposal, string Pesel), SupportRecord> _supports = new();
    private readonly (string Proposal, string Pesel)[] _recent = new (string, string)[1024]; // acknowledged supporters to re-send
    private long _recentCount;
    private long _authors = -1;
    private long _supporters = -1;
    private long _proposalsCreated;
    private long _created201;
    private long _replaysMatched;
    private long _violations;

    public string EditionId => editionId;

    public IReadOnlyList<string> Seeded => seeded;

    public long ProposalsCreated => Interlocked.Read(ref _proposalsCreated);

    /// <summary>Supporter answers 201 (each must be a distinct person on its proposal).</summary>
    public long Created201 => Interlocked.Read(ref _created201);

    public long ReplaysMatched => Interlocked.Read(ref _replaysMatched);

    /// <summary>A second 201 for one person on one proposal, or a 200 with another receipt.</summary>
    public long Violations => Interlocked.Read(ref _violations);

    public IEnumerable<KeyValuePair<(string Proposal, string Pesel), SupportRecord>> Supports => _supports;

    public static byte[] ProposalBody(string pesel, string title) => ApiClient.Serialize(new JsonObject
    {
        ["author"] = new JsonObject { ["pesel"] = pesel },
        ["poolId"] = "city",
        ["title"] = title,
        ["description"] = "Opis: " + title,
        ["costEstimate"] = 100_000 + Random.Shared.Next(900_000),
        ["location"] = "Rynek",
        ["category"] = "green",
    });

    public Task<Outcome> ExecuteAsync(long index, CancellationToken cancellationToken)
    {
        if (Random.Shared.NextDouble() < proposalShare)
        {
            return ProposeAsync(cancellationToken);
        }
        var recent = (int)Math.Min(Interlocked.Read(ref _recentCount), _recent.Length);
        if (duplicates > 0 && recent > 0 && Random.Shared.NextDouble() < duplicates && _recent[Random.Shared.Next(recent)] is { Proposal: not null } earlier)
        {
            return SupportAsync(earlier.Proposal, earlier.Pesel, "supporter-again", cancellationToken);
        }
        var proposal = seeded[Random.Shared.Next(seeded.Count)];
        return SupportAsync(proposal, supporters.Next(Interlocked.Increment(ref _supporters)), "supporter", cancellationToken);
    }

    private async Task<Outcome> ProposeAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _authors);
        var response = await api.PostAsync(_base, ProposalBody(authors.Next(n), "Pomysł " + n), cancellationToken);
        if (response.Status == 201)
        {
            Interlocked.Increment(ref _proposalsCreated);
        }
        return new Outcome("proposal", response.Status, response.Code, response.Status == 201);
    }

    private async Task<Outcome> SupportAsync(string proposal, string pesel, string operation, CancellationToken cancellationToken)
    {
        var body = ApiClient.Serialize(new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel } });
        var response = await api.PostAsync($"{_base}/{Uri.EscapeDataString(proposal)}/supporters", body, cancellationToken);
        var ok = Record(proposal, pesel, response);
        return new Outcome(operation, response.Status, response.Code, ok);
    }

    /// <summary>Folds one answer into the record of (proposal, person); false on a violation or failure.</summary>
    private bool Record(string proposal, string pesel, ApiResponse response)
    {
        var key = (proposal, pesel);
        var receipt = response.Status is 200 or 201 ? response.Field("receiptId") : null;
        var violation = false;
        var fresh = false;
        _supports.AddOrUpdate(key,
            _ =>
            {
                fresh = receipt is not null;
                return new SupportRecord(receipt, response.Status == 201 ? 1 : 0, receipt is null && response.IsAmbiguous, response.IsAmbiguous);
            },
            (_, prior) =>
            {
                if (receipt is null)
                {
                    return prior with { Ambiguous = prior.Receipt is null && (prior.Ambiguous || response.IsAmbiguous), WasAmbiguous = prior.WasAmbiguous || response.IsAmbiguous };
                }
                if (prior.Receipt is not null && prior.Receipt != receipt)
                {
                    violation = true;
                }
                var creates = prior.Creates + (response.Status == 201 ? 1 : 0);
                if (creates > 1)
                {
                    violation = true;
                }
                fresh = prior.Receipt is null;
                return new SupportRecord(prior.Receipt ?? receipt, creates, false, prior.WasAmbiguous);
            });
        if (response.Status == 201)
        {
            Interlocked.Increment(ref _created201);
        }
        if (response.Status == 200 && !fresh && !violation)
        {
            Interlocked.Increment(ref _replaysMatched);
        }
        if (fresh && Interlocked.Increment(ref _recentCount) - 1 is var slot && slot < _recent.Length)
        {
            _recent[slot] = key;
        }
        if (violation)
        {
            Interlocked.Increment(ref _violations);
        }
        return receipt is not null && !violation;
    }

    /// <summary>Re-sends every supporter whose fate is unknown (timeout, 5xx but 503) until it is known: 200 = it was counted, 201 = now it is.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var open = _supports.Where(s => s.Value.Receipt is null && s.Value.Ambiguous).Select(s => s.Key).ToList();
        for (var attempt = 1; attempt <= ReconcileAttempts && open.Count > 0; attempt++)
        {
            foreach (var (proposal, pesel) in open)
            {
                await SupportAsync(proposal, pesel, "reconcile", cancellationToken);
            }
            open = open.Where(k => _supports[k].Receipt is null).ToList();
            if (open.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
        return open.Count;
    }
}

/// <summary>
/// What the driver knows of one person's support of one proposal: the receipt once acknowledged,
/// how many 201s, whether its fate is still unknown, and whether any answer ever was ambiguous
/// (then a first 200 is legitimate: the unanswered attempt had been recorded).
/// </summary>
public sealed record SupportRecord(string? Receipt, int Creates, bool Ambiguous, bool WasAmbiguous);
