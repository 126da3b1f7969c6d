using Voting.Cluster.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(AzuriteServer))]
