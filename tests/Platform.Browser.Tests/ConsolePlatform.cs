using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Platform.Gateway;
using Platform.Needs;
using Platform.Projects;
using Platform.Resources;
using Platform.Testing;
using Platform.Volunteers;

namespace Platform.Browser.Tests;

/// <summary>
/// The whole platform as a browser meets it: the gateway (console, identity, demo district) and the four services
/// in this process on real PostgreSQL and RabbitMQ, and Debian's Chromium driven by Playwright. Started once for
/// all browser tests.
/// </summary>
public sealed class ConsolePlatform : TestInfrastructure
{
    private static readonly (string Name, Func<string[], WebApplication> Build)[] Services =
    [
        ("needs", NeedsService.Build),
        ("resources", ResourcesService.Build),
        ("projects", ProjectsService.Build),
        ("volunteers", VolunteersService.Build),
    ];

    private readonly List<InProcessHost> hosts = [];
    private IPlaywright? playwright;

    public Uri Address { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // Services find the issuer's signing keys at its address, so the gateway's address is chosen before anything starts.
        var gatewayAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var issuer = gatewayAddress.ToString().TrimEnd('/');
        var gatewaySettings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = await CreateDatabaseAsync(GatewayHost.Name),
            ["ConnectionStrings:RabbitMq"] = RabbitMqUri.ToString(),
            ["Demo:DataFolder"] = Path.Combine(RepositoryRoot.Path, "deploy/demo"),
            ["Identity:Issuer"] = issuer,
        };
        foreach (var (name, build) in Services)
        {
            var service = await InProcessHost.StartAsync(build, new Dictionary<string, string>
            {
                ["ConnectionStrings:Postgres"] = await CreateDatabaseAsync(name),
                ["ConnectionStrings:RabbitMq"] = RabbitMqUri.ToString(),
                ["Identity:Authority"] = issuer,
                ["Identity:RequireHttpsMetadata"] = "false",
            });
            hosts.Add(service);
            gatewaySettings[$"ReverseProxy:Clusters:{name}:Destinations:primary:Address"] = service.Address.ToString();
        }
        hosts.Add(await InProcessHost.StartAsync(GatewayHost.Build, gatewaySettings, gatewayAddress));
        Address = gatewayAddress;

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own sessionStorage) on the console's sign-in page.</summary>
    public async Task<ConsolePage> OpenConsoleAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return new ConsolePage(page);
    }

    public override async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.CloseAsync();
            playwright.Dispose();
        }
        // The gateway first: it is the last started and the one that calls the others.
        for (var index = hosts.Count - 1; index >= 0; index--) await hosts[index].DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsolePlatform>
{
    public const string Name = "console";
}
