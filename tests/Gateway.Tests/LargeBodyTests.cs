using System.Net;
using System.Text.Json.Nodes;
using Voting.Gateway.Tests.Infrastructure;
using Xunit;

namespace Voting.Gateway.Tests;

/// <summary>
/// A JSON upload larger than Kestrel's request buffer (1 MB) is read whole by the real server
/// (the in-memory test server has no such buffer), whichever way the body parser reads it
/// (small bodies are parsed in the request pipe, uploads are copied out first).
/// </summary>
public sealed class LargeBodyTests
{
    private const string Token = "large-body-token-0123456789abcdefghijk";

    [Fact]
    public async Task RegistryUploadOverOneMegabyte_IsReadWhole()
    {
        var data = Path.Combine(Path.GetTempPath(), "voting-large-body-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data, Token);
            using var admin = gateway.CreateClient(Token);
            var editionId = TestEditions.NewId();
            await (await admin.PostJsonAsync("/api/v1/admin/editions", TestEditions.Sample(editionId))).AssertStatusAsync(HttpStatusCode.Created);
            var pesels = new JsonArray();
            for (var i = 0; i < 100_000; i++)
            {
                pesels.Add(i == 99_999 ? Pesels.NextAdult() : "00000000000"); // invalid ones are only reported: the write stays small
            }
            var upload = new JsonObject { ["pesels"] = pesels };
            Assert.True(upload.ToJsonString().Length > 1_400_000);

            var report = await (await admin.PostJsonAsync($"/api/v1/admin/editions/{editionId}/registry", upload)).AssertStatusAsync(HttpStatusCode.OK);

            Assert.Equal(1, (int)report["added"]!);
            Assert.Equal(99_999, report["invalidPositions"]!.AsArray().Count);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
