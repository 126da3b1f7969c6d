namespace Voting.Cluster.Tests.Infrastructure;

/// <summary>Valid, distinct PESELs: birth dates from 1950 on, serials 0000-9999, correct check digit.</summary>
public static class Pesels
{
    private static readonly int[] Weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

    public static string Of(int index)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(index / 10000);
        var month = birth.Year >= 2000 ? birth.Month + 20 : birth.Month;
        var digits = $"{birth.Year % 100:D2}{month:D2}{birth.Day:D2}{index % 10000:D4}";
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += Weights[i] * (digits[i] - '0');
        }
        return digits + ((10 - sum % 10) % 10);
    }
}
