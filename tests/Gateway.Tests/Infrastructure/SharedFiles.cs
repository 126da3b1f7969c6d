namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>Finds ../shared next to the repository root.</summary>
public static class SharedFiles
{
    public static string Pabulib(string name) => Path.Combine(Folder("pabulib"), name);

    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"No shared/{name} folder above {AppContext.BaseDirectory}.");
    }

    public static IEnumerable<string> AllPabulibFiles() => Directory.GetFiles(Folder("pabulib"), "*.pb").Order();
}
