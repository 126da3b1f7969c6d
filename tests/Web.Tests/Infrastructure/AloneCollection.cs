namespace Voting.Web.Tests.Infrastructure;

/// <summary>Tests that start several processes (a cluster, an identity provider) and wait on redirects run after the others, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public static class AloneCollection
{
    public const string Name = "alone";
}
