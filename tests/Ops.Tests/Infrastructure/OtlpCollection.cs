using Xunit;

namespace Voting.Ops.Tests.Infrastructure;

/// <summary>Tests that must not run beside other hosts in this process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OtlpCollection
{
    public const string Name = "OTLP export";
}
