using Voting.Editions;
using Voting.Grains.Storage;
using Voting.Projects;

namespace Voting.Grains.Projects;

/// <summary>Refusals of proposal requests before anything is written: null when the request may go on.</summary>
public static class ProposalChecks
{
    public static ProposalResult? Support(Edition? edition, StoredProposal? proposal, long supporters, string voterKey)
    {
        if (Known(edition, proposal) is { } unknown)
        {
            return unknown;
        }
        if (voterKey == proposal!.AuthorKey)
        {
            return new(ProposalOutcome.InvalidSupport, Detail: "The author cannot support their own proposal.");
        }
        if (edition!.Phase != EditionPhase.Submission)
        {
            return new(ProposalOutcome.PhaseClosed, Detail: $"Proposals are supported in phase submission; the edition is in {edition.Phase}.");
        }
        var status = proposal.StatusWith(supporters);
        return status is ProposalStatus.CollectingSupport or ProposalStatus.Submitted
            ? null
            : new(ProposalOutcome.InvalidSupport, Detail: $"A proposal '{status}' cannot be supported.");
    }

    /// <summary>An author's request: the proposal exists, the caller is its author, the edition is in <paramref name="phase"/>.</summary>
    public static ProposalResult? ByAuthor(Edition? edition, StoredProposal? proposal, string authorKey, string phase, string when)
    {
        if (Known(edition, proposal) is { } unknown)
        {
            return unknown;
        }
        if (authorKey != proposal!.AuthorKey)
        {
            return new(ProposalOutcome.NotAuthor, Detail: "Only the proposal's author may do this.");
        }
        return edition!.Phase == phase ? null : new(ProposalOutcome.PhaseClosed, Detail: $"A proposal is {when}; the edition is in {edition.Phase}.");
    }

    public static ProposalResult? Delivery(Edition? edition, string projectId, Delivery delivery)
    {
        if (edition is null)
        {
            return new(ProposalOutcome.EditionNotFound);
        }
        if (edition.FindPoolOfProject(projectId) is null)
        {
            return new(ProposalOutcome.ProposalNotFound);
        }
        if (edition.Phase != EditionPhase.Final)
        {
            return new(ProposalOutcome.PhaseClosed, Detail: $"Delivery is reported once the edition is final; it is in {edition.Phase}.");
        }
        return DeliveryStatus.IsKnown(delivery.Status) && delivery.Percent is >= 0 and <= 100 && !(delivery.Note?.Length > ProposalRules.MaxReason)
            ? null
            : new(ProposalOutcome.InvalidDelivery, Detail: $"status must be planned, in-progress, done or abandoned; percent 0-100; note at most {ProposalRules.MaxReason} characters.");
    }

    public static ProposalResult? Known(Edition? edition, StoredProposal? proposal) =>
        edition is null ? new(ProposalOutcome.EditionNotFound)
        : proposal is null ? new(ProposalOutcome.ProposalNotFound)
        : null;
}
