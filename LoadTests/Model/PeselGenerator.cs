namespace Voting.LoadTests.Model;

/// <summary>
/// Deterministic, collision-free generator of valid PESEL numbers for adults.
/// Index n maps to (birth day = First + n / 10000 days, serial = n % 10000), so distinct
/// indexes below <see cref="Capacity"/> give distinct PESELs. A run offset keeps runs apart.
/// </summary>
public sealed class PeselGenerator
{
    private static readonly int[] Weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    private static readonly DateOnly First = new(1930, 1, 1);
    private static readonly DateOnly Last = new(2004, 12, 31);

    private readonly long _offset;

    public PeselGenerator(long offset)
    {
        _offset = ((offset % Capacity) + Capacity) % Capacity;
    }

    public static long Days { get; } = Last.DayNumber - First.DayNumber + 1;

    public static long Capacity { get; } = Days * 10_000;

    /// <summary>The n-th PESEL of this run (unique for n in [0, Capacity)).</summary>
    public string Next(long n)
    {
        var k = (_offset + n) % Capacity;
        var birth = First.AddDays((int)(k / 10_000));
        return Build(birth, (int)(k % 10_000));
    }

    /// <summary>Builds a PESEL from a birth date and a 4-digit serial (the last serial digit encodes sex).</summary>
    public static string Build(DateOnly birth, int serial)
    {
        var monthOffset = (birth.Year / 100) switch
        {
            18 => 80,
            19 => 0,
            20 => 20,
            21 => 40,
            22 => 60,
            _ => throw new ArgumentOutOfRangeException(nameof(birth), "PESEL covers 1800-2299"),
        };
        Span<char> d = stackalloc char[11];
        Put2(d, 0, birth.Year % 100);
        Put2(d, 2, birth.Month + monthOffset);
        Put2(d, 4, birth.Day);
        Put2(d, 6, serial / 100);
        Put2(d, 8, serial % 100);
        d[10] = (char)('0' + Control(d[..10]));
        return new string(d);
    }

    /// <summary>Control digit: (10 - sum(w_i * d_i) mod 10) mod 10 with weights 1,3,7,9,1,3,7,9,1,3.</summary>
    public static int Control(ReadOnlySpan<char> first10)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += Weights[i] * (first10[i] - '0');
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Independent validation used by the self test: digits, checksum and a real calendar date.</summary>
    public static bool TryDecode(string pesel, out DateOnly birth)
    {
        birth = default;
        if (pesel.Length != 11 || !pesel.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (Control(pesel.AsSpan(0, 10)) != pesel[10] - '0')
        {
            return false;
        }

        var yy = int.Parse(pesel.AsSpan(0, 2));
        var mm = int.Parse(pesel.AsSpan(2, 2));
        var dd = int.Parse(pesel.AsSpan(4, 2));
        var century = (mm / 20) switch
        {
            0 => 1900,
            1 => 2000,
            2 => 2100,
            3 => 2200,
            _ => 1800,
        };
        var month = mm % 20;
        var year = century + yy;
        if (month is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        birth = new DateOnly(year, month, dd);
        return true;
    }

    private static void Put2(Span<char> d, int at, int value)
    {
        d[at] = (char)('0' + (value / 10));
        d[at + 1] = (char)('0' + (value % 10));
    }
}
