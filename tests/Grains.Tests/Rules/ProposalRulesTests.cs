using Voting.Editions;
using Voting.Grains.Editions;
using Voting.Grains.Projects;
using Voting.Grains.Storage;
using Voting.Projects;
using Xunit;
using static Voting.Grains.Tests.Rules.TestEditions;

namespace Voting.Grains.Tests.Rules;

public sealed class ProposalRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static StoredProposal Proposal(string id, string status, long cost = 100, long? verified = null, string pool = "city") =>
        new(id, "author-key", pool, "Title " + id, "Description", cost, null, null, status, [new ProposalHistoryEntry(status, At)], verified);

    [Theory]
    [InlineData("draft", "submission", true)]
    [InlineData("draft", "voting", true)]
    [InlineData("submission", "appeals", true)]
    [InlineData("appeals", "final", true)]
    [InlineData("voting", "appeals", false)]
    [InlineData("closed", "voting", false)]
    [InlineData("verification", "verification", false)]
    [InlineData("final", "final", false)]
    public void RefusePhaseChange_OnlyForwards(string from, string to, bool allowed)
    {
        Assert.Equal(allowed, ProposalRules.RefusePhaseChange(from, to) is null);
    }

    [Theory]
    [InlineData("verification", "submitted", "accepted", "accepted")]
    [InlineData("verification", "submitted", "rejected", "rejected")]
    [InlineData("appeals", "appealed", "accepted", "accepted-on-appeal")]
    [InlineData("appeals", "appealed", "rejected", "rejected-final")]
    public void Decide_MovesByPhaseAndStatus(string phase, string status, string decision, string expected)
    {
        Assert.Equal(expected, ProposalRules.Decide(phase, status, new ProposalDecision(decision, null, "Why.")).Status);
    }

    [Theory]
    [InlineData("verification", "collecting-support", ProposalOutcome.InvalidStatus)]
    [InlineData("appeals", "rejected", ProposalOutcome.InvalidStatus)]
    [InlineData("appeals", "accepted", ProposalOutcome.InvalidStatus)]
    [InlineData("submission", "submitted", ProposalOutcome.PhaseClosed)]
    [InlineData("voting", "appealed", ProposalOutcome.PhaseClosed)]
    public void Decide_WrongPhaseOrStatus_Refused(string phase, string status, ProposalOutcome refusal)
    {
        var (next, outcome, _) = ProposalRules.Decide(phase, status, new ProposalDecision("accepted", null, null));
        Assert.Null(next);
        Assert.Equal(refusal, outcome);
    }

    [Fact]
    public void Decide_RejectionWithoutJustification_Refused()
    {
        Assert.Equal(ProposalOutcome.InvalidDecision, ProposalRules.Decide("verification", "submitted", new ProposalDecision("rejected", null, " ")).Refusal);
    }

    [Fact]
    public void IntoVote_AcceptedProposalsBecomeProjects_WithVerifiedCost()
    {
        var edition = Edition(Pool("city", Approval(), []), Pool("north", Approval(), [("n1", 10)], kind: PoolKind.District, district: "N"));
        var voting = ProposalRules.IntoVote(edition,
        [
            Proposal("p-b", ProposalStatus.AcceptedOnAppeal, cost: 300),
            Proposal("p-a", ProposalStatus.Accepted, cost: 100, verified: 120),
            Proposal("p-c", ProposalStatus.Rejected),
            Proposal("p-d", ProposalStatus.RejectedFinal),
            Proposal("p-e", ProposalStatus.Withdrawn),
            Proposal("p-n", ProposalStatus.Accepted, pool: "north"),
        ]);
        Assert.Equal([("p-a", 120L), ("p-b", 300L)], voting.Pools[0].Projects.Select(p => (p.Id, p.Cost)));
        Assert.Equal(["n1", "p-n"], voting.Pools[1].Projects.Select(p => p.Id));
    }

    [Fact]
    public void IdOf_SameDraftSameId_AnyChangeAnotherId()
    {
        var draft = new ProposalDraft("key", "city", "Trees", "Many trees", 100, null, null);
        Assert.Equal(ProposalRules.IdOf(draft), ProposalRules.IdOf(draft with { }));
        Assert.NotEqual(ProposalRules.IdOf(draft), ProposalRules.IdOf(draft with { AuthorKey = "other" }));
        Assert.NotEqual(ProposalRules.IdOf(draft), ProposalRules.IdOf(draft with { Location = "" }));
    }

    [Fact]
    public void StatusWith_SubmittedExactlyWhenTheCountReachesMinSupporters()
    {
        var proposal = Proposal("p", ProposalStatus.CollectingSupport) with { MinSupporters = 3 };
        Assert.Equal(ProposalStatus.CollectingSupport, proposal.StatusWith(2));
        Assert.Equal(ProposalStatus.Submitted, proposal.StatusWith(3));
        Assert.Same(proposal, proposal.Settled(2, At));
        Assert.Equal(ProposalStatus.Submitted, proposal.Settled(3, At).Status);
    }

    [Fact]
    public void TurnoutOf_ByPoolHourAndChannel()
    {
        var edition = Edition(Pool("city", Approval(), [("c1", 10)]), Pool("north", Approval(), [("n1", 10)], kind: PoolKind.District, district: "N"));
        var sums = new Dictionary<string, long>
        {
            [Tally.BallotsCounter] = 3,
            [Tally.PoolBallotsCounter("city")] = 3,
            [Tally.HourCounter(At.AddHours(1))] = 1,
            [Tally.HourCounter(At)] = 2,
            [Tally.ChannelCounter("online")] = 2,
            [Tally.ChannelCounter("paper")] = 1,
        };
        var turnout = Tally.TurnoutOf(edition, sums);
        Assert.Equal(3, turnout.Ballots);
        Assert.Equal([new PoolTurnout("city", 3), new PoolTurnout("north", 0)], turnout.ByPool);
        Assert.Equal([new HourTurnout(At, 2), new HourTurnout(At.AddHours(1), 1)], turnout.ByHour);
        Assert.Equal(new ChannelTurnout(2, 1), turnout.Channels);
    }
}
