using Voting.Gateway.Requests;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Editions;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Results;

namespace Voting.Gateway.Apis;

/// <summary>Resident reads of an edition: its definition and its results.</summary>
public static class EditionsApi
{
    public static RouteGroupBuilder MapEditionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/editions").WithTags("Editions").WithResidentRateLimit(routes).WithIdChecks();
        group.MapGet("/{editionId}", GetEdition);
        group.MapGet("/{editionId}/results", GetResults);
        return group;
    }

    public static async Task<Results<Ok<Edition>, ProblemHttpResult>> GetEdition(string editionId, GrainCalls grains)
    {
        var edition = await grains.RunAsync(() => grains.Get<IEditionGrain>(editionId).GetAsync());
        return edition is null ? Problem.EditionNotFound(editionId) : TypedResults.Ok(edition);
    }

    public static async Task<Results<Ok<EditionResults>, ProblemHttpResult>> GetResults(string editionId, GrainCalls grains)
    {
        var grain = grains.Get<IEditionGrain>(editionId);
        var edition = await grains.RunAsync(() => grain.GetAsync());
        if (edition is null)
        {
            return Problem.EditionNotFound(editionId);
        }
        if (edition.Phase == EditionPhase.Voting && !edition.LiveResults)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.ResultsHidden, "Results are hidden while voting.", "This edition shows results after voting closes.");
        }
        var results = await grains.RunAsync(() => grain.GetResultsAsync());
        return results is null ? Problem.EditionNotFound(editionId) : TypedResults.Ok(results);
    }
}
