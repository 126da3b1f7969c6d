using System.Text;

namespace Voting.Grains.Pabulib;

/// <summary>Writes delimited rows, quoting a field only when it holds the delimiter, a quote or a line break.</summary>
internal sealed class DelimitedText(char delimiter, string newLine)
{
    private readonly StringBuilder _text = new();

    public DelimitedText Row(params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(delimiter);
            }
            Field(fields[i]);
        }
        _text.Append(newLine);
        return this;
    }

    public override string ToString() => _text.ToString();

    private void Field(string value)
    {
        if (value.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) < 0)
        {
            _text.Append(value);
            return;
        }
        _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
