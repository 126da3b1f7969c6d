using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Voting.Runtime.Grains;

/// <summary>
/// One grain in memory. Calls take turns (one at a time) through a semaphore; the first turn
/// activates the grain. A deactivated activation refuses calls so the caller finds a fresh one.
/// </summary>
internal sealed class Activation
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Grain _grain;
    private readonly TimeProvider _time;
    private bool _activated;
    private bool _deactivated;
    private long _lastUsed;

    public Activation(Grain grain, TimeProvider time, TimeSpan? idleTimeout)
    {
        _grain = grain;
        _time = time;
        _lastUsed = time.GetTimestamp();
        IdleTimeout = idleTimeout;
    }

    /// <summary>The idle timeout of this activation's grain type, if it has its own.</summary>
    public TimeSpan? IdleTimeout { get; }

    public GrainId Id => _grain.Id;

    public int Shard => _grain.Shard;

    public async Task<T> InvokeAsync<T>(GrainMethod method, object?[] args, CancellationToken cancellationToken)
    {
        _lastUsed = _time.GetTimestamp();
        if (method.IsReadOnly && Volatile.Read(ref _activated))
        {
            return await Call<T>(method, args);
        }
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_deactivated)
            {
                throw new ActivationGoneException();
            }
            if (!_activated)
            {
                await _grain.OnActivateAsync(cancellationToken);
                Volatile.Write(ref _activated, true);
            }
            return await Call<T>(method, args);
        }
        finally
        {
            _lastUsed = _time.GetTimestamp();
            _turn.Release();
        }
    }

    /// <summary>Deactivates if no call is running and none ran for <paramref name="idle"/> (or always, when idle is zero).</summary>
    public bool TryDeactivate(TimeSpan idle)
    {
        if (idle > TimeSpan.Zero && _time.GetElapsedTime(_lastUsed) < idle)
        {
            return false;
        }
        if (!_turn.Wait(0))
        {
            return false;
        }
        try
        {
            _deactivated = true;
            return true;
        }
        finally
        {
            _turn.Release();
        }
    }

    private Task<T> Call<T>(GrainMethod method, object?[] args)
    {
        try
        {
            return (Task<T>)method.Method.Invoke(_grain, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}

/// <summary>The activation was deactivated between lookup and call; look it up again.</summary>
internal sealed class ActivationGoneException : Exception;
