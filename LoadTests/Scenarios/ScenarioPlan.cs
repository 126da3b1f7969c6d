using Voting.LoadTests.Load;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Scenarios;

/// <summary>A ready-to-run scenario: the operation per arrival, its default profile, and the workloads to audit.</summary>
public sealed record ScenarioPlan(string Name, Operation Operation, RateProfile DefaultProfile, VoteWorkload? Votes = null, SignatureWorkload? Signatures = null, ProposalWorkload? Proposals = null);
