using Orleans.TestingHost;
using Voting.Identity;
using Xunit;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// The one-time code of a voter under two activations at once (two clusters over one ledger, as
/// in <see cref="DuplicateActivationTests"/>): one code confirms one request, and wrong tries add
/// up across activations.
/// </summary>
public sealed class VerificationCodeDuplicateActivationTests : IAsyncLifetime
{
    private TestLedger _ledger = null!;
    private InProcessTestCluster _east = null!;
    private InProcessTestCluster _west = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await TestLedger.CreateAsync();
        _east = await _ledger.StartClusterAsync();
        _west = await _ledger.StartClusterAsync();
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    private static CodeIssue Issue(string hash) => new(hash, "email-" + Guid.NewGuid().ToString("N"), "a@example.pl", "123456", "pl");

    [Fact]
    public async Task RedeemAsync_DifferentRequestsOnTwoActivationsAtOnce_ExactlyOneTakesTheCode()
    {
        for (var i = 0; i < 40; i++)
        {
            var voter = "v-" + Guid.NewGuid().ToString("N");
            await _east.Client.GetGrain<IVerificationCodeGrain>(voter).IssueAsync(Issue("hash-" + i));

            var answers = await Task.WhenAll(
                _east.Client.GetGrain<IVerificationCodeGrain>(voter).RedeemAsync(new CodeRedemption("hash-" + i, "request-east", "edition:e1")),
                _west.Client.GetGrain<IVerificationCodeGrain>(voter).RedeemAsync(new CodeRedemption("hash-" + i, "request-west", "edition:e2")));

            Assert.Single(answers, a => a == CodeCheck.Fresh);
            Assert.Single(answers, a => a == CodeCheck.Refused);
        }
    }

    [Fact]
    public async Task RedeemAsync_WrongTriesSpreadOverTwoActivations_KillTheCodeAtFive()
    {
        var voter = "v-" + Guid.NewGuid().ToString("N");
        var east = _east.Client.GetGrain<IVerificationCodeGrain>(voter);
        var west = _west.Client.GetGrain<IVerificationCodeGrain>(voter);
        await east.IssueAsync(Issue("right"));

        for (var i = 0; i < VerificationCodes.MaxWrongTries; i++)
        {
            Assert.Equal(CodeCheck.Refused, await (i % 2 == 0 ? east : west).RedeemAsync(new CodeRedemption("wrong", "request", "edition:e")));
        }

        Assert.Equal(CodeCheck.Refused, await east.RedeemAsync(new CodeRedemption("right", "request", "edition:e")));
        Assert.Equal(CodeCheck.Refused, await west.RedeemAsync(new CodeRedemption("right", "request", "edition:e")));
    }

    [Fact]
    public async Task RedeemAsync_TheSameRequestOnTheOtherActivation_IsAReplay()
    {
        var voter = "v-" + Guid.NewGuid().ToString("N");
        await _east.Client.GetGrain<IVerificationCodeGrain>(voter).IssueAsync(Issue("right"));

        Assert.Equal(CodeCheck.Fresh, await _east.Client.GetGrain<IVerificationCodeGrain>(voter).RedeemAsync(new CodeRedemption("right", "request", "edition:e")));
        Assert.Equal(CodeCheck.Replay, await _west.Client.GetGrain<IVerificationCodeGrain>(voter).RedeemAsync(new CodeRedemption("right", "request", "edition:e")));
        Assert.Equal(CodeCheck.Refused, await _west.Client.GetGrain<IVerificationCodeGrain>(voter).RedeemAsync(new CodeRedemption("right", "other", "edition:e")));
    }
}
