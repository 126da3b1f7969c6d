using System.Text.Json;
using System.Text.Json.Serialization;
using Voting.Editions;
using Voting.Initiatives;
using Voting.Projects;
using Voting.Receipts;
using Voting.Results;
using Voting.Voters;

namespace Voting;

/// <summary>Source-generated JSON contracts of everything that crosses a process boundary.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Edition))]
[JsonSerializable(typeof(EditionResults))]
[JsonSerializable(typeof(PhaseChange))]
[JsonSerializable(typeof(CastBallot))]
[JsonSerializable(typeof(CastResult))]
[JsonSerializable(typeof(SignInitiative))]
[JsonSerializable(typeof(SignResult))]
[JsonSerializable(typeof(Initiative))]
[JsonSerializable(typeof(InitiativeView))]
[JsonSerializable(typeof(ReceiptView))]
[JsonSerializable(typeof(ProposalView))]
[JsonSerializable(typeof(ProposalPage))]
[JsonSerializable(typeof(SupportReceipt))]
[JsonSerializable(typeof(ProjectView))]
[JsonSerializable(typeof(Turnout))]
[JsonSerializable(typeof(IReadOnlyList<IReadOnlyList<Selection>>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class VotingJsonContext : JsonSerializerContext;
