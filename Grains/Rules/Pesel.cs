namespace Voting.Grains.Rules;

/// <summary>Validation of the Polish national identification number (PESEL) and age arithmetic.</summary>
public static class Pesel
{
    private const int Length = 11;
    private static readonly int[] Weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

    /// <summary>
    /// Parses a PESEL: exactly 11 ASCII digits, a correct control digit and a real birth date
    /// (the century is encoded in the month: +80 → 1800s, +0 → 1900s, +20 → 2000s, +40 → 2100s, +60 → 2200s).
    /// </summary>
    public static bool TryParse(string? text, out PeselInfo info)
    {
        info = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        Span<int> digits = stackalloc int[Length];
        for (var i = 0; i < Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
            digits[i] = text[i] - '0';
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += digits[i] * Weights[i];
        }
        if ((10 - (sum % 10)) % 10 != digits[10])
        {
            return false;
        }

        var yearInCentury = (digits[0] * 10) + digits[1];
        var encodedMonth = (digits[2] * 10) + digits[3];
        var day = (digits[4] * 10) + digits[5];
        if (!TryDecodeCentury(encodedMonth, out var century, out var month))
        {
            return false;
        }

        var year = century + yearInCentury;
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        info = new PeselInfo(new DateOnly(year, month, day), digits[9] % 2 == 0);
        return true;
    }

    /// <summary>Age in full years on <paramref name="day"/>; someone born on 29 February ages on 1 March in common years.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        if (day.Month < birthDate.Month || (day.Month == birthDate.Month && day.Day < birthDate.Day))
        {
            age--;
        }
        return age;
    }

    private static bool TryDecodeCentury(int encodedMonth, out int century, out int month)
    {
        (century, var offset) = encodedMonth switch
        {
            >= 81 and <= 92 => (1800, 80),
            >= 1 and <= 12 => (1900, 0),
            >= 21 and <= 32 => (2000, 20),
            >= 41 and <= 52 => (2100, 40),
            >= 61 and <= 72 => (2200, 60),
            _ => (0, -1),
        };
        month = encodedMonth - offset;
        return offset >= 0;
    }
}
