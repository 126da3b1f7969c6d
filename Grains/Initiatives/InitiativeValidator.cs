using System.Text.RegularExpressions;
using Voting.Initiatives;

namespace Voting.Grains.Initiatives;

/// <summary>Checks an initiative before it is stored.</summary>
public static partial class InitiativeValidator
{
    public static IReadOnlyList<string> Validate(Initiative initiative)
    {
        var errors = new List<string>();
        if (!IdPattern().IsMatch(initiative.Id))
        {
            errors.Add($"id '{initiative.Id}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (string.IsNullOrWhiteSpace(initiative.Title))
        {
            errors.Add("title is empty.");
        }
        if (initiative.Threshold < 1)
        {
            errors.Add("threshold must be at least 1.");
        }
        if (initiative.CollectUntil <= initiative.CollectFrom)
        {
            errors.Add("collectUntil must be after collectFrom.");
        }
        return errors;
    }

    /// <summary>The statutory signature threshold (art. 41a): 100 up to 5,000 residents, 200 up to 20,000, 300 above.</summary>
    public static int StatutoryThreshold(long population) => population switch
    {
        <= 5_000 => 100,
        <= 20_000 => 200,
        _ => 300,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
