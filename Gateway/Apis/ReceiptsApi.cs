using Voting.Gateway.Requests;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Receipts;

namespace Voting.Gateway.Apis;

/// <summary>Anyone holding a receipt id can check its status; it never shows the voter or the choices.</summary>
public static class ReceiptsApi
{
    public static RouteGroupBuilder MapReceiptsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/receipts").WithTags("Receipts").WithResidentRateLimit(routes).WithIdChecks();
        group.MapGet("/{receiptId}", GetReceipt);
        return group;
    }

    public static async Task<Results<Ok<ReceiptView>, ProblemHttpResult>> GetReceipt(string receiptId, GrainCalls grains)
    {
        var receipt = await grains.RunAsync(() => grains.Get<IReceiptGrain>(receiptId).GetAsync());
        return receipt is null
            ? Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.ReceiptNotFound, "No such receipt.", $"There is no receipt '{receiptId}'.")
            : TypedResults.Ok(receipt);
    }
}
