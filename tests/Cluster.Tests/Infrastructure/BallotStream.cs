using System.Collections.Concurrent;
using System.Diagnostics;

namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>
/// A stream of ballots by distinct voters through the gateway's public API, from several
/// concurrent clients, recording what each client saw and when. Clients do not retry.
/// </summary>
public sealed class BallotStream
{
    private readonly LocalCluster _cluster;
    private readonly string _editionId;
    private readonly int _firstVoter;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Sent> _sent = new();
    private readonly Task[] _workers;
    private int _next;

    private BallotStream(LocalCluster cluster, string editionId, int workers, int firstVoter)
    {
        _cluster = cluster;
        _editionId = editionId;
        _firstVoter = firstVoter;
        Clock = Stopwatch.StartNew();
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Time since the stream started; <see cref="Sent"/> times are on this clock.</summary>
    public Stopwatch Clock { get; }

    public IReadOnlyCollection<Sent> Results => _sent;

    public static BallotStream Start(LocalCluster cluster, string editionId, int workers = 12, int firstVoter = 0) => new(cluster, editionId, workers, firstVoter);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public int Count(int status) => _sent.Count(s => s.Status == status);

    public string Summary() =>
        $"{_sent.Count} ballots sent: 201={Count(201)} 200={Count(200)} 409={Count(409)} 503 unavailable={Count("unavailable")} 503 outcome-unknown={Count("outcome-unknown")} " +
        $"other={_sent.Count(s => s.Status is not (200 or 201 or 409 or 503))}";

    public int Count(string code) => _sent.Count(s => s.Code == code);

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var index = _firstVoter + Interlocked.Increment(ref _next);
            var pesel = Pesels.Of(index);
            var sentAt = Clock.Elapsed;
            var (status, receipt, code) = await _cluster.VoteAsync(_editionId, pesel);
            _sent.Enqueue(new Sent(pesel, status, receipt, code, sentAt, Clock.Elapsed));
        }
    }

    /// <summary>One ballot: the voter's PESEL, the HTTP status (0: no answer), the receipt id or problem code, when it was sent and answered.</summary>
    public sealed record Sent(string Pesel, int Status, string? ReceiptId, string? Code, TimeSpan SentAt, TimeSpan AnsweredAt);
}
