using JasperFx.Events.Projections;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Platform.Authorization;
using Platform.Contracts.Organization;
using Platform.EventSourcing;
using Platform.EventSourcing.Commands;
using Platform.EventSourcing.Hosting;
using Platform.Gateway.Identity.Accounts;
using Platform.Gateway.Identity.Organization;
using Platform.Gateway.Identity.Tokens;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Identity;

/// <summary>
/// Accounts, tokens and the org tree. In local and demo use the gateway is the token issuer (OpenID Connect discovery
/// and JWKS included, so services find its key the way they would find any issuer's); with <c>Identity:Authority</c>
/// set it accepts an external issuer's tokens instead, and its own login is switched off.
/// </summary>
public static class IdentityModule
{
    public static bool UsesExternalIssuer(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{PlatformAuthentication.SectionName}:Authority"]);

    public static WebApplicationBuilder AddIdentityModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var external = UsesExternalIssuer(builder.Configuration);
        if (!external)
            builder.Configuration.RequireAbsoluteUri($"{PlatformAuthentication.SectionName}:Issuer", "http", "https");

        services.AddHostedService<IdentitySchema>();
        // The module's events live beside its own tables, in the identity schema. The daemon runs the outbox relay,
        // which publishes the org tree to the services; they build their copies from it and wait for it at start.
        services
            .AddPlatformEventStore(IdentitySchema.Name, options =>
            {
                options.RegisterEventTypes(typeof(IdentityModule).Assembly);
                options.AddDecider(OrganizationDecider.Decider);
                options.Projections.Add(new OrganizationReadModel(), ProjectionLifecycle.Inline);
            }, builder.Configuration)
            .AddOutboxRelay(map => map
                .Publish<UnitRegistered>((unit, stored) => new OrganizationUnitRegistered(
                    stored.TenantId, unit.UnitId, unit.Kind, unit.Name, unit.ParentId, unit.StreetId, unit.CommunityId, stored.Version, stored.Timestamp))
                .Publish<UnitRenamed>((unit, stored) => new OrganizationUnitRenamed(stored.TenantId, unit.UnitId, unit.Name, stored.Version, stored.Timestamp))
                .Publish<UnitClosed>((unit, stored) => new OrganizationUnitClosed(stored.TenantId, unit.UnitId, unit.Reason, stored.Version, stored.Timestamp)));

        services.AddSingleton<SigningKeys>();
        services.AddHostedService(provider => provider.GetRequiredService<SigningKeys>());
        services.AddSingleton<TokenService>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<OrganizationQueries>();
        services.AddSingleton<OrganizationCommands>();
        services.AddOrganizationAudit();

        services.AddPlatformAuthentication(builder.Configuration, options =>
        {
            if (external) return;
            // The gateway checks the tokens it issued with the key it holds; no discovery round trip to itself.
            options.Authority = null;
            options.TokenValidationParameters.ValidIssuer = builder.Configuration[$"{PlatformAuthentication.SectionName}:Issuer"];
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeys>((options, keys) =>
        {
            if (external) return;
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [keys.Current];
        });
        services.Configure<AccessRuleOptions>(options => options.AcceptAuthorizationPolicies = true);

        return builder;
    }

    public static WebApplication MapIdentityModule(this WebApplication app)
    {
        app.MapTokenEndpoints(issuesTokens: !UsesExternalIssuer(app.Configuration));
        app.MapOrganizationEndpoints();
        app.MapOrganizationAudit();
        return app;
    }
}
