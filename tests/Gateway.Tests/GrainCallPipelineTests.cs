using Microsoft.Extensions.Time.Testing;
using Voting.Failures;
using Voting.Gateway.Hosting;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>The gateway's grain-call pipeline on a clock moved by hand: what is retried, and for how long.</summary>
public sealed class GrainCallPipelineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_call_that_did_not_run_is_tried_again_and_its_answer_returned()
    {
        var attempts = 0;
        var answer = await RunAsync(() => ++attempts == 1 ? throw new UnavailableException("ledger refused before committing") : Task.FromResult(42));

        Assert.Equal(42, answer);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_call_that_may_have_run_is_not_tried_again()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => RunAsync<int>(() => { attempts++; throw new TimeoutException("no answer from the silo"); }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task No_retry_begins_after_the_deadline()
    {
        // Each attempt takes 4 s: attempts begin at 0 s, ~4 s and ~8 s (back-off under 1 s each);
        // after the third, 12 s have passed, past the 10 s deadline, so its failure is the answer.
        var attempts = 0;
        await Assert.ThrowsAsync<UnavailableException>(() => RunAsync<int>(() =>
        {
            attempts++;
            _time.Advance(TimeSpan.FromSeconds(4));
            throw new UnavailableException("silo unavailable");
        }));

        Assert.Equal(3, attempts);
    }

    /// <summary>Runs the call under a fresh pipeline, moving the clock in 10 ms steps so back-off delays end.</summary>
    private async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        var pipeline = GrainCalls.CreatePipeline(_time);
        var running = GrainCalls.RunAsync(pipeline, _time, call);
        for (var step = 0; !running.IsCompleted && step < 10_000; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }
        return await running;
    }
}
