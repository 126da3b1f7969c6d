namespace Voting.Gateway.Admin;

/// <summary>Admin settings (section <c>Admin</c>). When <see cref="Token"/> is unset one is generated at start and printed.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Token { get; set; }
}
