namespace Voting.Grains.Pabulib;

/// <summary>Reads pabulib text (META, PROJECTS, VOTES; one or more instances) into a <see cref="PabulibDocument"/>.</summary>
public static class PabulibParser
{
    private enum Table
    {
        None,
        Meta,
        Projects,
        Votes,
    }

    /// <summary>Parses a pabulib file; throws <see cref="PabulibFormatException"/> naming the line of the first problem.</summary>
    public static PabulibDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new List<PabulibSection>();
        var editionProjects = new Dictionary<string, int>(StringComparer.Ordinal);
        PabulibSectionBuilder? section = null;
        var table = Table.None;
        var expectHeader = false;
        foreach (var record in PabulibRecordReader.Read(text))
        {
            if (record.IsBlank)
            {
                continue;
            }
            if (record.IsMarker("META"))
            {
                if (section is not null)
                {
                    sections.Add(section.Build());
                }
                section = new PabulibSectionBuilder(record.Line);
                (table, expectHeader) = (Table.Meta, true);
                continue;
            }
            if (section is null)
            {
                throw PabulibFormatException.AtLine(record.Line, "the file must start with a META section.");
            }
            if (record.IsMarker("PROJECTS"))
            {
                if (table != Table.Meta)
                {
                    throw PabulibFormatException.AtLine(record.Line, "PROJECTS must follow META (once per section).");
                }
                (table, expectHeader) = (Table.Projects, true);
                continue;
            }
            if (record.IsMarker("VOTES"))
            {
                if (table != Table.Projects)
                {
                    throw PabulibFormatException.AtLine(record.Line, "VOTES must follow PROJECTS (once per section).");
                }
                (table, expectHeader) = (Table.Votes, true);
                continue;
            }
            if (expectHeader)
            {
                expectHeader = false;
                if (ReadHeader(section, table, record))
                {
                    continue;
                }
            }
            AddRow(section, table, record, editionProjects);
        }
        if (section is null)
        {
            throw new PabulibFormatException("The file has no META section; is it a pabulib (.pb) file?");
        }
        sections.Add(section.Build());
        return new PabulibDocument(sections);
    }

    private static bool ReadHeader(PabulibSectionBuilder section, Table table, PabulibRecord record)
    {
        switch (table)
        {
            case Table.Meta:
                // "key;value" is customary; tolerate a META without it.
                return record.Fields.Count == 2 &&
                       string.Equals(record.Fields[0].Trim(), "key", StringComparison.OrdinalIgnoreCase);
            case Table.Projects:
                section.SetProjectColumns(record);
                return true;
            default:
                section.SetVoteColumns(record);
                return true;
        }
    }

    private static void AddRow(
        PabulibSectionBuilder section, Table table, PabulibRecord record, Dictionary<string, int> editionProjects)
    {
        switch (table)
        {
            case Table.Meta:
                section.AddMeta(record);
                break;
            case Table.Projects:
                section.AddProject(record, editionProjects);
                break;
            case Table.Votes:
                section.AddVote(record);
                break;
            default:
                throw PabulibFormatException.AtLine(record.Line, "unexpected row outside META, PROJECTS or VOTES.");
        }
    }
}
