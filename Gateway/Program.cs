using Voting.Gateway.Admin;
using Voting.Gateway.Apis;
using Voting.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddVotingGateway();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();

app.MapEditionsApi();
app.MapBallotsApi();
app.MapReceiptsApi();
app.MapInitiativesApi();
app.MapAdminEditionsApi();
app.MapAdminInitiativesApi();
app.MapOpsApi();

app.Run();

/// <summary>The gateway's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
