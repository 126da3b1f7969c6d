using Voting.LoadTests.Http;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// Which answers leave a ballot's fate open for the load driver's audit, which sends those again
/// before it compares its count with the results (API.md, 503 <c>outcome-unknown</c>).
/// </summary>
public sealed class LoadDriverAnswerTests
{
    [Theory]
    [InlineData(0, "timeout", true)]
    [InlineData(0, "transport-error", true)]
    [InlineData(500, "internal-error", true)]
    [InlineData(502, null, true)]
    [InlineData(503, "outcome-unknown", true)]
    [InlineData(503, "unavailable", false)]
    [InlineData(409, "already-voted", false)]
    [InlineData(201, null, false)]
    public void An_answer_is_ambiguous_when_the_ballot_may_or_may_not_be_recorded(int status, string? code, bool ambiguous)
    {
        Assert.Equal(ambiguous, new ApiResponse(status, [], code).IsAmbiguous);
    }
}
