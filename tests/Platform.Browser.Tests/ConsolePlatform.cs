using Microsoft.Playwright;
using Platform.SystemUnderTest;

namespace Platform.Browser.Tests;

/// <summary>
/// The whole platform as a browser meets it: the gateway (console, identity, demo district) and the four services
/// in this process on real PostgreSQL and RabbitMQ, and Debian's Chromium driven by Playwright. Started once for
/// all browser tests.
/// </summary>
public sealed class ConsolePlatform : RunningPlatform
{
    private IPlaywright? playwright;

    public Uri Address => Gateway;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Every browser test signs in from 127.0.0.1, more than the 60 sign-ins a minute one address is allowed (CI's run
    /// was refused 登录尝试过于频繁 once the suite grew). The limit itself is the security tests' to check.
    /// </summary>
    protected override IDictionary<string, string> GatewayOverrides => new Dictionary<string, string>
    {
        ["Gateway:LoginAttemptsPerIpPerMinute"] = "6000",
    };

    /// <summary>A 12345 hotline's key, so that a test can send a need with a photo as a GeoReport client does.</summary>
    public string Open311ApiKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    protected override IDictionary<string, string> ServiceOverrides(string serviceName) => serviceName != "needs"
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>
        {
            ["Open311:Channels:0:ChannelId"] = "hotline-12345",
            ["Open311:Channels:0:Name"] = "12345热线",
            ["Open311:Channels:0:ApiKey"] = Open311ApiKey,
        };

    /// <summary>The volunteers' year before the needs': each side of the micro-wishes relays what its demo wrote, and
    /// the board must already hold the wishes Needs publishes, or it would post them anew and the demo's claims and
    /// fulfilments would find their streams taken.</summary>
    protected override async Task LoadDemoAsync()
    {
        await DemoDistrict.LoadVolunteersAsync(ServiceHost("volunteers"));
        await DemoDistrict.LoadNeedsAsync(ServiceHost("needs"), withMicroWishes: true);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The 资源清单's pages are read as a district reads them: with the demo year of units, agreements and bookings.
        await DemoDistrict.LoadResourcesAsync(ServiceHost("resources"));
        // And the 项目清单's with the meetings and projects of the demo year.
        await DemoDistrict.LoadProjectsAsync(ServiceHost("projects"));
        // Debian's Chromium, never a downloaded browser; the flags keep it off the network this machine does not have.
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A desktop's window.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };

    /// <summary>A volunteer's or a grid worker's phone (an iPhone 12–15's CSS width).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A fresh browser context (its own sessionStorage) on the console's sign-in page.</summary>
    public async Task<ConsolePage> OpenConsoleAsync(ViewportSize? viewport = null)
    {
        var phone = viewport?.Width < 600;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = viewport ?? Desktop,
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
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
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsolePlatform>
{
    public const string Name = "console";
}
