namespace Voting.Grains.Identity;

/// <summary>Wakes this silo's outbox sender when a grain queued a mail (the sender also polls, for mail queued elsewhere or before a restart).</summary>
public sealed class MailOutboxSignal
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Pulse()
    {
        if (_queued.CurrentCount == 0)
        {
            try
            {
                _queued.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another pulse got there first: the sender wakes once either way.
            }
        }
    }

    /// <summary>Completes when pulsed or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);
}
