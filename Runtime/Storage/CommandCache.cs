using System.Data.Common;

namespace Voting.Runtime.Storage;

/// <summary>Prepared commands of one transaction, reused across the units of a batch.</summary>
internal sealed class CommandCache(DbConnection connection, DbTransaction? transaction)
{
    private readonly Dictionary<string, CachedCommand> _commands = [];

    public CachedCommand Get(string name, Func<string> sql, params string[] parameterNames)
    {
        if (!_commands.TryGetValue(name, out var cached))
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql();
            foreach (var parameterName in parameterNames)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = parameterName;
                command.Parameters.Add(parameter);
            }
            cached = new CachedCommand(command);
            _commands[name] = cached;
        }
        return cached;
    }
}

internal sealed class CachedCommand(DbCommand command)
{
    public Task<int> RunAsync(CancellationToken cancellationToken, params object[] values)
    {
        Bind(values);
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<DbDataReader> ReadAsync(CancellationToken cancellationToken, params object[] values)
    {
        Bind(values);
        return command.ExecuteReaderAsync(cancellationToken);
    }

    private void Bind(object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
