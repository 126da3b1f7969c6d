using Xunit;

namespace Voting.Grains.Tests.Pabulib;

/// <summary>Finds the shared pabulib files: a <c>shared/pabulib</c> folder beside the repository root.</summary>
internal static class SharedPabulibFiles
{
    public const string Gdansk = "poland_gdansk_2020_olszynka.pb";
    public const string Krakow = "poland_krakow_2021_bienczyce.pb";
    public const string Warszawa = "poland_warszawa_2019_bielany.pb";
    public const string Zabrze = "poland_zabrze_2021_whole_city.pb";

    public static readonly TheoryData<string> All = new(Gdansk, Krakow, Warszawa, Zabrze);

    private static readonly Lazy<string> Folder = new(Locate);

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder.Value, name));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "pabulib");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            "No shared/pabulib folder found above " + AppContext.BaseDirectory + " (expected ../shared beside the repository).");
    }
}
