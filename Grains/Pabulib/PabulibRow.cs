namespace Voting.Grains.Pabulib;

/// <summary>One data row of a PROJECTS or VOTES table: values by column name, in column order.</summary>
public sealed class PabulibRow
{
    private readonly IReadOnlyList<string> _columns;
    private readonly IReadOnlyList<string> _values;

    public PabulibRow(int line, IReadOnlyList<string> columns, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count != values.Count)
        {
            throw new ArgumentException("A row needs one value per column.", nameof(values));
        }
        Line = line;
        _columns = columns;
        _values = values;
    }

    /// <summary>The 1-based line the row starts on.</summary>
    public int Line { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The values, in column order.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>The value of a column; throws <see cref="KeyNotFoundException"/> when the table has no such column.</summary>
    public string this[string column] =>
        TryGet(column, out var value) ? value : throw new KeyNotFoundException($"No column '{column}'.");

    public bool TryGet(string column, out string value)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (string.Equals(_columns[i], column, StringComparison.Ordinal))
            {
                value = _values[i];
                return true;
            }
        }
        value = "";
        return false;
    }

    /// <summary>The value of a column, or null when the column is absent.</summary>
    public string? Get(string column) => TryGet(column, out var value) ? value : null;
}
