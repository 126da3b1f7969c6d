using Voting.LoadTests.Cli;

namespace Voting.LoadTests;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        return await Driver.RunAsync(args);
    }
}
