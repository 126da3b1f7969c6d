using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Voting.Runtime.Grains;

namespace Voting.Runtime.Hosting;

/// <summary>Drops idle activations from memory on a timer.</summary>
internal sealed class ActivationCollector(ActivationTable activations, IOptions<GrainRuntimeOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = options.Value.IdleTimeout;
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(idle.Ticks / 4, TimeSpan.TicksPerSecond)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                activations.CollectIdle(idle);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
