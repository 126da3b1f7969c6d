using System.Numerics;

namespace Voting.Grains.Rules;

/// <summary>
/// An exact affine function of the Add1 step x: (A + B·x) / D with integers, D &gt; 0, kept in lowest terms.
/// Equal Shares runs track every amount of money as one of these, so a run at step k also tells
/// for which later steps the same decisions would be taken.
/// </summary>
internal readonly struct Affine
{
    public Affine(BigInteger a, BigInteger b, BigInteger d)
    {
        if (d.Sign < 0)
        {
            a = -a;
            b = -b;
            d = -d;
        }
        var gcd = BigInteger.GreatestCommonDivisor(BigInteger.GreatestCommonDivisor(a, b), d);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            a /= gcd;
            b /= gcd;
            d /= gcd;
        }
        A = a;
        B = b;
        D = d;
    }

    public BigInteger A { get; }
    public BigInteger B { get; }
    public BigInteger D { get; }

    public static Affine Zero { get; } = new(BigInteger.Zero, BigInteger.Zero, BigInteger.One);

    public bool IsZero => A.IsZero && B.IsZero;

    public static Affine Constant(long value) => new(value, BigInteger.Zero, BigInteger.One);

    /// <summary>The numerator at step x; it has the sign of the value because D &gt; 0.</summary>
    public BigInteger NumeratorAt(long x) => A + (B * x);

    public static Affine operator +(Affine left, Affine right) =>
        left.D == right.D
            ? new(left.A + right.A, left.B + right.B, left.D)
            : new((left.A * right.D) + (right.A * left.D), (left.B * right.D) + (right.B * left.D), left.D * right.D);

    public static Affine operator -(Affine left, Affine right) =>
        left.D == right.D
            ? new(left.A - right.A, left.B - right.B, left.D)
            : new((left.A * right.D) - (right.A * left.D), (left.B * right.D) - (right.B * left.D), left.D * right.D);

    public static Affine operator *(Affine value, BigInteger factor) => new(value.A * factor, value.B * factor, value.D);

    public static Affine operator /(Affine value, BigInteger divisor) => new(value.A, value.B, value.D * divisor);

    /// <summary>The sign of left − right at step x.</summary>
    public static int CompareAt(Affine left, Affine right, long x) =>
        (left.NumeratorAt(x) * right.D).CompareTo(right.NumeratorAt(x) * left.D);
}
