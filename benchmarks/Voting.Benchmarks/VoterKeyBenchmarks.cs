using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Voting.Gateway.Voters;
using Voting.Grains.Rules;

namespace Voting.Benchmarks;

/// <summary>PESEL validation and the voter key (HMAC-SHA256, hex), as the gateway does for every resident request.</summary>
public class VoterKeyBenchmarks
{
    private readonly VoterIdentity _identity = new(new VoterKeyDeriver(RandomNumberGenerator.GetBytes(32)));
    private readonly string[] _pesels = BenchmarkData.Pesels(4096);
    private int _next;

    [Benchmark]
    public Voter ValidateAndDeriveKey()
    {
        _identity.TryResolve(_pesels[_next++ & 4095], out var voter);
        return voter;
    }

    [Benchmark]
    public bool ValidateOnly() => Pesel.TryParse(_pesels[_next++ & 4095], out _);
}
