using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Editions;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Results;
using Voting.Runtime.Grains;

namespace Voting.Gateway.Apis;

/// <summary>Resident reads of an edition: its definition and its results.</summary>
public static class EditionsApi
{
    public static RouteGroupBuilder MapEditionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/editions").WithTags("Editions").WithResidentRateLimit(routes);
        group.MapGet("/{editionId}", GetEdition);
        group.MapGet("/{editionId}/results", GetResults);
        return group;
    }

    public static async Task<Results<Ok<Edition>, ProblemHttpResult>> GetEdition(string editionId, IGrainFactory grains)
    {
        var edition = await grains.GetGrain<IEditionGrain>(editionId).GetAsync();
        return edition is null ? Problem.EditionNotFound(editionId) : TypedResults.Ok(edition);
    }

    public static async Task<Results<Ok<EditionResults>, ProblemHttpResult>> GetResults(string editionId, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IEditionGrain>(editionId);
        var edition = await grain.GetAsync();
        if (edition is null)
        {
            return Problem.EditionNotFound(editionId);
        }
        if (edition.Phase == EditionPhase.Voting && !edition.LiveResults)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.ResultsHidden, "Results are hidden while voting.", "This edition shows results after voting closes.");
        }
        var results = await grain.GetResultsAsync();
        return results is null ? Problem.EditionNotFound(editionId) : TypedResults.Ok(results);
    }
}
