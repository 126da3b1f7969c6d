using System.Text.Json;
using System.Text.Json.Serialization;
using Voting.Voters;

namespace Voting.Gateway.Requests;

/// <summary>Source-generated JSON of request bodies and gateway-only answers.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BallotRequest))]
[JsonSerializable(typeof(List<BallotRequest>))]
[JsonSerializable(typeof(SignatureRequest))]
[JsonSerializable(typeof(List<SignatureRequest>))]
[JsonSerializable(typeof(ResidentBallotRequest))]
[JsonSerializable(typeof(ResidentSignatureRequest))]
[JsonSerializable(typeof(Admin.RegistryUpload))]
[JsonSerializable(typeof(Admin.RegistryReport))]
[JsonSerializable(typeof(Admin.PaperSignatureReport))]
[JsonSerializable(typeof(PhaseRequest))]
[JsonSerializable(typeof(PaperBallotReport))]
[JsonSerializable(typeof(BallotReceipt))]
[JsonSerializable(typeof(SignatureReceipt))]
[JsonSerializable(typeof(Admin.CreateInitiativeRequest))]
[JsonSerializable(typeof(ProposalRequest))]
[JsonSerializable(typeof(AuthorRequest))]
[JsonSerializable(typeof(AppealRequest))]
[JsonSerializable(typeof(DecisionRequest))]
[JsonSerializable(typeof(DeliveryRequest))]
[JsonSerializable(typeof(ProposalCreated))]
[JsonSerializable(typeof(Identity.VerificationCodeRequest))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
