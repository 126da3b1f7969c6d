namespace Voting.Grains.Pabulib;

/// <summary>
/// A pabulib file that reads fine but describes an edition this system refuses (422
/// <c>invalid-edition</c>): a value out of bounds, naming its <see cref="Key"/>.
/// </summary>
public sealed class PabulibInvalidException : Exception
{
    public PabulibInvalidException()
    {
        Key = "";
    }

    public PabulibInvalidException(string message) : base(message)
    {
        Key = "";
    }

    public PabulibInvalidException(string message, Exception innerException) : base(message, innerException)
    {
        Key = "";
    }

    public PabulibInvalidException(string key, int line, string message)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Line {line}: {key}: {message}")) => Key = key;

    /// <summary>The META key, PROJECTS column or file property at fault (e.g. <c>max_length</c>, <c>cost</c>, <c>encoding</c>).</summary>
    public string Key { get; }
}
