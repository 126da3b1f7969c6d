using System.Security.Cryptography;
using System.Text;
using Voting.Grains.Rules;
using Xunit;

namespace Voting.Grains.Tests.Rules;

public sealed class VoterKeyDeriverTests
{
    [Fact]
    public void Derive_KnownSecret_MatchesHmacSha256LowercaseHex()
    {
        var secret = Encoding.UTF8.GetBytes("deployment-secret");
        var key = new VoterKeyDeriver(secret).Derive("44051401359");

        var expected = Convert.ToHexString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("44051401359"))).ToLowerInvariant();
        Assert.Equal(expected, key);
        Assert.Equal(64, key.Length);
        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [Fact]
    public void Derive_RfcTestVector_MatchesPublishedMac()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        var key = new VoterKeyDeriver(Encoding.ASCII.GetBytes("Jefe")).Derive("what do ya want for nothing?");
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", key);
    }

    [Fact]
    public void Derive_DifferentSecretsOrPesels_GiveDifferentKeys()
    {
        var a = new VoterKeyDeriver([1, 2, 3]);
        var b = new VoterKeyDeriver([1, 2, 4]);
        Assert.NotEqual(a.Derive("44051401359"), b.Derive("44051401359"));
        Assert.NotEqual(a.Derive("44051401359"), a.Derive("85123156786"));
        Assert.Equal(a.Derive("44051401359"), a.Derive("44051401359"));
    }

    [Fact]
    public void Derive_CallerMutatesSecretAfterwards_KeyUnchanged()
    {
        byte[] secret = [9, 9, 9];
        var deriver = new VoterKeyDeriver(secret);
        var before = deriver.Derive("44051401359");
        secret[0] = 0;
        Assert.Equal(before, deriver.Derive("44051401359"));
    }

    [Fact]
    public async Task Derive_ManyThreads_SameKeys()
    {
        var deriver = new VoterKeyDeriver([7, 7, 7]);
        var expected = deriver.Derive("44051401359");
        var keys = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => deriver.Derive("44051401359"))));
        Assert.All(keys, k => Assert.Equal(expected, k));
    }
}
