using System.Text.Json;
using System.Text.Json.Serialization;

namespace Voting.Gateway.Ops;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OpsSnapshot))]
internal sealed partial class OpsJsonContext : JsonSerializerContext;
