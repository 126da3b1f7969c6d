using System.Globalization;

namespace Voting.LoadTests.Load;

/// <summary>
/// Finds the highest constant arrival rate that meets the objective (p99 ≤ target, no failed
/// and no dropped requests): double from the start rate until a step fails, then bisect
/// until the bracket is within 10 %. Each step is a short open-model run. A first warm-up step
/// at the start rate (JIT, connection pools, caches of a freshly started server) is not judged.
/// </summary>
public sealed class FindMax(TimeSpan stepDuration, TimeSpan p99Target, int maxInFlight, TimeSpan drainTimeout, TextWriter log)
{
    private const int MaxSteps = 16;
    private const double MaxRate = 1_000_000;

    public List<RunStats> Steps { get; } = [];

    public double BestRate { get; private set; }

    public async Task<double> RunAsync(double startRate, Operation operation, CancellationToken cancellationToken)
    {
        var warmUp = await new ArrivalScheduler(RateProfile.Constant(startRate, stepDuration), maxInFlight, drainTimeout)
            .RunAsync("find-max warm-up", operation, cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   warm-up: {startRate:0}/s -> achieved {warmUp.AchievedRate:0}/s (not judged)"));
        double passed = 0;
        double? failed = null;
        var rate = startRate;
        while (failed is null && rate <= MaxRate && Steps.Count < MaxSteps && !cancellationToken.IsCancellationRequested)
        {
            if (await StepAsync(rate, operation, cancellationToken))
            {
                passed = rate;
                rate *= 2;
            }
            else
            {
                failed = rate;
            }
        }

        while (failed is { } hi && hi - passed > Math.Max(1, passed * 0.1) && Steps.Count < MaxSteps && !cancellationToken.IsCancellationRequested)
        {
            var mid = Math.Round((passed + hi) / 2);
            if (await StepAsync(mid, operation, cancellationToken))
            {
                passed = mid;
            }
            else
            {
                failed = mid;
            }
        }

        BestRate = passed;
        return passed;
    }

    public bool Meets(RunStats step)
    {
        var p99 = step.AllLatency().QuantileMicros(0.99);
        return step.Failed == 0 && step.Dropped == 0 && step.Completed == step.Sent && p99 <= p99Target.TotalMicroseconds;
    }

    private async Task<bool> StepAsync(double rate, Operation operation, CancellationToken cancellationToken)
    {
        var scheduler = new ArrivalScheduler(RateProfile.Constant(rate, stepDuration), maxInFlight, drainTimeout);
        var step = await scheduler.RunAsync(string.Create(CultureInfo.InvariantCulture, $"find-max step {Steps.Count + 1} @ {rate:0}/s"), operation, cancellationToken);
        Steps.Add(step);
        var ok = Meets(step);
        var p99 = step.AllLatency().QuantileMicros(0.99) / 1000.0;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   step {Steps.Count}: {rate:0}/s -> achieved {step.AchievedRate:0}/s p99 {p99:0.0} ms failed {step.Failed} dropped {step.Dropped}: {(ok ? "meets" : "misses")} objective"));
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return ok;
    }
}
