using Voting.Editions;
using Voting.Gateway.Requests;
using Voting.Gateway.Voters;
using Voting.Grains.Pabulib;

namespace Voting.Gateway.Admin;

/// <summary>
/// Records the VOTES of an imported pabulib file as paper ballots. The file's voters have no
/// PESEL; each gets a voter key derived from the edition and its anonymous voter id.
/// </summary>
public sealed class EditionImporter(PaperBallotRecorder recorder, VoterIdentity identity)
{
    /// <summary>Imported voters have no birth date; they are taken as adults.</summary>
    private static readonly DateOnly UnknownBirthDate = new(1900, 1, 1);

    public async Task<PaperBallotReport> RecordBallotsAsync(Edition edition, IReadOnlyList<PabulibBallot> ballots)
    {
        var paper = ballots.Select(b => (PaperBallot?)new PaperBallot(identity.KeyForImportedVoter(edition.Id, b.VoterId), UnknownBirthDate, null, b.Selections)).ToList();
        return PaperBallotRecorder.Report(await recorder.RecordAsync(edition.Id, paper));
    }
}
