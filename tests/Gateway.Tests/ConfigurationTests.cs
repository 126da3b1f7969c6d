using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>A bad setting stops the start with a message that names its key.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Orleans:ResponseTimeout", "00:00:00.100")]
    [InlineData("Orleans:ProbeTimeout", "00:05:00")]
    [InlineData("Orleans:SiloPort", "70000")]
    [InlineData("Orleans:AdvertisedAddress", "not-an-address")]
    public async Task Start_WithABadOrleansSetting_FailsNamingTheKey(string key, string value)
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }
}
