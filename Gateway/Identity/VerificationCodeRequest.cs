using Voting.Gateway.Requests;

namespace Voting.Gateway.Identity;

/// <summary>Body of <c>POST /api/v1/verification-codes</c>: who asks, where to send the code, optionally in which language (<c>pl</c>, <c>en</c>).</summary>
public sealed record VerificationCodeRequest(ResidentVoterDto? Voter, string? Email, string? Language = null);
