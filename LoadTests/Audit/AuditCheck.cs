namespace Voting.LoadTests.Audit;

public sealed record AuditCheck(string Name, bool Pass, string Detail);
