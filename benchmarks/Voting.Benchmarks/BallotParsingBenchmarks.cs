using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voting.Editions;
using Voting.Gateway.Requests;
using Voting.Grains.Voters;
using Voting.Voters;

namespace Voting.Benchmarks;

/// <summary>
/// A ballot request's body read into the request record (the gateway), then the edition's rules
/// checked and the ballot made canonical (the voter grain), and the receipt written as the 201's
/// body. One HttpContext is reused, as Kestrel reuses one per connection.
/// </summary>
public class BallotParsingBenchmarks
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes(BenchmarkData.Body);
    private readonly DefaultHttpContext _context = new();
    private readonly MemoryStream _bodyStream = new();
    private readonly MemoryStream _responseStream = new();
    private readonly DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private Edition _edition = null!;
    private BallotReceipt _receipt = null!;

    [GlobalSetup]
    public void Setup()
    {
        _edition = BenchmarkData.Edition("bench", _now);
        _receipt = new BallotReceipt("0123456789abcdef0123456789abcdef", "bench", _now);
        _bodyStream.Write(_body);
        var services = new ServiceCollection().AddLogging();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, VotingJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, GatewayJsonContext.Default);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        _context.RequestServices = services.BuildServiceProvider();
        _context.Request.ContentType = "application/json";
        _context.Request.Body = _bodyStream;
        _context.Response.Body = _responseStream;
    }

    [Benchmark]
    public async Task<ResidentBallotRequest?> ParseBody()
    {
        _bodyStream.Position = 0;
        _context.Request.ContentLength = _body.Length;
        var (request, problem) = await JsonBody.ReadAsync(_context.Request, GatewayJsonContext.Default.ResidentBallotRequest);
        return problem is null ? request : throw new InvalidOperationException("The benchmark's body was refused.");
    }

    [Benchmark]
    public async Task<CastResult?> ParseAndCheckRules()
    {
        var request = await ParseBody();
        var command = new CastBallot("bench", request!.Selections, BenchmarkData.BirthDate, request.Voter?.District, null);
        var refusal = VotingGate.Check(_edition, command, _now);
        BallotCanon.Normalize(_edition, command.Selections);
        return refusal;
    }

    [Benchmark]
    public async Task WriteReceipt()
    {
        _responseStream.Position = 0;
        await TypedResults.Created($"/api/v1/receipts/{_receipt.ReceiptId}", _receipt).ExecuteAsync(_context);
    }
}
