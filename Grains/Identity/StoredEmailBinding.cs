namespace Voting.Grains.Identity;

/// <summary>The one voter an e-mail address confirmed in an edition or initiative (table <c>email_bindings</c>, key: scope and e-mail key).</summary>
public sealed record StoredEmailBinding(string VoterKey);
