using System.Text.RegularExpressions;
using Voting.Gateway.Problems;

namespace Voting.Gateway.Requests;

/// <summary>
/// Ids in routes (edition, initiative, receipt, project) checked for format and length before any
/// grain is touched: an ill-formed id is an unknown id (404 with its code), and costs no grain
/// activation. Editions, initiatives and projects take 1-64 letters, digits, '.', '_' or '-',
/// starting with a letter or digit (as their validators demand when they are created);
/// receipts are 32 lowercase hex digits.
/// </summary>
public static partial class RouteIds
{
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static bool IsReceiptId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Adds the id check to every endpoint of the group.</summary>
    public static RouteGroupBuilder WithIdChecks(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(static (context, next) =>
        {
            var problem = Check(context.HttpContext.Request.RouteValues);
            return problem is null ? next(context) : ValueTask.FromResult<object?>(problem);
        });
        return group;
    }

    private static IResult? Check(RouteValueDictionary values)
    {
        if (values.TryGetValue("editionId", out var edition) && !IsId(edition as string))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.EditionNotFound, "No such edition.", "There is no edition with this id.");
        }
        if (values.TryGetValue("initiativeId", out var initiative) && !IsId(initiative as string))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.InitiativeNotFound, "No such initiative.", "There is no initiative with this id.");
        }
        if (values.TryGetValue("receiptId", out var receipt) && !IsReceiptId(receipt as string))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.ReceiptNotFound, "No such receipt.", "There is no receipt with this id.");
        }
        if (values.TryGetValue("projectId", out var project) && !IsId(project as string))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such project.", "There is no project with this id.");
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
