using Voting.Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Editions;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Voters;

namespace Voting.Gateway.Admin;

/// <summary>Body of <c>POST /admin/editions/{id}/registry</c>: the PESELs of eligible voters.</summary>
public sealed record RegistryUpload(IReadOnlyList<string> Pesels);

/// <summary>What was added; invalid entries by position (the PESELs themselves are never echoed or stored).</summary>
public sealed record RegistryReport(int Added, IReadOnlyList<int> InvalidPositions);

/// <summary>
/// <c>POST /admin/editions/{id}/registry</c>: loads a voter registry. PESELs become voter keys at
/// once; only keys are stored. From then on, voters not on the registry get 403 voter-not-eligible.
/// </summary>
public static class RegistryApi
{
    public const int MaxBytes = 64 * 1024 * 1024;

    public static async Task<Results<Ok<RegistryReport>, ProblemHttpResult>> UploadAsync(string editionId, HttpRequest request, GrainCalls grains, VoterIdentity identity)
    {
        var (upload, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.RegistryUpload, MaxBytes);
        if (problem is not null)
        {
            return problem;
        }
        var grain = grains.Get<IEditionGrain>(editionId);
        if (await grains.RunAsync(() => grain.GetAsync()) is null)
        {
            return Problem.EditionNotFound(editionId);
        }
        var keys = new List<string>(upload!.Pesels.Count);
        var invalid = new List<int>();
        for (var i = 0; i < upload.Pesels.Count; i++)
        {
            if (identity.TryResolve(upload.Pesels[i], out var voter))
            {
                keys.Add(voter.Key);
            }
            else
            {
                invalid.Add(i);
            }
        }
        var added = await grains.RunAsync(() => grain.AddToRegistryAsync(keys));
        return TypedResults.Ok(new RegistryReport(added, invalid));
    }
}
