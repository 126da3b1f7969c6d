using Voting.Gateway.Admin;
using Voting.Gateway.Apis;
using Voting.Gateway.Hosting;
using Voting.Gateway.Identity;
using Voting.Gateway.Ops;
using Voting.Gateway.Web;
using Voting.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLoggingDefaults();
builder.AddVotingGateway();
builder.AddOps();
builder.AddVotingCors();

var app = builder.Build();
app.UseTrustedForwardedHeaders();
app.UseManagementSurface();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseVotingCors();
app.UseVotingPages();
app.UseRateLimiter();
app.UseVoterFailureLimit();

app.MapEditionsApi();
app.MapBallotsApi();
app.MapReceiptsApi();
app.MapInitiativesApi();
app.MapProposalsApi();
app.MapVerificationCodesApi();
app.MapAdminEditionsApi();
app.MapAdminInitiativesApi();
app.MapAdminProposalsApi();
app.MapOpsApi();
app.MapOps();
app.MapEmbeddedDashboard();

app.Run();

/// <summary>The gateway's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
