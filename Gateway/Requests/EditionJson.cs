using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Voting.Editions;

namespace Voting.Gateway.Requests;

/// <summary>
/// Reads an edition document sent by an admin. Reflection-based on purpose: the contract's
/// optional members are init-only with defaults (maxDistrictPools 1, duplicatePolicy first-wins…),
/// and the source generator sets every init-only member it sees, missing ones to null or 0; the
/// reflection reader leaves a missing member at its default. Same settings as the source context.
/// </summary>
internal static class EditionJson
{
    public static readonly JsonTypeInfo<Edition> TypeInfo = (JsonTypeInfo<Edition>)new JsonSerializerOptions(GatewayJsonContext.Default.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    }.GetTypeInfo(typeof(Edition));
}
