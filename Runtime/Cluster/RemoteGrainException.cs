namespace Voting.Runtime.Cluster;

/// <summary>A silo answered a grain call with an error that retrying cannot fix (a bug, a bad request).</summary>
public sealed class RemoteGrainException(string message) : Exception(message);
