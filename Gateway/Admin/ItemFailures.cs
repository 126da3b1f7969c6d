using Orleans.Runtime;
using Polly.CircuitBreaker;
using Voting.Failures;
using Voting.Gateway.Problems;

namespace Voting.Gateway.Admin;

/// <summary>
/// One item of a paper batch that the cluster could not answer: the item gets its own outcome and
/// the rest of the batch proceeds. <c>outcome-unknown</c> when its commit may have happened (send
/// the batch again: that item is then a duplicate or recorded), <c>unavailable</c> when nothing
/// can have been recorded. The same split as <see cref="GatewayExceptionHandler"/> for a POST.
/// </summary>
public static class ItemFailures
{
    /// <summary>The item's outcome and code, or null for a failure that is not the cluster's (a bug: let it surface).</summary>
    public static (string Outcome, string Code)? Classify(Exception exception) => exception switch
    {
        OutcomeUnknownException or TimeoutException => ("outcome-unknown", ProblemCodes.OutcomeUnknown),
        UnavailableException or BrokenCircuitException or OrleansMessageRejectionException or SiloUnavailableException or OrleansException => ("unavailable", ProblemCodes.Unavailable),
        _ => null,
    };

    public const string Detail = "The cluster could not answer for this item; send it again.";
}
