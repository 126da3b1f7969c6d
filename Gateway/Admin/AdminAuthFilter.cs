using System.Security.Cryptography;
using System.Text;
using Voting.Gateway.Problems;

namespace Voting.Gateway.Admin;

/// <summary>Admin endpoints need <c>Authorization: Bearer &lt;Admin:Token&gt;</c>; anything else is 401 <c>unauthorized</c>.</summary>
internal sealed class AdminAuthFilter(AdminToken token) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !token.Matches(header[Scheme.Length..].Trim()))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Admin token missing or wrong.", "Send Authorization: Bearer <Admin:Token>.");
        }
        return await next(context);
    }
}

/// <summary>The admin token of this deployment, compared in constant time.</summary>
public sealed class AdminToken(string value)
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(value);

    public string Value { get; } = value;

    public bool Matches(string candidate) => CryptographicOperations.FixedTimeEquals(_bytes, Encoding.UTF8.GetBytes(candidate));
}
