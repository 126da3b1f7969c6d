using System.Security.Cryptography;

namespace Voting.Gateway.Hosting;

/// <summary>
/// The secret of the voter-key HMAC: <c>Voting:VoterKeySecret</c> (base64, ≥ 32 bytes), or in
/// embedded mode a secret generated once and kept in the data folder. Losing it means voters
/// can no longer be matched to their ballots, so it is never regenerated over an existing file.
/// </summary>
public static class VoterKeySecret
{
    public const string ConfigKey = "Voting:VoterKeySecret";
    public const string FileName = "voter-key.secret";
    private const int MinBytes = 32;

    public static byte[] Resolve(IConfiguration configuration, string dataFolder, bool mayGenerate)
    {
        var configured = configuration[ConfigKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, ConfigKey);
        }
        if (!mayGenerate)
        {
            throw new InvalidOperationException($"{ConfigKey} must be set (base64 of at least {MinBytes} random bytes, the same on every gateway).");
        }
        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }
        Directory.CreateDirectory(dataFolder);
        var secret = RandomNumberGenerator.GetBytes(MinBytes);
        var temporary = path + ".tmp";
        // Readable by this user only, on disk before it is used: a secret lost in a crash would
        // unlink every voter from their ballot (it cannot be rotated without re-keying the ballots).
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        File.Delete(temporary); // a leftover of a crash keeps its old mode: start afresh
        using (var file = new FileStream(temporary, options))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(secret)));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path);
        return secret;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            return bytes.Length >= MinBytes ? bytes : throw new InvalidOperationException($"{source} must hold at least {MinBytes} bytes (base64).");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not valid base64.");
        }
    }
}
