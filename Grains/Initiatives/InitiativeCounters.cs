namespace Voting.Grains.Initiatives;

public static class InitiativeCounters
{
    public const string Signatures = "signatures";
}
