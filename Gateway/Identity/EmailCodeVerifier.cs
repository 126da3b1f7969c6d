using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Voting.Gateway.Hosting;
using Voting.Gateway.Problems;
using Voting.Gateway.Requests;
using Voting.Gateway.Voters;
using Voting.Identity;

namespace Voting.Gateway.Identity;

/// <summary>
/// <c>email-code</c> mode at the gateway: issues codes (the clear code goes only to the outbox
/// row; the ledger keeps HMACs with the deployment's secret) and checks the code a resident
/// request carries in <c>voter.code</c>.
/// </summary>
public sealed class EmailCodeVerifier(VoterIdentity identity, GrainCalls grains)
{
    /// <summary>Queues a code for the person with <paramref name="pesel"/>; for a PESEL that is not valid, nothing happens (the caller answers 202 alike).</summary>
    public async Task IssueAsync(string pesel, string email, string language)
    {
        if (!identity.TryResolve(pesel, out var voter))
        {
            return;
        }
        var code = RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, VerificationCodes.Digits)).ToString("D" + VerificationCodes.Digits, CultureInfo.InvariantCulture);
        var issue = new CodeIssue(CodeHash(voter.Key, code), identity.KeyedHash("email:" + email), email, code, language);
        await grains.RunAsync(async () =>
        {
            await grains.Get<IVerificationCodeGrain>(voter.Key).IssueAsync(issue);
            return true;
        });
    }

    /// <summary>
    /// The voter of a resident request in <c>email-code</c> mode, or the problem to answer (nothing
    /// is recorded then). <paramref name="canonicalBody"/> identifies the request with the route:
    /// its replays pass with the same code, any other request does not. If the request is then
    /// refused for its content (a 4xx), the code is released for the corrected request.
    /// </summary>
    public async Task<(Voter Voter, ProblemHttpResult? Problem)> ConfirmAsync(HttpContext context, ResidentVoterDto? stated, string part, byte[] canonicalBody)
    {
        if (stated?.Pesel is not { } pesel)
        {
            return (default, Problem.Malformed($"The body has no '{part}.pesel'."));
        }
        if (!identity.TryResolve(pesel, out var voter))
        {
            return (default, Problem.InvalidPesel());
        }
        if (!LooksLikeCode(stated.Code))
        {
            return (default, Problem.CodeRequired());
        }
        var requestKey = RequestKey(context.Request, canonicalBody);
        var redemption = new CodeRedemption(CodeHash(voter.Key, stated.Code!), requestKey, BindingScope(context.Request.RouteValues));
        var grain = grains.Get<IVerificationCodeGrain>(voter.Key);
        var check = await grains.RunAsync(() => grain.RedeemAsync(redemption));
        if (check == CodeCheck.Refused)
        {
            // The voter goes with the refusal so that the wrong code counts as a failed attempt (VoterFailureLimiter).
            return (voter, Problem.CodeRequired());
        }
        if (check == CodeCheck.Fresh)
        {
            // Only a code this request just took is given back: a replay's 4xx says nothing about the first answer.
            context.Response.OnStarting(async () =>
            {
                if (context.Response.StatusCode is >= 400 and < 500)
                {
                    await ReleaseAsync(grain, requestKey);
                }
            });
        }
        return (voter, null);
    }

    /// <summary>A failed release only leaves the code used (the same request still passes): never a reason to fail the answer.</summary>
    private async Task ReleaseAsync(IVerificationCodeGrain grain, string requestKey)
    {
        try
        {
            await grains.RunAsync(async () =>
            {
                await grain.ReleaseAsync(requestKey);
                return true;
            });
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or Failures.UnavailableException or Failures.OutcomeUnknownException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            // Kept used: the resident asks for a new code.
        }
    }

    private string CodeHash(string voterKey, string code) => identity.KeyedHash($"code:{voterKey}:{code}");

    private static bool LooksLikeCode(string? code) => code is { Length: >= 6 and <= 8 } && code.All(char.IsAsciiDigit);

    /// <summary>Hash of method, path and the body as read (the code included).</summary>
    private static string RequestKey(HttpRequest request, byte[] canonicalBody)
    {
        var head = Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. head, .. canonicalBody]));
    }

    /// <summary>Where an e-mail address may confirm only one voter: the edition or the initiative of the route.</summary>
    private static string BindingScope(RouteValueDictionary route) =>
        route.TryGetValue("editionId", out var edition) && edition is string editionId ? "edition:" + editionId
        : route.TryGetValue("initiativeId", out var initiative) && initiative is string initiativeId ? "initiative:" + initiativeId
        : "global";
}
