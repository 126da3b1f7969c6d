using System.Runtime.CompilerServices;
using Voting.Editions;
using Voting.Grains.Storage;

namespace Voting.Grains.Editions;

/// <summary>
/// The counter names one edition's ballots write, made once per edition definition instead of
/// being concatenated again for every ballot (each ballot writes about a dozen counters).
/// </summary>
internal sealed class TallyNames
{
    private static readonly ConditionalWeakTable<Edition, TallyNames> ByEdition = [];
    private static HourName? _lastHour;

    private readonly Dictionary<string, (string Votes, string Score)> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pools = new(StringComparer.Ordinal);

    private TallyNames(Edition edition)
    {
        Scope = Tables.EditionCounters(edition.Id);
        foreach (var pool in edition.Pools)
        {
            _pools[pool.Id] = Tally.PoolBallotsCounter(pool.Id);
            foreach (var project in pool.Projects)
            {
                _projects[project.Id] = (Tally.VotesCounter(project.Id), Tally.ScoreCounter(project.Id));
            }
        }
    }

    public string Scope { get; }

    public static TallyNames Of(Edition edition) => ByEdition.GetValue(edition, static e => new TallyNames(e));

    public string Votes(string projectId) => _projects.TryGetValue(projectId, out var names) ? names.Votes : Tally.VotesCounter(projectId);

    public string Score(string projectId) => _projects.TryGetValue(projectId, out var names) ? names.Score : Tally.ScoreCounter(projectId);

    public string PoolBallots(string poolId) => _pools.TryGetValue(poolId, out var name) ? name : Tally.PoolBallotsCounter(poolId);

    public static string Channel(string channel) => channel switch
    {
        Voting.Voters.BallotChannel.Online => OnlineChannel,
        Voting.Voters.BallotChannel.Paper => PaperChannel,
        _ => Tally.ChannelCounter(channel),
    };

    /// <summary>The hour counter's name, kept for the hour most ballots are being cast in.</summary>
    public static string Hour(DateTimeOffset castAt)
    {
        var hour = castAt.UtcTicks / TimeSpan.TicksPerHour;
        var last = _lastHour;
        if (last is not null && last.Hour == hour)
        {
            return last.Name;
        }
        var name = Tally.HourCounter(castAt);
        _lastHour = new HourName(hour, name);
        return name;
    }

    private static readonly string OnlineChannel = Tally.ChannelCounter(Voting.Voters.BallotChannel.Online);
    private static readonly string PaperChannel = Tally.ChannelCounter(Voting.Voters.BallotChannel.Paper);

    private sealed record HourName(long Hour, string Name);
}
