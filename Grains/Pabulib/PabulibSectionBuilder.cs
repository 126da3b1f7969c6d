namespace Voting.Grains.Pabulib;

/// <summary>Collects one section while the parser reads it, checking each row as it arrives.</summary>
internal sealed class PabulibSectionBuilder(int line)
{
    private readonly OrderedDictionary<string, string> _meta = new(StringComparer.Ordinal);
    private readonly List<PabulibRow> _projects = [];
    private readonly List<PabulibRow> _votes = [];
    private readonly Dictionary<string, int> _projectLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _voterLines = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _projectColumns;
    private IReadOnlyList<string> _voteColumns = [];

    public int Line { get; } = line;

    public bool HasProjects => _projectColumns is not null;

    public IEnumerable<string> ProjectIds => _projectLines.Keys;

    public void AddMeta(PabulibRecord record)
    {
        if (record.Fields.Count != 2)
        {
            throw PabulibFormatException.AtLine(record.Line,
                $"a META row needs 2 values (key;value), found {record.Fields.Count}.");
        }
        var key = record.Fields[0].Trim();
        if (key.Length == 0)
        {
            throw PabulibFormatException.AtLine(record.Line, "a META row has an empty key.");
        }
        if (!_meta.TryAdd(key, record.Fields[1]))
        {
            throw PabulibFormatException.AtLine(record.Line, $"META key '{key}' appears twice in this section.");
        }
    }

    public void SetProjectColumns(PabulibRecord header)
    {
        _projectColumns = Columns(header, "PROJECTS", "project_id", "cost");
    }

    public void AddProject(PabulibRecord record, IDictionary<string, int> editionProjects)
    {
        var row = Row(record, _projectColumns!, "PROJECTS");
        var id = row["project_id"].Trim();
        if (id.Length == 0)
        {
            throw PabulibFormatException.AtLine(record.Line, "a project has an empty project_id.");
        }
        PabulibLimits.Money("cost", record.Line, row["cost"]);
        if (editionProjects.TryGetValue(id, out var firstLine))
        {
            throw PabulibFormatException.AtLine(record.Line,
                $"project id '{id}' is already used on line {firstLine}; project ids must be unique.");
        }
        editionProjects[id] = record.Line;
        _projectLines[id] = record.Line;
        _projects.Add(row);
    }

    public void SetVoteColumns(PabulibRecord header)
    {
        _voteColumns = Columns(header, "VOTES", "voter_id", "vote");
    }

    public void AddVote(PabulibRecord record)
    {
        var row = Row(record, _voteColumns, "VOTES");
        var voter = row["voter_id"].Trim();
        if (voter.Length == 0)
        {
            throw PabulibFormatException.AtLine(record.Line, "a vote has an empty voter_id.");
        }
        if (!_voterLines.TryAdd(voter, record.Line))
        {
            throw PabulibFormatException.AtLine(record.Line,
                $"voter '{voter}' already voted in this section on line {_voterLines[voter]}.");
        }
        var picks = PabulibNumbers.SplitList(row["vote"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pick in picks)
        {
            if (!_projectLines.ContainsKey(pick))
            {
                throw PabulibFormatException.AtLine(record.Line,
                    $"voter '{voter}' votes for project '{pick}', which is not in this section's PROJECTS.");
            }
            if (!seen.Add(pick))
            {
                throw PabulibFormatException.AtLine(record.Line, $"voter '{voter}' names project '{pick}' twice.");
            }
        }
        if (row.TryGet("points", out var pointsText))
        {
            var points = PabulibNumbers.SplitList(pointsText);
            if (points.Length != picks.Length)
            {
                throw PabulibFormatException.AtLine(record.Line,
                    $"voter '{voter}' has {picks.Length} projects but {points.Length} points values.");
            }
            foreach (var point in points)
            {
                if (!PabulibNumbers.TryParseInt(point, out _))
                {
                    throw PabulibFormatException.AtLine(record.Line,
                        $"voter '{voter}' has points value '{point}', which is not a whole number.");
                }
            }
        }
        _votes.Add(row);
    }

    public PabulibSection Build()
    {
        if (_projectColumns is null)
        {
            throw PabulibFormatException.AtLine(Line, "this section has no PROJECTS table.");
        }
        return new PabulibSection(Line, _meta, _projectColumns, _projects, _voteColumns, _votes);
    }

    private static string[] Columns(PabulibRecord header, string table, params string[] required)
    {
        var columns = header.Fields.Select(f => f.Trim()).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!seen.Add(column))
            {
                throw PabulibFormatException.AtLine(header.Line, $"the {table} header names column '{column}' twice.");
            }
        }
        foreach (var name in required)
        {
            if (!seen.Contains(name))
            {
                throw PabulibFormatException.AtLine(header.Line,
                    $"the {table} header lacks the required column '{name}' (found: {string.Join(";", columns)}).");
            }
        }
        return columns;
    }

    private static PabulibRow Row(PabulibRecord record, IReadOnlyList<string> columns, string table)
    {
        if (record.Fields.Count != columns.Count)
        {
            throw PabulibFormatException.AtLine(record.Line,
                $"a {table} row has {record.Fields.Count} values but the header has {columns.Count} columns.");
        }
        return new PabulibRow(record.Line, columns, record.Fields);
    }
}
