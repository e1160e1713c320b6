using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Authorization;
using Platform.SystemUnderTest;

namespace Platform.Security.Tests;

/// <summary>The running platform with a signing key the tests know, so they can mint the tokens an attacker or a
/// clock would produce (expired, foreign, tampered).</summary>
public class SecuredPlatform : RunningPlatform
{
    private readonly ECDsa signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override IDictionary<string, string> GatewayOverrides => new Dictionary<string, string>
    {
        ["Identity:SigningKeyPem"] = signingKey.ExportPkcs8PrivateKeyPem(),
    };

    public string MintToken(PlatformUser user, DateTimeOffset issuedAt, TimeSpan lifetime, ECDsa? key = null, string? issuer = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? PlatformSettings.Issuer(Gateway),
            Audience = PlatformAuthentication.Audience,
            Subject = new System.Security.Claims.ClaimsIdentity(user.ToClaims()),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key ?? signingKey), SecurityAlgorithms.EcdsaSha256),
        });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        signingKey.Dispose();
    }
}

/// <summary>The security tests that need a running platform share one: the platform is the same for all of them, and
/// every platform more in parallel is a few hundred megabytes and a core's worth of start-up on a two-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class SecuredPlatformCollection : ICollectionFixture<SecuredPlatform>
{
    public const string Name = "secured platform";
}
