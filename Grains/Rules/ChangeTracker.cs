using System.Numerics;

namespace Voting.Grains.Rules;

/// <summary>
/// Records every comparison an Equal Shares run makes at step k and keeps the first later step at which
/// any of them could come out differently. Below that step the run takes exactly the same decisions.
/// </summary>
internal sealed class ChangeTracker
{
    private readonly long _step;

    public ChangeTracker(long step)
    {
        _step = step;
        NextChange = long.MaxValue;
    }

    /// <summary>The first step &gt; k at which some decision may change; <see cref="long.MaxValue"/> for never.</summary>
    public long NextChange { get; private set; }

    /// <summary>Observes the comparison of left and right (their difference's sign must stay as it is at step k).</summary>
    public void Observe(Affine left, Affine right)
    {
        // The sign of left − right equals the sign of a + b·x with a, b below (denominators are positive).
        var a = (left.A * right.D) - (right.A * left.D);
        var b = (left.B * right.D) - (right.B * left.D);
        var sign = (a + (b * _step)).Sign;
        if (sign == 0)
        {
            if (!a.IsZero || !b.IsZero)
            {
                Lower(_step + 1);
            }
            return;
        }
        if (b.Sign == 0 || b.Sign == sign)
        {
            return;
        }

        // The difference reaches zero at x = -a / b > k; from the first integer at or above it, the decision may flip.
        var numerator = -a;
        var denominator = b;
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (remainder.Sign > 0)
        {
            quotient += 1;
        }
        if (quotient < long.MaxValue)
        {
            Lower((long)quotient);
        }
    }

    private void Lower(long step)
    {
        if (step < NextChange)
        {
            NextChange = step;
        }
    }
}
