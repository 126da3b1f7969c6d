using System.Text.Json;
using System.Text.Json.Serialization;
using Voting.Storage;

namespace Voting.Grains.Identity;

/// <summary>Source-generated JSON of the identity rows.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredCode))]
[JsonSerializable(typeof(StoredEmailBinding))]
[JsonSerializable(typeof(OutboxMail))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;

/// <summary>The tables of <c>email-code</c> identity and their rows.</summary>
public static class IdentityRows
{
    /// <summary>One live code per voter (scope: <see cref="Global"/>).</summary>
    public static readonly RowTable Codes = new("verification_codes", "scope", "voter_key");

    /// <summary>One row per (edition or initiative, e-mail key): the primary key binds an address to one voter there.</summary>
    public static readonly RowTable EmailBindings = new("email_bindings", "scope", "email_key");

    /// <summary>Code e-mails not yet sent (scope: <see cref="PendingMail"/>, key: a random message id).</summary>
    public static readonly RowTable Outbox = new("mail_outbox", "scope", "message_id");

    public static IEnumerable<RowTable> All => [Codes, EmailBindings, Outbox];

    public const string Global = "";

    public const string PendingMail = "pending";

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, typeof(T), IdentityJsonContext.Default);

    public static T Read<T>(string data) => (T)(JsonSerializer.Deserialize(data, typeof(T), IdentityJsonContext.Default)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} row is empty."));
}
