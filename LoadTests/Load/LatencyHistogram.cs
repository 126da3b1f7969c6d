using System.Numerics;

namespace Voting.LoadTests.Load;

/// <summary>
/// Lock-free log-bucketed latency histogram in microseconds (HdrHistogram is not available in
/// this package registry, so this is a minimal HDR-style one): values below 128 µs are exact,
/// above that every power of two is split into 128 linear sub-buckets, i.e. ≤ 0.8 % relative error.
/// Quantiles report the bucket's upper bound (never under-reports); max is exact.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 7;
    private const int SubCount = 1 << SubBits;
    private const int MaxMagnitude = 40; // 2^40 µs ≈ 12.7 days

    private readonly long[] _buckets = new long[(MaxMagnitude - SubBits + 2) * SubCount];
    private long _count;
    private long _sum;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public long MaxMicros => Interlocked.Read(ref _max);

    public double MeanMicros => Count == 0 ? 0 : Interlocked.Read(ref _sum) / (double)Count;

    public void Record(TimeSpan latency)
    {
        RecordMicros((long)Math.Round(latency.TotalMicroseconds));
    }

    public void RecordMicros(long micros)
    {
        var value = Math.Clamp(micros, 0, (1L << MaxMagnitude) - 1);
        Interlocked.Increment(ref _buckets[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        var seen = Interlocked.Read(ref _max);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref _max, value, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    /// <summary>The smallest bucket upper bound below which at least q of the values lie (0 ≤ q ≤ 1).</summary>
    public long QuantileMicros(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), MaxMicros);
            }
        }

        return MaxMicros;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            var n = Interlocked.Read(ref other._buckets[i]);
            if (n != 0)
            {
                Interlocked.Add(ref _buckets[i], n);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        var otherMax = other.MaxMicros;
        if (otherMax > MaxMicros)
        {
            Interlocked.Exchange(ref _max, otherMax);
        }
    }

    internal static int IndexOf(long value)
    {
        if (value < SubCount)
        {
            return (int)value;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = msb - SubBits;
        return ((shift + 1) * SubCount) + (int)((value >> shift) - SubCount);
    }

    internal static long UpperBound(int index)
    {
        if (index < 2 * SubCount)
        {
            return index;
        }

        var shift = (index / SubCount) - 1;
        var sub = (index % SubCount) + SubCount;
        return ((long)(sub + 1) << shift) - 1;
    }
}
