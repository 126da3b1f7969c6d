using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Voting.Runtime.Cluster;

/// <summary>Refreshes the shard map every <see cref="ClusterOptions.ShardMapRefresh"/>.</summary>
internal sealed class ShardMapRefresher(ShardMap map, IOptions<ClusterOptions> options, TimeProvider time) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await map.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ShardMapRefresh, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await map.RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
