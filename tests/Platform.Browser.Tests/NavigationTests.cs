using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class NavigationTests(ConsolePlatform platform, ITestOutputHelper output)
{
    [Theory]
    [InlineData("district_admin", "区委组织部", "工作台|提醒中心|需求清单|吹哨报到|资源清单|项目清单|志愿服务|部门考评|审计|组织架构|系统状态|接口文档")]
    [InlineData("street_staff", "街道工作人员", "工作台|提醒中心|需求清单|吹哨报到|资源清单|项目清单|志愿服务|部门考评|组织架构")]
    [InlineData("community_staff", "社区工作人员", "工作台|提醒中心|需求清单|吹哨报到|资源清单|项目清单|志愿服务|组织架构")]
    [InlineData("department_staff", "职能部门", "工作台|吹哨报到|部门考评")]
    [InlineData("unit_member", "共建单位", "工作台|本单位共建|我们的任务|微心愿")]
    [InlineData("volunteer", "志愿者", "工作台|志愿服务")]
    [InlineData("resident", "居民", "工作台|我的诉求|微心愿")]
    [InlineData("auditor", "审计", "工作台|提醒中心|审计|需求清单|吹哨报到|资源清单|项目清单|志愿服务")]
    public async Task Each_role_sees_exactly_its_own_navigation(string role, string roleName, string navigation)
    {
        await using var console = await platform.OpenConsoleAsync();
        var login = DemoData.For(role);

        await console.SignInAsync(login);

        await Expect(console.Navigation).ToHaveTextAsync(navigation.Split('|'));
        await Expect(console.UserName).ToHaveTextAsync(login.DisplayName);
        await Expect(console.Role).ToHaveTextAsync(roleName);
        await Expect(console.Page.GetByTestId("dashboard-role")).ToHaveTextAsync(roleName);
        await Expect(console.ReadOnlyBanner).ToHaveCountAsync(role == "auditor" ? 1 : 0);
        // The workbench is the user's work; service health is the administrator's own page, and a module not built yet
        // does not claim to run.
        await Expect(console.Page.GetByTestId("health-strip")).ToHaveCountAsync(0);
        output.WriteLine($"screenshot: {await console.ScreenshotAsync(role)}");
        if (role == "district_admin")
        {
            await console.Page.GetByTestId("nav-system").ClickAsync();
            await Expect(console.Page.GetByTestId("health-needs-state")).ToHaveTextAsync("运行正常");
            await Expect(console.Page.GetByTestId("health-resources-state")).ToHaveTextAsync("运行正常");
            await Expect(console.Page.GetByTestId("health-projects-state")).ToHaveTextAsync("运行正常");
            await Expect(console.Page.GetByTestId("health-volunteers-state")).ToHaveTextAsync("运行正常");
        }
    }

    [Fact]
    public async Task A_module_outside_the_role_is_refused_even_when_its_address_is_typed()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("resident"));

        await console.OpenAsync("#/scores");

        await Expect(console.AccessDenied).ToContainTextAsync("无权访问");
        await Expect(console.Page.GetByTestId("access-denied-reason")).ToContainTextAsync("部门考评");
    }

    [Fact]
    public async Task The_auditor_works_under_a_read_only_banner_on_every_page()
    {
        await using var console = await platform.OpenConsoleAsync();
        await console.SignInAsync(DemoData.For("auditor"));

        await Expect(console.ReadOnlyBanner).ToContainTextAsync("审计只读");
        foreach (var module in new[] { "audit", "needs", "whistles", "resources", "projects", "volunteers" })
        {
            await console.Page.GetByTestId($"nav-{module}").ClickAsync();
            await Expect(console.Page.GetByTestId($"module-{module}")).ToBeVisibleAsync();
            await Expect(console.ReadOnlyBanner).ToContainTextAsync("审计只读");
        }
        output.WriteLine($"screenshot: {await console.ScreenshotAsync("auditor-whistles")}");
    }

    [Fact]
    public async Task Every_page_of_the_district_office_loads_without_script_errors_under_the_gateway_security_policy()
    {
        await using var console = await platform.OpenConsoleAsync();
        var errors = new List<string>();
        console.Page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{message.Text} ({message.Location})"); };
        console.Page.PageError += (_, error) => errors.Add(error);
        console.Page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Request.Method} {response.Url}"); };
        await console.SignInAsync(DemoData.For("district_admin"));

        foreach (var link in await console.Page.GetByTestId("main-nav").Locator("a").AllAsync())
        {
            await link.ClickAsync();
            await Expect(link).ToHaveAttributeAsync("aria-current", "page");
            await Expect(console.Page.Locator(".loading")).ToHaveCountAsync(0);
        }

        Assert.Empty(errors);
    }
}
