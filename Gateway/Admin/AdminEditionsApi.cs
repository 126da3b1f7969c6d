using Voting.Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Editions;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Grains.Editions;
using Voting.Grains.Pabulib;

namespace Voting.Gateway.Admin;

/// <summary>Admin: create and import editions, move their phase, upload paper ballots, export open data.</summary>
public static class AdminEditionsApi
{
    public const int MaxImportBytes = 64 * 1024 * 1024;

    /// <summary>Configuration key of the pabulib import size limit in bytes (default <see cref="MaxImportBytes"/>).</summary>
    public const string ImportMaxBytesKey = "Import:MaxBytes";
    public const int MaxPaperBallotsBytes = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapAdminEditionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/editions").WithTags("Admin").AddEndpointFilter<AdminAuthFilter>().WithIdChecks();
        group.MapPost("/", CreateEdition);
        group.MapPost("/import", ImportEdition);
        group.MapPost("/{editionId}/phase", ChangePhase);
        group.MapPost("/{editionId}/paper-ballots", PaperBallots.RecordAsync);
        group.MapPost("/{editionId}/registry", RegistryApi.UploadAsync);
        group.MapGet("/{editionId}/export", OpenDataExport.ExportAsync);
        return group;
    }

    public static async Task<Results<Created<Edition>, ProblemHttpResult>> CreateEdition(HttpRequest request, GrainCalls grains)
    {
        var (edition, problem) = await JsonBody.ReadAsync(request, EditionJson.TypeInfo, MaxImportBytes);
        return problem ?? await CreateAsync(grains, edition!);
    }

    public static async Task<Results<Created<Edition>, ProblemHttpResult>> ImportEdition(
        HttpRequest request, GrainCalls grains, TimeProvider time, EditionImporter importer, IConfiguration configuration,
        string? format, string? id, bool? includeVotes)
    {
        if (format is not null && !format.Equals("pabulib", StringComparison.OrdinalIgnoreCase))
        {
            return Problem.Malformed($"Import format '{format}' is not supported; use format=pabulib.");
        }
        if (string.IsNullOrWhiteSpace(id))
        {
            return Problem.Malformed("The query parameter id (the new edition's id) is required.");
        }
        var (bytes, problem) = await JsonBody.ReadBytesAsync(request, configuration.GetValue(ImportMaxBytesKey, MaxImportBytes));
        if (problem is not null)
        {
            return problem;
        }
        PabulibImportResult imported;
        try
        {
            var now = time.GetUtcNow();
            imported = PabulibImport.ToEdition(PabulibParser.Parse(PabulibLimits.Decode(bytes)), id, now, now.AddDays(ImportWindowDays));
        }
        catch (PabulibInvalidException e)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidEdition, "The edition is not valid.", e.Message,
                [new("key", e.Key), new("errors", new List<string> { e.Message })]);
        }
        catch (PabulibFormatException e)
        {
            return Problem.Malformed($"The pabulib file is malformed: {e.Message}");
        }
        var created = await CreateAsync(grains, imported.Edition);
        if (created.Result is Created<Edition> && includeVotes == true)
        {
            var report = await importer.RecordBallotsAsync(imported.Edition, imported.Ballots);
            request.HttpContext.Response.Headers["Import-Ballots-Recorded"] = report.Recorded.ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.HttpContext.Response.Headers["Import-Ballots-Refused"] = (report.Duplicate + report.Invalid).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return created;
    }

    /// <summary>An imported edition votes from now for this many days (the admin can close it any time).</summary>
    public const int ImportWindowDays = 30;

    public static async Task<Results<Ok<Edition>, ProblemHttpResult>> ChangePhase(string editionId, HttpRequest request, GrainCalls grains, ILogger<PhaseRequest> logger)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, GatewayJsonContext.Default.PhaseRequest);
        if (problem is not null)
        {
            return problem;
        }
        if (!EditionPhase.IsKnown(body!.Phase) || body.Phase == EditionPhase.Draft)
        {
            return Problem.Malformed($"phase must be submission, verification, appeals, voting, closed or final, not '{body.Phase}'.");
        }
        var change = await grains.RunAsync(() => grains.Get<IEditionGrain>(editionId).SetPhaseAsync(body.Phase, "admin"));
        switch (change.Outcome)
        {
            case PhaseChangeOutcome.NotFound:
                return Problem.EditionNotFound(editionId);
            case PhaseChangeOutcome.NotAllowed:
                return Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.PhaseChangeNotAllowed, "The phase cannot change.", change.Reason);
            default:
                GatewayLog.PhaseChanged(logger, editionId, body.Phase);
                return TypedResults.Ok(change.Edition!);
        }
    }

    private static async Task<Results<Created<Edition>, ProblemHttpResult>> CreateAsync(GrainCalls grains, Edition edition)
    {
        var errors = EditionValidator.Validate(edition);
        if (errors.Count > 0)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidEdition, "The edition is not valid.", string.Join(" ", errors), [new("errors", errors)]);
        }
        var grain = grains.Get<IEditionGrain>(edition.Id);
        if (!await grains.RunAsync(() => grain.CreateAsync(edition)))
        {
            return Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.EditionExists, "The edition exists.", $"An edition '{edition.Id}' exists already.");
        }
        return TypedResults.Created($"/api/v1/editions/{edition.Id}", await grains.RunAsync(() => grain.GetAsync()));
    }
}
