using System.Net;
using Microsoft.Extensions.Options;

namespace Voting.Runtime.Cluster;

/// <summary>Rules across fields of <see cref="ClusterOptions"/>; each message names the key to fix.</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (options.LeaseMargin >= options.LeaseTtl)
        {
            failures.Add($"Cluster:LeaseMargin ({options.LeaseMargin}) must be shorter than Cluster:LeaseTtl ({options.LeaseTtl}).");
        }
        if (options.RenewInterval * 2 > options.LeaseTtl - options.LeaseMargin)
        {
            failures.Add($"Cluster:RenewInterval ({options.RenewInterval}) must be at most half of Cluster:LeaseTtl minus Cluster:LeaseMargin ({options.LeaseTtl - options.LeaseMargin}), so a lease is renewed at least twice before a silo stops serving it.");
        }
        if (options.SiloTimeout is { } timeout && timeout < options.RenewInterval * 2)
        {
            failures.Add($"Cluster:SiloTimeout ({timeout}) must be at least twice Cluster:RenewInterval.");
        }
        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress) &&
            (!Uri.TryCreate(options.AdvertisedAddress, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Cluster:AdvertisedAddress '{options.AdvertisedAddress}' must be an absolute http:// URL (for example http://silo-0.silos:11111).");
        }
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"Cluster:ListenAddress '{options.ListenAddress}' must be an IP address (0.0.0.0 for all).");
        }
        if (options.HealthPort == options.Port)
        {
            failures.Add("Cluster:HealthPort must differ from Cluster:Port.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
