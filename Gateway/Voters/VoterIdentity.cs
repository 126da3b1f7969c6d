using Voting.Grains.Rules;

namespace Voting.Gateway.Voters;

/// <summary>A voter as the grains know them: a pseudonymous key and a birth date. No PESEL.</summary>
public readonly record struct Voter(string Key, DateOnly BirthDate);

/// <summary>Validates a PESEL and replaces it with the voter key (HMAC with the deployment's secret).</summary>
public sealed class VoterIdentity(VoterKeyDeriver keys)
{
    public bool TryResolve(string pesel, out Voter voter)
    {
        if (!Pesel.TryParse(pesel, out var info))
        {
            voter = default;
            return false;
        }
        voter = new Voter(keys.Derive(pesel), info.BirthDate);
        return true;
    }

    /// <summary>A keyed hash (the voter-key HMAC) of a value that is not a PESEL; <paramref name="prefixedValue"/> starts with its kind ("code:", "email:").</summary>
    public string KeyedHash(string prefixedValue) => keys.Derive(prefixedValue);

    /// <summary>The key of an anonymous voter of an imported file (no PESEL known).</summary>
    public string KeyForImportedVoter(string editionId, string voterId) => keys.Derive($"import:{editionId}:{voterId}");
}
