using System.Security.Cryptography;
using System.Text;
using Voting.Failures;
using Voting.Identity;
using Voting.Storage;

namespace Voting.Grains.Identity;

/// <summary>
/// The live code of one voter. A check reads the code row afresh and every change is a
/// version-guarded write of it, so a second activation of the same key (possible for a moment in
/// a cluster) cannot double-use a code or forget a wrong try: the loser re-reads and decides again.
/// </summary>
[CollectionAgeLimit(Minutes = 1)] // a code is asked for, then used once soon after
internal sealed class VerificationCodeGrain(IGrainStorage storage, TimeProvider time, MailOutboxSignal outbox) : Grain, IVerificationCodeGrain
{
    private StoredRow? _row;
    private bool _loaded;

    private string VoterKey => this.GetPrimaryKeyString();

    public async Task IssueAsync(CodeIssue issue)
    {
        var now = time.GetUtcNow();
        var code = new StoredCode(issue.CodeHash, issue.EmailKey, now + VerificationCodes.Lifetime, 0, null);
        var mail = new OutboxMail(issue.Email, issue.Code, issue.Language, code.ExpiresAt, now, 0);
        var messageId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await LoadAsync(force: attempt > 0);
            if (_row is not null && IdentityRows.Read<StoredCode>(_row.Data) is var live && CoolingDown(live, now))
            {
                return; // the code mailed moments ago stays the one; no second mail (the caller answers 202 alike)
            }
            var data = IdentityRows.Write(code);
            WriteOp guard = _row is null
                ? new InsertRow(IdentityRows.Codes.Name, IdentityRows.Global, VoterKey, data)
                : new ReplaceRow(IdentityRows.Codes.Name, IdentityRows.Global, VoterKey, data, _row.Version);
            var result = await storage.WriteAsync(new WriteUnit([guard, new UpsertRow(IdentityRows.Outbox.Name, IdentityRows.PendingMail, messageId, IdentityRows.Write(mail))]));
            if (result.Outcome == WriteOutcome.Committed)
            {
                _row = new StoredRow(data, (_row?.Version ?? 0) + 1);
                outbox.Pulse();
                return;
            }
        }
        throw new UnavailableException("The code row kept changing under this request; nothing was queued.");
    }

    /// <summary>A live code issued less than <see cref="VerificationCodes.ResendAfter"/> ago, neither used nor killed: no new code yet (no mail flood).</summary>
    private static bool CoolingDown(StoredCode live, DateTimeOffset now) =>
        live.UsedBy is null && live.WrongTries < VerificationCodes.MaxWrongTries && now < live.ExpiresAt - VerificationCodes.Lifetime + VerificationCodes.ResendAfter;

    public async Task<CodeCheck> RedeemAsync(CodeRedemption redemption)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await LoadAsync(force: true); // another activation may have moved the row since
            if (_row is null)
            {
                return CodeCheck.Refused;
            }
            var code = IdentityRows.Read<StoredCode>(_row.Data);
            if (time.GetUtcNow() >= code.ExpiresAt || code.WrongTries >= VerificationCodes.MaxWrongTries)
            {
                return CodeCheck.Refused;
            }
            if (!SameHash(code.CodeHash, redemption.CodeHash))
            {
                if (await TryReplaceAsync(code with { WrongTries = code.WrongTries + 1 }))
                {
                    return CodeCheck.Refused;
                }
                continue;
            }
            if (code.UsedBy is not null)
            {
                return string.Equals(code.UsedBy, redemption.RequestKey, StringComparison.Ordinal) ? CodeCheck.Replay : CodeCheck.Refused;
            }
            if (!await BindEmailAsync(code.EmailKey, redemption.BindingScope))
            {
                return CodeCheck.Refused;
            }
            if (await TryReplaceAsync(code with { UsedBy = redemption.RequestKey }))
            {
                return CodeCheck.Fresh;
            }
        }
        return CodeCheck.Refused;
    }

    public async Task ReleaseAsync(string requestKey)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await LoadAsync(force: true);
            if (_row is null || IdentityRows.Read<StoredCode>(_row.Data) is not { } code || code.UsedBy != requestKey)
            {
                return;
            }
            if (await TryReplaceAsync(code with { UsedBy = null }))
            {
                return;
            }
        }
    }

    /// <summary>True if the address confirms this voter in <paramref name="scope"/>: it already did, or it confirmed nobody there yet (it does now).</summary>
    private async Task<bool> BindEmailAsync(string emailKey, string scope)
    {
        var result = await storage.WriteAsync(new WriteUnit([new InsertRow(IdentityRows.EmailBindings.Name, scope, emailKey, IdentityRows.Write(new StoredEmailBinding(VoterKey)))]));
        return result.Outcome == WriteOutcome.Committed
            || (result.Current is { } current && IdentityRows.Read<StoredEmailBinding>(current.Data).VoterKey == VoterKey);
    }

    private async Task<bool> TryReplaceAsync(StoredCode code)
    {
        var data = IdentityRows.Write(code);
        var result = await storage.WriteAsync(new WriteUnit([new ReplaceRow(IdentityRows.Codes.Name, IdentityRows.Global, VoterKey, data, _row!.Version)]));
        if (result.Outcome != WriteOutcome.Committed)
        {
            return false;
        }
        _row = new StoredRow(data, _row.Version + 1);
        return true;
    }

    private async Task LoadAsync(bool force)
    {
        if (_loaded && !force)
        {
            return;
        }
        _row = await storage.ReadRowAsync(IdentityRows.Codes.Name, IdentityRows.Global, VoterKey);
        _loaded = true;
    }

    private static bool SameHash(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(presented));
}
