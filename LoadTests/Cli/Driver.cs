using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Voting.LoadTests.Audit;
using Voting.LoadTests.Http;
using Voting.LoadTests.Load;
using Voting.LoadTests.Scenarios;

namespace Voting.LoadTests.Cli;

/// <summary>Parses the command line, sets up the scenario, runs the chosen load mode, audits, reports.</summary>
public static class Driver
{
    public const int ExitAuditFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitErrorRate = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        DriverOptions options;
        try
        {
            options = DriverOptions.Parse(args);
        }
        catch (Exception ex) when (ex is FormatException or UriFormatException or ArgumentException or OverflowException)
        {
            Console.Error.WriteLine(ex.Message == "help" ? "" : "error: " + ex.Message);
            Console.Error.WriteLine(DriverOptions.Usage);
            return ExitUsage;
        }

        if (options.Scenario == "selftest")
        {
            return SelfTest.Run(Console.Out);
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        await using var identity = options.Identity != "pesel" || options.Scenario == "identity-helper"
            ? new Identity.IdentityHelper(options.IssuerPort, options.SmtpPort, options.Audience)
            : null;
        if (identity is not null)
        {
            identity.Start(withSmtp: options.Identity == "email-code" || options.Scenario == "identity-helper");
            Console.WriteLine($"identity helper: issuer {identity.Issuer.Issuer} (audience {options.Audience}), SMTP sink 127.0.0.1:{options.SmtpPort}");
        }

        if (options.Scenario == "identity-helper")
        {
            using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                cts.Cancel();
            });
            try
            {
                await Task.Delay(Timeout.Infinite, cts.Token);
            }
            catch (OperationCanceledException)
            {
            }
            Console.WriteLine($"code mails received: {identity!.Mailbox.Received}");
            return 0;
        }

        using var api = new ApiClient(options.BaseUrl, options.Http2, options.MaxConnections, options.Timeout, options.AdminToken);
        Identity.EmailCodeIdentity? codes = null;
        if (options.Identity == "oidc")
        {
            api.Identity = new Identity.OidcIdentity(identity!.Issuer);
        }
        else if (options.Identity == "email-code")
        {
            api.Identity = codes = new Identity.EmailCodeIdentity(identity!.Mailbox);
        }
        var context = new ScenarioContext(api, options, TimeProvider.System, Console.Out);
        ScenarioPlan plan;
        try
        {
            plan = await BuildAsync(context, cts.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            Console.Error.WriteLine("setup failed: " + ex.Message);
            return ExitUsage;
        }

        var json = new JsonObject
        {
            ["scenario"] = plan.Name,
            ["baseUrl"] = options.BaseUrl.ToString(),
            ["http"] = options.Http2 ? "2.0" : "1.1",
            ["edition"] = options.Edition,
            ["initiative"] = plan.Signatures?.InitiativeId,
            ["identity"] = options.Identity,
        };
        var runs = await RunLoadAsync(plan, options, json, cts.Token);

        var exit = 0;
        var failed = runs.Sum(r => r.Failed);
        var completed = runs.Sum(r => r.Completed);
        if (completed > 0 && failed > options.MaxErrorRate * completed && !options.FindMax)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== error rate {failed / (double)completed:P2} > {options.MaxErrorRate:P2}"));
            exit = ExitErrorRate;
        }

        if (codes is not null)
        {
            Console.WriteLine($"email-code: {identity!.Mailbox.Received} code mails received, {codes.Failed} persons without a code");
            json["codeMails"] = identity.Mailbox.Received;
            json["personsWithoutCode"] = codes.Failed;
        }

        if (!await AuditAsync(plan, context, options, json, cts.Token))
        {
            exit = ExitAuditFailed;
        }

        if (options.JsonPath is not null)
        {
            await File.WriteAllTextAsync(options.JsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), CancellationToken.None);
            Console.WriteLine($"wrote {options.JsonPath}");
        }

        return exit;
    }

    private static Task<ScenarioPlan> BuildAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        return context.Options.Scenario switch
        {
            VotePeakScenario.Name => VotePeakScenario.BuildAsync(context, cancellationToken),
            SignatureRushScenario.Name => SignatureRushScenario.BuildAsync(context, cancellationToken),
            SubmissionRushScenario.Name => SubmissionRushScenario.BuildAsync(context, cancellationToken),
            ResultsReadersScenario.Name => ResultsReadersScenario.BuildAsync(context, cancellationToken),
            MixedScenario.Name => MixedScenario.BuildAsync(context, cancellationToken),
            HttpCeilingScenario.Name => HttpCeilingScenario.BuildAsync(context, cancellationToken),
            _ => throw new FormatException($"unknown scenario '{context.Options.Scenario}'"),
        };
    }

    private static async Task<List<RunStats>> RunLoadAsync(ScenarioPlan plan, DriverOptions options, JsonObject json, CancellationToken cancellationToken)
    {
        var drain = options.Timeout + TimeSpan.FromSeconds(2);
        var runs = new List<RunStats>();
        var protocol = options.Http2 ? "HTTP/2 (h2c prior knowledge)" : $"HTTP/1.1 keep-alive, {options.MaxConnections} connections";
        if (options.FindMax)
        {
            Console.WriteLine($"{plan.Name}: find-max from {options.StartRate}/s, steps of {DurationText.Format(options.StepDuration)}, objective p99 <= {options.P99Target.TotalMilliseconds} ms, {protocol}");
            var finder = new FindMax(options.StepDuration, options.P99Target, options.MaxInFlight, drain, Console.Out);
            var best = await finder.RunAsync(options.StartRate, plan.Operation, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== max rate meeting the objective: {best:0}/s"));
            var saturationTime = options.StepDuration * 2;
            Console.WriteLine($"{plan.Name}: closed-loop saturation, {options.Workers} workers for {DurationText.Format(saturationTime)}");
            var saturation = await ClosedLoopRunner.RunAsync($"{plan.Name} saturation ({options.Workers} workers)", options.Workers, saturationTime, plan.Operation, cancellationToken);
            Report.Print(saturation, Console.Out);
            runs.AddRange(finder.Steps);
            runs.Add(saturation);
            json["findMax"] = new JsonObject
            {
                ["maxRateMeetingObjective"] = best,
                ["p99TargetMs"] = options.P99Target.TotalMilliseconds,
                ["steps"] = new JsonArray([.. finder.Steps.Select(s => (JsonNode)Report.ToJson(s))]),
                ["saturation"] = Report.ToJson(saturation),
                ["saturationRate"] = Math.Round(saturation.AchievedRate, 1),
            };
            return runs;
        }

        RunStats run;
        if (options.Closed is { } workers)
        {
            Console.WriteLine($"{plan.Name}: closed loop, {workers} workers for {DurationText.Format(options.Duration)}, {protocol}");
            run = await ClosedLoopRunner.RunAsync($"{plan.Name} closed-loop ({workers} workers)", workers, options.Duration, plan.Operation, cancellationToken);
        }
        else
        {
            var profile = options.Profile(plan.DefaultProfile);
            Console.WriteLine($"{plan.Name}: open model, stages {profile} ({profile.TotalArrivals} arrivals), max in flight {options.MaxInFlight}, {protocol}");
            run = await new ArrivalScheduler(profile, options.MaxInFlight, drain).RunAsync(plan.Name, plan.Operation, cancellationToken);
        }

        Report.Print(run, Console.Out);
        json["runs"] = new JsonArray(Report.ToJson(run));
        runs.Add(run);
        return runs;
    }

    private static async Task<bool> AuditAsync(ScenarioPlan plan, ScenarioContext context, DriverOptions options, JsonObject json, CancellationToken cancellationToken)
    {
        var pass = true;
        if (plan.Votes is { } votes)
        {
            if (options.NoAudit)
            {
                Console.WriteLine("== exactly-once audit: SKIPPED (--no-audit)");
            }
            else if (!context.Api.HasAdminToken)
            {
                Console.WriteLine("== exactly-once audit: SKIPPED (needs --admin-token to close the edition)");
            }
            else
            {
                if (!context.EditionCreated)
                {
                    Console.WriteLine("note: the audit assumes nobody else votes in this edition; use a fresh one (omit --edition)");
                }

                var checks = await new ExactlyOnceAudit(context.Api, votes, options.Receipts).RunAsync(cancellationToken);
                pass &= Report.PrintAudit("exactly-once audit", checks, Console.Out);
                json["audit"] = Report.ToJson(checks);
            }
        }

        if (plan.Signatures is { } signatures && context.InitiativeCreated && !options.NoAudit)
        {
            var check = await SignatureAudit.RunAsync(context.Api, signatures, cancellationToken);
            pass &= Report.PrintAudit("signature audit", [check], Console.Out);
            json["signatureAudit"] = Report.ToJson([check]);
        }

        if (plan.Proposals is { } proposals)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"proposals created {proposals.ProposalsCreated}, supporters 201 {proposals.Created201}, replays matched {proposals.ReplaysMatched}"));
            if (options.NoAudit)
            {
                Console.WriteLine("== supporter audit: SKIPPED (--no-audit)");
            }
            else
            {
                if (!context.EditionCreated)
                {
                    Console.WriteLine("note: the audit assumes nobody else supports the seeded proposals; use a fresh edition (omit --edition)");
                }

                var checks = await SupporterAudit.RunAsync(context.Api, proposals, cancellationToken);
                pass &= Report.PrintAudit("supporter exactly-once audit", checks, Console.Out);
                json["supporterAudit"] = Report.ToJson(checks);
            }
        }

        return pass;
    }
}
