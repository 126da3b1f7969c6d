namespace Voting.LoadTests.Load;

/// <summary>
/// What one request produced. <see cref="Status"/> is 0 when no HTTP answer came back
/// (then <see cref="Code"/> is <c>timeout</c> or <c>transport-error</c>); <see cref="Code"/>
/// is otherwise the problem <c>code</c> of a 4xx/5xx answer. <see cref="Ok"/> means "as expected".
/// </summary>
public readonly record struct Outcome(string Operation, int Status, string? Code, bool Ok);
