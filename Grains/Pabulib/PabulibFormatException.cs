namespace Voting.Grains.Pabulib;

/// <summary>A pabulib file that cannot be read; the message is meant for the clerk who uploaded it.</summary>
public sealed class PabulibFormatException : Exception
{
    public PabulibFormatException()
    {
    }

    public PabulibFormatException(string message)
        : base(message)
    {
    }

    public PabulibFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Builds the exception with the 1-based line number the problem was found on.</summary>
    public static PabulibFormatException AtLine(int line, string message) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Line {line}: {message}"));
}
