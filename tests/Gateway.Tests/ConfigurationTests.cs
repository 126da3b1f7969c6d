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

    [Theory]
    [InlineData("CHANGE-ME")]
    [InlineData("secret")]
    [InlineData("admin")]
    [InlineData("short-token-1234")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Start_OutsideDevelopment_WithAWeakAdminToken_FailsNamingTheKey(string token)
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string> { ["environment"] = "Production", ["Admin:Token"] = token });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Admin:Token", error.ToString(), StringComparison.Ordinal);
        if (token.Length > 8)
        {
            Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal); // never echoed
        }
    }

    [Fact]
    public async Task Start_OutsideDevelopment_WithAStrongAdminToken_Serves()
    {
        await using var factory = GatewayFactory.With(new Dictionary<string, string> { ["environment"] = "Production", ["Admin:Token"] = "3f9c1a7be2d84c6f9a0b5e7d1c3f8a2b6d4e9f0a" });

        var response = await factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GeneratedVoterKeySecret_IsReadableByItsOwnerOnly()
    {
        await using var factory = new GatewayFactory();
        await factory.CreateClient().GetAsync("/health/live");

        var file = Assert.Single(Directory.GetFiles(factory.DataFolder, Voting.Gateway.Hosting.VoterKeySecret.FileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
