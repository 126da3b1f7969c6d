using Voting.LoadTests.Cli;
using Voting.LoadTests.Http;
using Voting.LoadTests.Model;
using Voting.LoadTests.Workloads;

namespace Voting.LoadTests.Scenarios;

/// <summary>What scenarios share: the client, the options, and the setup of editions and initiatives.</summary>
public sealed class ScenarioContext(ApiClient api, DriverOptions options, TimeProvider time, TextWriter log)
{
    public ApiClient Api { get; } = api;

    public DriverOptions Options { get; } = options;

    public bool EditionCreated { get; private set; }

    public bool InitiativeCreated { get; private set; }

    public async Task<VoteWorkload> VotesAsync(CancellationToken cancellationToken)
    {
        var edition = await Fixtures.LoadEditionAsync(Api, await EditionIdAsync(cancellationToken), cancellationToken);
        if (edition.Phase != "voting")
        {
            log.WriteLine($"warning: edition {edition.Id} is in phase '{edition.Phase}', votes will get 409 voting-not-open");
        }

        log.WriteLine($"edition {edition.Id}: {edition.Pools.Count} pool(s): " + string.Join(", ", edition.Pools.Select(p => $"{p.Id}/{p.Kind}/{p.Ballot.Type}/{p.Projects.Count}p")));
        return new VoteWorkload(Api, new BallotFactory(edition), new PeselGenerator(Options.Seed), Options.Duplicates);
    }

    public async Task<SignatureWorkload> SignaturesAsync(CancellationToken cancellationToken)
    {
        string id;
        if (Options.Initiative is not null)
        {
            id = Options.Initiative;
        }
        else
        {
            id = await Fixtures.CreateInitiativeAsync(Api, time, cancellationToken);
            InitiativeCreated = true;
            log.WriteLine($"created initiative {id}");
        }

        // Signers come from the other half of the PESEL space than voters.
        return new SignatureWorkload(Api, id, new PeselGenerator(Options.Seed + (PeselGenerator.Capacity / 2)));
    }

    public async Task<string> EditionIdAsync(CancellationToken cancellationToken)
    {
        if (Options.Edition is not null)
        {
            return Options.Edition;
        }

        var id = await Fixtures.CreateEditionAsync(Api, time, log, cancellationToken);
        Options.UseEdition(id);
        EditionCreated = true;
        log.WriteLine($"created edition {id}");
        return id;
    }
}
