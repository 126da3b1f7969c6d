using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voting.Runtime.Grains;
using Voting.Runtime.Sharding;

namespace Voting.Runtime.Cluster;

/// <summary>
/// <c>POST /grains/{type}/{key}/{method}</c> with the arguments as a JSON array: runs the call
/// when this silo serves the grain's shard. 200 with the result; 421 <c>{"notOwner":true}</c>
/// when it does not (the caller refreshes its shard map and retries); 503 when the call could
/// not be recorded; 404 for an unknown grain type or method; 400 for unreadable arguments.
/// </summary>
public static class GrainCallEndpoint
{
    public const string Prefix = "/grains/";

    public static IEndpointRouteBuilder MapGrainCalls(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/grains/{type}/{key}/{method}", HandleAsync);
        return routes;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var types = services.GetRequiredService<GrainTypeRegistry>();
        var ownership = services.GetRequiredService<ShardOwnership>();
        var wire = services.GetRequiredService<GrainWire>();
        var (typeName, key, methodName) = Segments(context);
        if (!types.TryGet(typeName, out var type) || !type.TryGetMethod(methodName, out var method))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        object?[] args;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            args = wire.ReadArguments(method, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var shard = StableHash.ShardOf(key, services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.ShardCount);
        if (!ownership.TryEnter(shard, out var call))
        {
            await NotOwnerAsync(context, shard);
            return;
        }
        object? result;
        using (call)
        {
            try
            {
                result = await GrainInvoker.InvokeAsync(services.GetRequiredService<ActivationTable>(), new GrainId(type.Name, key), method, args);
            }
            catch (NotOwnerException)
            {
                ClusterLog.Fenced(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GrainCallEndpoint)), shard);
                await NotOwnerAsync(context, shard);
                return;
            }
            catch (UnavailableException e)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync(e.Message, context.RequestAborted);
                return;
            }
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(wire.WriteResult(method, result), context.RequestAborted);
    }

    private static async Task NotOwnerAsync(HttpContext context, int shard)
    {
        context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"notOwner\":true,\"shard\":{shard}}}", context.RequestAborted);
    }

    /// <summary>The path segments, unescaped exactly once (routing would keep %2F in a key).</summary>
    private static (string Type, string Key, string Method) Segments(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? raw[..query] : raw;
        var parts = path[(path.IndexOf(Prefix, StringComparison.Ordinal) + Prefix.Length)..].Split('/');
        return parts.Length == 3
            ? (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[2]))
            : ("", "", "");
    }
}
