using Voting.Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Grains.Initiatives;
using Voting.Initiatives;

namespace Voting.Gateway.Admin;

/// <summary>Admin: create initiatives.</summary>
public static class AdminInitiativesApi
{
    public static RouteGroupBuilder MapAdminInitiativesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/initiatives").WithTags("Admin").AddEndpointFilter<AdminAuthFilter>().WithIdChecks();
        group.MapPost("/", CreateInitiative);
        group.MapPost("/{initiativeId}/paper-signatures", PaperSignatures.RecordAsync);
        group.MapPost("/{initiativeId}/submit", Submit);
        return group;
    }

    /// <summary>The committee submitted the signatures to the council: status submitted, collection ends.</summary>
    public static async Task<Results<Ok<InitiativeView>, ProblemHttpResult>> Submit(string initiativeId, GrainCalls grains)
    {
        var view = await grains.RunAsync(() => grains.Get<IInitiativeGrain>(initiativeId).SubmitAsync());
        return view is null ? Problem.InitiativeNotFound(initiativeId) : TypedResults.Ok(view);
    }

    public static async Task<Results<Created<InitiativeView>, ProblemHttpResult>> CreateInitiative(HttpRequest request, GrainCalls grains)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.CreateInitiativeRequest);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Threshold is null && body.Population is null)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidInitiative, "The initiative is not valid.", "Give threshold, or population to apply the statutory threshold.");
        }
        var initiative = new Initiative
        {
            Id = body.Id,
            Title = body.Title,
            Threshold = body.Threshold ?? InitiativeValidator.StatutoryThreshold(body.Population!.Value),
            CollectFrom = body.CollectFrom,
            CollectUntil = body.CollectUntil,
        };
        var errors = InitiativeValidator.Validate(initiative);
        if (errors.Count > 0)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidInitiative, "The initiative is not valid.", string.Join(" ", errors), [new("errors", errors)]);
        }
        var grain = grains.Get<IInitiativeGrain>(initiative.Id);
        if (!await grains.RunAsync(() => grain.CreateAsync(initiative)))
        {
            return Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.InitiativeExists, "The initiative exists.", $"An initiative '{initiative.Id}' exists already.");
        }
        var view = await grains.RunAsync(() => grain.GetAsync());
        return TypedResults.Created($"/api/v1/initiatives/{initiative.Id}", view);
    }
}
