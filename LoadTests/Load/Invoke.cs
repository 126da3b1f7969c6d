namespace Voting.LoadTests.Load;

internal static class Invoke
{
    /// <summary>Runs one operation; an exception becomes a failed <see cref="Outcome"/> instead of escaping.</summary>
    public static async Task<Outcome> SafelyAsync(Operation operation, long index, CancellationToken cancellationToken)
    {
        try
        {
            return await operation(index, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Outcome("unhandled", 0, ex.GetType().Name, false);
        }
    }
}
