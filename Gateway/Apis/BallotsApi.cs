using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Identity;
using Voting.Voters;

namespace Voting.Gateway.Apis;

/// <summary>Residents cast ballots.</summary>
public static class BallotsApi
{
    public const int MaxIdempotencyKeyLength = 128;

    public static RouteGroupBuilder MapBallotsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/editions").WithTags("Ballots").WithResidentRateLimit(routes).WithIdChecks();
        group.MapPost("/{editionId}/ballots", CastBallot);
        return group;
    }

    public static async Task<Results<Created<BallotReceipt>, Ok<BallotReceipt>, ProblemHttpResult>> CastBallot(
        string editionId, HttpRequest request, GrainCalls grains, VoterResolver identity)
    {
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            return Problem.Malformed($"The Idempotency-Key header is longer than {MaxIdempotencyKeyLength} characters.");
        }
        var (ballot, voter, problem) = await identity.ReadAsync(request, GatewayJsonContext.Default.ResidentBallotRequest, sent => sent.Voter, "voter");
        if (problem is not null)
        {
            return problem;
        }
        var command = new CastBallot(editionId, ballot.Selections, voter.BirthDate, ballot.Voter?.District, idempotencyKey.Length > 0 ? idempotencyKey : null);
        // Most voters vote once: the desk records a first ballot without activating the voter; the
        // voter's grain answers everything else. Both are safe to resend (a resend is a replay).
        var result = await grains.RunAsync(async () =>
            await grains.BallotDesk.TryRecordFirstAsync(voter.Key, command) ?? await grains.Get<IVoterGrain>(voter.Key).CastBallotAsync(command));
        return result.Outcome switch
        {
            CastOutcome.Recorded => TypedResults.Created($"/api/v1/receipts/{result.Receipt!.ReceiptId}", result.Receipt),
            CastOutcome.Replayed or CastOutcome.Replaced => TypedResults.Ok(result.Receipt!),
            _ => CastProblems.Of(editionId, result),
        };
    }
}

/// <summary>Refused ballots as problems (shared by online and paper ballots).</summary>
public static class CastProblems
{
    public static ProblemHttpResult Of(string editionId, CastResult result) => result.Outcome switch
    {
        CastOutcome.EditionNotFound => Problem.EditionNotFound(editionId),
        CastOutcome.VotingNotOpen => Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.VotingNotOpen, "Voting is not open.", result.Detail),
        CastOutcome.NotEligible => Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.VoterNotEligible, "The voter may not vote in this edition.", result.Detail),
        CastOutcome.InvalidBallot => Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidBallot, "The ballot breaks the edition's rules.", result.Detail,
            [new("errors", result.Errors ?? [])]),
        CastOutcome.AlreadyVoted => Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.AlreadyVoted, "A different ballot is already recorded.", result.Detail),
        _ => throw new InvalidOperationException($"Outcome {result.Outcome} is not a refusal."),
    };
}
