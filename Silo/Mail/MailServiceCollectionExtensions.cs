using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Voting.Silo.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Identity:Mode=email-code</c>, the outbox sender runs here (where the ledger is), with
    /// <c>Identity:Smtp:*</c> validated at start (unless <paramref name="validatedElsewhere"/>: the
    /// embedded gateway validates the whole <c>Identity</c> section itself); in any other mode nothing is added.
    /// </summary>
    public static IServiceCollection AddCodeMailOutbox(this IServiceCollection services, IConfiguration configuration, bool validatedElsewhere = false)
    {
        if (!IsEmailCodeMode(configuration))
        {
            return services;
        }
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        if (!validatedElsewhere)
        {
            services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        }
        services.AddHostedService<OutboxSender>();
        return services;
    }

    public static bool IsEmailCodeMode(IConfiguration configuration) =>
        string.Equals(configuration["Identity:Mode"], "email-code", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Each failure names its key.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var problems = options.Problems("when Identity:Mode is 'email-code' (the codes go by e-mail)").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
