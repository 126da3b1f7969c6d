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

    /// <summary>Proposals and supporters: a fresh cycle edition in phase submission (or --edition), seeded with proposals.</summary>
    public async Task<ProposalWorkload> ProposalsAsync(CancellationToken cancellationToken)
    {
        const int seeds = 20;
        var id = Options.Edition;
        if (id is null)
        {
            id = await Fixtures.CreateCycleEditionAsync(Api, time, cancellationToken);
            Options.UseEdition(id);
            EditionCreated = true;
            log.WriteLine($"created edition {id} in phase submission");
        }

        // Authors and supporters from other parts of the PESEL space than voters and signers.
        var authors = new PeselGenerator(Options.Seed + (PeselGenerator.Capacity / 4));
        var seeded = new List<string>();
        for (var i = 0; i < seeds; i++)
        {
            var created = await Api.PostAsync($"/api/v1/editions/{Uri.EscapeDataString(id)}/proposals", ProposalWorkload.ProposalBody(authors.Next(i), "Seed " + i), cancellationToken);
            if (created.Status is not (200 or 201) || created.Field("proposalId") is not { } proposalId)
            {
                throw new InvalidOperationException($"seeding proposal {i} -> {created.Status} {created.Code}");
            }
            seeded.Add(proposalId);
        }
        log.WriteLine($"seeded {seeds} proposals");
        return new ProposalWorkload(Api, id, seeded, new PeselGenerator(Options.Seed + (PeselGenerator.Capacity / 4) + seeds),
            new PeselGenerator(Options.Seed + (3 * PeselGenerator.Capacity / 4)), proposalShare: 0.05, Options.Duplicates);
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
