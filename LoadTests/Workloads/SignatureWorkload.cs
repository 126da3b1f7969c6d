using System.Text.Json.Nodes;
using Voting.LoadTests.Http;
using Voting.LoadTests.Load;
using Voting.LoadTests.Model;

namespace Voting.LoadTests.Workloads;

/// <summary>Signs an initiative: each arrival is a new adult signer, expecting 201.</summary>
public sealed class SignatureWorkload(ApiClient api, string initiativeId, PeselGenerator pesels)
{
    private readonly string _path = $"/api/v1/initiatives/{Uri.EscapeDataString(initiativeId)}/signatures";
    private long _signers = -1;
    private long _created;

    public string InitiativeId => initiativeId;

    /// <summary>Distinct signers that got 201.</summary>
    public long Created => Interlocked.Read(ref _created);

    public async Task<Outcome> ExecuteAsync(long index, CancellationToken cancellationToken)
    {
        var pesel = pesels.Next(Interlocked.Increment(ref _signers));
        var body = ApiClient.Serialize(new JsonObject { ["voter"] = new JsonObject { ["pesel"] = pesel } });
        var response = await api.PostAsync(_path, body, cancellationToken);
        if (response.Status == 201)
        {
            Interlocked.Increment(ref _created);
        }

        return new Outcome("signature", response.Status, response.Code, response.Status == 201);
    }
}
