using System.Security.Cryptography;
using System.Text;
using Voting.Editions;
using Voting.Grains.Storage;
using Voting.Projects;

namespace Voting.Grains.Projects;

/// <summary>The rules of proposals: what may be submitted, which decision moves which status, what goes to the vote.</summary>
public static class ProposalRules
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 10_000;
    public const int MaxReason = 5_000;

    /// <summary>A proposal id from its author and content, so that the same body sent again names the same proposal.</summary>
    public static string IdOf(ProposalDraft draft)
    {
        var text = string.Join('\u001f', draft.AuthorKey, draft.PoolId, draft.Title, draft.Description,
            draft.CostEstimate.ToString(System.Globalization.CultureInfo.InvariantCulture), draft.Location ?? "\u0000", draft.Category ?? "\u0000");
        return "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Problems of a draft against its edition, or null when it is valid.</summary>
    public static string? Validate(Edition edition, ProposalDraft draft)
    {
        if (edition.Pools.All(p => p.Id != draft.PoolId))
        {
            return $"There is no pool '{draft.PoolId}' in this edition.";
        }
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > MaxTitle)
        {
            return $"title must be 1-{MaxTitle} characters.";
        }
        if (string.IsNullOrWhiteSpace(draft.Description) || draft.Description.Length > MaxDescription)
        {
            return $"description must be 1-{MaxDescription} characters.";
        }
        if (draft.CostEstimate <= 0)
        {
            return "costEstimate must be a positive amount.";
        }
        if (draft.Location?.Length > MaxTitle || draft.Category?.Length > MaxTitle)
        {
            return $"location and category are at most {MaxTitle} characters.";
        }
        return null;
    }

    /// <summary>The status a new proposal starts in.</summary>
    public static string InitialStatus(Pool pool) => pool.MinSupporters <= 0 ? ProposalStatus.Submitted : ProposalStatus.CollectingSupport;

    /// <summary>Why a phase change is refused, or null when the edition may move: only forwards, never out of final.</summary>
    public static string? RefusePhaseChange(string from, string to)
    {
        if (from == EditionPhase.Final)
        {
            return "The edition is final: its results are certified and frozen.";
        }
        if (EditionPhase.IndexOf(to) <= EditionPhase.IndexOf(from))
        {
            return $"An edition moves only forwards: from '{from}' it cannot go to '{to}'.";
        }
        return null;
    }

    /// <summary>The status a decision leads to in this phase, or the refusal.</summary>
    public static (string? Status, ProposalOutcome Refusal, string? Detail) Decide(string phase, string status, ProposalDecision decision)
    {
        if (decision.Decision is not ("accepted" or "rejected"))
        {
            return (null, ProposalOutcome.InvalidDecision, "decision must be accepted or rejected.");
        }
        if (decision.Decision == "rejected" && string.IsNullOrWhiteSpace(decision.Justification))
        {
            return (null, ProposalOutcome.InvalidDecision, "A rejection needs a justification.");
        }
        if (decision.VerifiedCost is <= 0)
        {
            return (null, ProposalOutcome.InvalidDecision, "verifiedCost must be a positive amount.");
        }
        var accepted = decision.Decision == "accepted";
        return phase switch
        {
            EditionPhase.Verification when status == ProposalStatus.Submitted => (accepted ? ProposalStatus.Accepted : ProposalStatus.Rejected, default, null),
            EditionPhase.Appeals when status == ProposalStatus.Appealed => (accepted ? ProposalStatus.AcceptedOnAppeal : ProposalStatus.RejectedFinal, default, null),
            EditionPhase.Verification or EditionPhase.Appeals => (null, ProposalOutcome.InvalidStatus, $"A proposal '{status}' cannot be decided in phase {phase}."),
            _ => (null, ProposalOutcome.PhaseClosed, $"Decisions are taken in verification (and appeals for appealed proposals), not in {phase}."),
        };
    }

    /// <summary>The edition with every accepted proposal added to its pool as a project (id = proposal id, cost = verified or estimated).</summary>
    public static Edition IntoVote(Edition edition, IEnumerable<StoredProposal> proposals)
    {
        var accepted = proposals.Where(p => ProposalStatus.GoesToVote(p.Status)).ToList();
        var pools = edition.Pools.Select(pool =>
        {
            var known = pool.Projects.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var added = accepted
                .Where(p => p.PoolId == pool.Id && !known.Contains(p.ProposalId))
                .OrderBy(p => p.ProposalId, StringComparer.Ordinal)
                .Select(p => new Project { Id = p.ProposalId, Title = p.Title, Cost = p.VerifiedCost ?? p.CostEstimate });
            return pool with { Projects = [.. pool.Projects, .. added] };
        }).ToList();
        return edition with { Pools = pools };
    }
}
