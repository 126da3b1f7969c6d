namespace Voting.Ops.Tests.Infrastructure;

/// <summary>
/// Whether this build runs on Orleans. Before the merge with the Orleans migration it does not,
/// and Orleans' own meter ("Microsoft.Orleans") writes nothing: the tests of it skip, saying so.
/// </summary>
public static class OrleansRuntime
{
    public const string Missing = "Orleans is not in this build: activations come from its meter (orleans-catalog-activations). Verify after the merge.";

    public static bool IsPresent { get; } = Type.GetType("Orleans.IGrainFactory, Orleans.Core.Abstractions") is not null;
}
