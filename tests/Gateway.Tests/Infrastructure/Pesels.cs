namespace Voting.Gateway.Tests.Infrastructure;

/// <summary>Makes valid PESELs for tests: any birth date 1800-2299 and a serial.</summary>
public static class Pesels
{
    private static readonly int[] Weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    private static int _next;

    public static string Make(DateOnly birthDate, int serial)
    {
        var offset = (birthDate.Year / 100) switch { 18 => 80, 19 => 0, 20 => 20, 21 => 40, 22 => 60, _ => throw new ArgumentOutOfRangeException(nameof(birthDate)) };
        return WithCheckDigit($"{birthDate.Year % 100:D2}{birthDate.Month + offset:D2}{birthDate.Day:D2}{serial % 10000:D4}");
    }

    /// <summary>Ten digits plus their correct check digit (the date part is not checked).</summary>
    public static string WithCheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += Weights[i] * (body[i] - '0');
        }
        return body + (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>A fresh adult's PESEL, unique within the test run.</summary>
    public static string NextAdult()
    {
        var n = Interlocked.Increment(ref _next);
        var birth = new DateOnly(1950, 1, 1).AddDays(n / 10000 % 15000);
        return Make(birth, n);
    }
}
