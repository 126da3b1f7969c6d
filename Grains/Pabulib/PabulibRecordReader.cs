using System.Text;

namespace Voting.Grains.Pabulib;

/// <summary>One `;`-separated record and the line it starts on.</summary>
internal readonly record struct PabulibRecord(int Line, IReadOnlyList<string> Fields)
{
    public bool IsBlank => Fields.Count == 1 && string.IsNullOrWhiteSpace(Fields[0]);

    public bool IsMarker(string marker) =>
        Fields.Count == 1 && string.Equals(Fields[0].Trim(), marker, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Splits text into records the way python's csv module reads them (delimiter `;`, quote `"`, doubled quotes).</summary>
internal static class PabulibRecordReader
{
    private const char Delimiter = ';';
    private const char Quote = '"';

    public static IEnumerable<PabulibRecord> Read(string text)
    {
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (position < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var atFieldStart = true;
            var endOfRecord = false;
            while (position < text.Length && !endOfRecord)
            {
                var c = text[position++];
                if (quoted)
                {
                    if (c == Quote)
                    {
                        if (position < text.Length && text[position] == Quote)
                        {
                            field.Append(Quote);
                            position++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case Quote when atFieldStart:
                        quoted = true;
                        atFieldStart = false;
                        break;
                    case Delimiter:
                        fields.Add(field.ToString());
                        field.Clear();
                        atFieldStart = true;
                        break;
                    case '\r':
                        if (position < text.Length && text[position] == '\n')
                        {
                            position++;
                        }
                        line++;
                        endOfRecord = true;
                        break;
                    case '\n':
                        line++;
                        endOfRecord = true;
                        break;
                    default:
                        field.Append(c);
                        atFieldStart = false;
                        break;
                }
            }
            if (quoted)
            {
                throw PabulibFormatException.AtLine(start, "a quoted value is never closed (missing '\"').");
            }
            fields.Add(field.ToString());
            yield return new PabulibRecord(start, fields);
        }
    }
}
