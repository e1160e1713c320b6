using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Npgsql;

namespace Platform.Needs.Tests.Open311;

/// <summary>
/// GeoReport v2 (http://wiki.open311.org/GeoReport_v2) through the gateway, against the examples of the specification:
/// element names, the XML declaration, the JSON mapping, the arguments and the error format, on real infrastructure.
/// </summary>
public sealed partial class Open311ConformanceTests(Open311Platform platform) : IClassFixture<Open311Platform>
{
    private const string XmlDeclaration = """<?xml version="1.0" encoding="utf-8"?>""";

    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];

    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    private static readonly string[] CreatedFields = ["service_request_id", "token", "service_notice", "account_id"];

    private Open311Client Client() => new(platform.Anonymous());

    /// <summary>The specification's example request, with our key, jurisdiction, a category of ours and a community.</summary>
    private Dictionary<string, string> ExampleRequest(string? description = null) => new()
    {
        ["api_key"] = platform.ApiKey,
        ["jurisdiction_id"] = Open311Platform.Jurisdiction,
        ["service_code"] = "road",
        ["lat"] = "37.76524078",
        ["long"] = "-122.4212043",
        ["address_id"] = "xinghuananli",
        ["email"] = "smit333@sfgov.edu",
        ["device_id"] = "tt222111",
        ["account_id"] = "123456",
        ["first_name"] = "john",
        ["last_name"] = "smith",
        ["phone"] = "111111111",
        ["description"] = description ?? "A large sinkhole is destroying the street",
        ["media_url"] = "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
        ["attribute[WHISPAWN]"] = "123456",
        ["attribute[WHISDORN]"] = "COISL001",
    };

    private async Task<string> CreateAsync(Dictionary<string, string> fields)
    {
        var created = await Client().PostAsync("requests.json", fields);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Json()[0].GetProperty("service_request_id").GetString()!;
    }

    [Fact]
    public async Task Discovery_names_the_GeoReport_v2_endpoint_and_its_formats_in_XML_and_JSON()
    {
        var client = Client();

        var xml = await client.GetAsync("discovery.xml");
        var json = await client.GetAsync("discovery.json");

        AssertXml(xml, HttpStatusCode.OK);
        var discovery = xml.Xml().Root!;
        Assert.Equal("discovery", discovery.Name.LocalName);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], discovery.Elements().Select(element => element.Name.LocalName));
        var endpoint = Assert.Single(discovery.Element("endpoints")!.Elements());
        Assert.Equal("endpoint", endpoint.Name.LocalName);
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value);
        Assert.Equal("production", endpoint.Element("type")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(format => format.Value));

        AssertJson(json, HttpStatusCode.OK);
        var root = json.Json();
        Assert.Equal(discovery.Element("changeset")!.Value, root.GetProperty("changeset").GetString());
        var jsonEndpoint = Assert.Single(root.GetProperty("endpoints").EnumerateArray());
        Assert.Equal(["text/xml", "application/json"], jsonEndpoint.GetProperty("formats").EnumerateArray().Select(format => format.GetString()));
    }

    [Fact]
    public async Task The_service_list_offers_every_category_as_a_realtime_service_without_metadata()
    {
        var client = Client();

        var xml = await client.GetAsync("services.xml");
        var json = await client.GetAsync("services.json?jurisdiction_id=990101");

        AssertXml(xml, HttpStatusCode.OK);
        var services = xml.Xml().Root!;
        Assert.Equal("services", services.Name.LocalName);
        Assert.Equal(30, services.Elements("service").Count());
        foreach (var service in services.Elements())
        {
            Assert.Equal("service", service.Name.LocalName);
            Assert.Equal(ServiceFields, service.Elements().Select(element => element.Name.LocalName));
            Assert.Equal("false", service.Element("metadata")!.Value);
            Assert.Equal("realtime", service.Element("type")!.Value);
        }
        var road = services.Elements().Single(service => service.Element("service_code")!.Value == "road");
        Assert.Equal("道路", road.Element("service_name")!.Value);
        Assert.Equal("一般类", road.Element("group")!.Value);
        Assert.Contains(services.Elements(), service => service.Element("service_code")!.Value == "wish");

        AssertJson(json, HttpStatusCode.OK);
        var items = json.Json().EnumerateArray().ToList();
        Assert.Equal(30, items.Count);
        var jsonRoad = items.Single(item => item.GetProperty("service_code").GetString() == "road");
        Assert.Equal(ServiceFields, jsonRoad.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.False, jsonRoad.GetProperty("metadata").ValueKind);
        Assert.Equal("realtime", jsonRoad.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_service_definition_has_no_attributes_and_an_unknown_service_code_is_a_404()
    {
        var client = Client();

        var xml = await client.GetAsync("services/road.xml");
        var json = await client.GetAsync("services/road.json");

        AssertXml(xml, HttpStatusCode.OK);
        var definition = xml.Xml().Root!;
        Assert.Equal("service_definition", definition.Name.LocalName);
        Assert.Equal("road", definition.Element("service_code")!.Value);
        Assert.Empty(definition.Element("attributes")!.Elements());
        AssertJson(json, HttpStatusCode.OK);
        Assert.Equal("road", json.Json().GetProperty("service_code").GetString());
        Assert.Equal(0, json.Json().GetProperty("attributes").GetArrayLength());

        AssertError(await client.GetAsync("services/no-such-service.xml"), "xml", HttpStatusCode.NotFound, "service_code");
        AssertError(await client.GetAsync("services/no-such-service.json"), "json", HttpStatusCode.NotFound, "service_code");
    }

    [Fact]
    public async Task The_specification_example_request_creates_a_need_whose_id_is_answered_at_once()
    {
        var client = Client();

        var created = await client.PostAsync("requests.xml", ExampleRequest());

        AssertXml(created, HttpStatusCode.Created);
        var root = created.Xml().Root!;
        Assert.Equal("service_requests", root.Name.LocalName);
        var request = Assert.Single(root.Elements());
        Assert.Equal("request", request.Name.LocalName);
        Assert.All(request.Elements(), element => Assert.Contains(element.Name.LocalName, CreatedFields));
        Assert.Null(request.Element("token"));
        var id = request.Element("service_request_id")!.Value;
        Assert.Matches("^N\\d{8}-[0-9A-F]{12}$", id);
        Assert.Contains("兴华南里社区", request.Element("service_notice")!.Value);
        Assert.NotNull(request.Element("account_id"));
        Assert.Equal($"requests/{id}.xml", created.Location);

        var asJson = await client.PostAsync("requests.json", ExampleRequest("Another sinkhole next to the first one"));
        AssertJson(asJson, HttpStatusCode.Created);
        var item = Assert.Single(asJson.Json().EnumerateArray());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("service_request_id").GetString()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("account_id").ValueKind);
    }

    [Fact]
    public async Task A_platform_that_retries_with_its_idempotency_key_gets_the_first_answer_and_one_need()
    {
        var client = Client();
        var key = Guid.NewGuid().ToString();
        var request = ExampleRequest("A sinkhole reported twice by a flaky uplink");

        var first = await client.PostAsync("requests.json", request, key);
        var retry = await client.PostAsync("requests.json", request, key);
        var changed = await client.PostAsync("requests.json", ExampleRequest("A different sinkhole"), key);

        AssertJson(first, HttpStatusCode.Created);
        Assert.Equal((HttpStatusCode.Created, first.Body, first.Location), (retry.Status, retry.Body, retry.Location));
        // The reused key is refused in GeoReport's own error format, as every other Open311 error is.
        AssertJson(changed, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(changed.Json().EnumerateArray());
        Assert.Equal(422, error.GetProperty("code").GetInt32());
        Assert.Contains("Idempotency-Key", error.GetProperty("description").GetString(), StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(platform.Services["needs"].Database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM needs.mt_events WHERE data ->> 'description' = $1", connection)
        {
            Parameters = { new() { Value = "A sinkhole reported twice by a flaky uplink" } },
        };
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_request_reads_back_in_both_formats_with_its_status_and_without_personal_data()
    {
        var id = await CreateAsync(ExampleRequest("A large sinkhole is destroying the street; call me at 13800001234"));
        var client = Client();

        var json = await client.GetAsync($"requests/{id}.json");
        var xml = await client.GetAsync($"requests/{id}.xml?jurisdiction_id=990101");

        AssertJson(json, HttpStatusCode.OK);
        var request = Assert.Single(json.Json().EnumerateArray());
        Assert.All(request.EnumerateObject(), property => Assert.Contains(property.Name, RequestFields));
        Assert.Equal(id, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("已登记，待社区受理", request.GetProperty("status_notes").GetString());
        Assert.Equal("road", request.GetProperty("service_code").GetString());
        Assert.Equal("道路", request.GetProperty("service_name").GetString());
        Assert.Equal("兴华南里社区", request.GetProperty("agency_responsible").GetString());
        Assert.Equal("xinghuananli", request.GetProperty("address_id").GetString());
        Assert.Matches(W3cDateTime(), request.GetProperty("requested_datetime").GetString()!);
        Assert.Matches(W3cDateTime(), request.GetProperty("updated_datetime").GetString()!);
        var requestedAt = DateTimeOffset.Parse(request.GetProperty("requested_datetime").GetString()!);
        Assert.InRange(requestedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        foreach (var personal in new[] { "john", "smith", "111111111", "smit333", "13800001234", "tt222111" })
            Assert.DoesNotContain(personal, json.Body);

        AssertXml(xml, HttpStatusCode.OK);
        var root = xml.Xml().Root!;
        Assert.Equal("service_requests", root.Name.LocalName);
        var element = Assert.Single(root.Elements());
        Assert.Equal("request", element.Name.LocalName);
        Assert.All(element.Elements(), field => Assert.Contains(field.Name.LocalName, RequestFields));
        Assert.Equal(id, element.Element("service_request_id")!.Value);
        Assert.Equal("open", element.Element("status")!.Value);
        Assert.DoesNotContain("john", xml.Body);
    }

    [Fact]
    public async Task A_request_is_placed_by_a_building_id_or_by_an_address_string_naming_the_community()
    {
        var byBuilding = ExampleRequest("井盖松动，走上去咣当响");
        byBuilding["address_id"] = "xinghuananli-g1-b01";
        byBuilding["service_code"] = "manhole";
        var byText = ExampleRequest("怡兴园北侧甬道路灯不亮");
        byText.Remove("address_id");
        byText["address_string"] = "兴华南里社区 怡兴园1号楼";
        byText["service_code"] = "streetlight";

        var buildingId = await CreateAsync(byBuilding);
        var textId = await CreateAsync(byText);

        var requests = (await Client().GetAsync($"requests.json?service_request_id={buildingId},{textId}")).Json().EnumerateArray().ToList();
        var building = requests.Single(request => request.GetProperty("service_request_id").GetString() == buildingId);
        Assert.Equal("xinghuananli-g1-b01", building.GetProperty("address_id").GetString());
        Assert.Equal("兴华南里社区 第1网格 1号楼", building.GetProperty("address").GetString());
        var text = requests.Single(request => request.GetProperty("service_request_id").GetString() == textId);
        Assert.Equal("xinghuananli", text.GetProperty("address_id").GetString());
        Assert.Equal("兴华南里社区 怡兴园1号楼", text.GetProperty("address").GetString());
        Assert.Equal("怡兴园北侧甬道路灯不亮", text.GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_request_list_filters_by_id_status_service_code_and_date()
    {
        var id = await CreateAsync(ExampleRequest("Sinkhole for the filter test"));
        var client = Client();
        var today = DateTimeOffset.UtcNow;

        async Task<List<string>> IdsAsync(string query)
        {
            var answer = await client.GetAsync("requests.json" + query);
            AssertJson(answer, HttpStatusCode.OK);
            return [.. answer.Json().EnumerateArray().Select(request => request.GetProperty("service_request_id").GetString()!)];
        }

        Assert.Contains(id, await IdsAsync(""));
        Assert.Contains(id, await IdsAsync("?status=open&service_code=road"));
        Assert.Contains(id, await IdsAsync("?status=open,closed&service_code=env,road"));
        Assert.DoesNotContain(id, await IdsAsync("?status=closed"));
        Assert.DoesNotContain(id, await IdsAsync("?service_code=env"));
        var window = $"?start_date={Uri.EscapeDataString(today.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ssK"))}&end_date={Uri.EscapeDataString(today.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ssK"))}";
        Assert.Contains(id, await IdsAsync(window));
        Assert.DoesNotContain(id, await IdsAsync("?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z"));
        Assert.Equal([id], await IdsAsync($"?service_request_id={id},N20100101-00000000&status=closed"));

        var xml = await client.GetAsync("requests.xml?status=open");
        AssertXml(xml, HttpStatusCode.OK);
        Assert.Equal("service_requests", xml.Xml().Root!.Name.LocalName);
        Assert.All(xml.Xml().Root!.Elements(), request =>
        {
            Assert.Equal("request", request.Name.LocalName);
            Assert.Equal("open", request.Element("status")!.Value);
            Assert.Matches(W3cDateTime(), request.Element("requested_datetime")!.Value);
        });
        Assert.InRange(xml.Xml().Root!.Elements().Count(), 1, 1000);

        AssertError(await client.GetAsync("requests.json?start_date=2010-01-01T00:00:00Z&end_date=2010-12-31T00:00:00Z"), "json",
            HttpStatusCode.BadRequest, "90 days");
        AssertError(await client.GetAsync("requests.xml?start_date=yesterday"), "xml", HttpStatusCode.BadRequest, "start_date");
        AssertError(await client.GetAsync("requests.json?status=pending"), "json", HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task A_token_is_the_request_id_because_requests_are_realtime()
    {
        var id = await CreateAsync(ExampleRequest("Sinkhole for the token test"));
        var client = Client();

        var json = await client.GetAsync($"tokens/{id}.json");
        var xml = await client.GetAsync($"tokens/{id}.xml");

        AssertJson(json, HttpStatusCode.OK);
        var item = Assert.Single(json.Json().EnumerateArray());
        Assert.Equal(id, item.GetProperty("service_request_id").GetString());
        Assert.Equal(id, item.GetProperty("token").GetString());
        AssertXml(xml, HttpStatusCode.OK);
        Assert.Equal(["service_request_id", "token"], xml.Xml().Root!.Element("request")!.Elements().Select(element => element.Name.LocalName));
        AssertError(await client.GetAsync("tokens/N20100101-00000000.json"), "json", HttpStatusCode.NotFound, "token");
    }

    [Fact]
    public async Task A_request_the_community_rejects_reads_as_closed_with_the_reason()
    {
        var id = await CreateAsync(ExampleRequest("Sinkhole that turns out to be on private ground"));
        using var staff = await platform.LoginAsync("xinghua-staff");

        using var rejected = await staff.PostAsJsonAsync($"api/needs/needs/{id}/reject", new { reason = "属小区内部道路，已转物业处理" });
        Assert.True(rejected.IsSuccessStatusCode, await rejected.Content.ReadAsStringAsync());

        var request = Assert.Single((await Client().GetAsync($"requests/{id}.json")).Json().EnumerateArray());
        Assert.Equal("closed", request.GetProperty("status").GetString());
        Assert.Equal("未受理：属小区内部道路，已转物业处理", request.GetProperty("status_notes").GetString());
        var closed = (await Client().GetAsync("requests.json?status=closed&service_code=road")).Json().EnumerateArray();
        Assert.Contains(closed, item => item.GetProperty("service_request_id").GetString() == id);
    }

    [Fact]
    public async Task A_need_raised_in_the_console_is_listed_without_its_text_or_exact_place()
    {
        using var staff = await platform.LoginAsync("xinghua-staff");
        using var raised = await staff.PostAsJsonAsync("api/needs/needs", new
        {
            title = "独居老人需要上门助浴", description = "怡兴园2号楼3单元独居老人行动不便，电话13800001111。", category = "elderly", urgency = "normal",
            place = new { streetId = "linxiaolu", communityId = "xinghuananli", address = "怡兴园2号楼3单元" },
            reporter = new { name = "王淑芬", phone = "13800001111" }, channel = "staff",
        });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await raised.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var body = (await Client().GetAsync($"requests/{id}.json")).Body;

        var request = Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateArray());
        Assert.Equal("为老服务诉求", request.GetProperty("description").GetString());
        Assert.Equal("xinghuananli", request.GetProperty("address_id").GetString());
        Assert.DoesNotContain("独居", body);
        Assert.DoesNotContain("2号楼", body);
    }

    [Fact]
    public async Task Only_the_SHA256_of_an_api_key_is_stored()
    {
        await using var connection = new NpgsqlConnection(platform.Services["needs"].Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tenant_id, name, api_key_hash, revoked_at FROM needs.intake_channels WHERE channel_id = $1", connection);
        command.Parameters.Add(new() { Value = Open311Platform.ChannelId });
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(Open311Platform.Jurisdiction, reader.GetString(0));
        Assert.Equal("测试热线", reader.GetString(1));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(platform.ApiKey)), reader.GetFieldValue<byte[]>(2));
        Assert.True(reader.IsDBNull(3));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_missing_or_wrong_api_key_is_a_403(string format)
    {
        var client = Client();
        var missing = ExampleRequest();
        missing.Remove("api_key");
        var wrong = ExampleRequest();
        wrong["api_key"] = "not-" + platform.ApiKey;

        AssertError(await client.PostAsync($"requests.{format}", missing), format, HttpStatusCode.Forbidden, "api_key");
        AssertError(await client.PostAsync($"requests.{format}", wrong), format, HttpStatusCode.Forbidden, "api_key");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task An_unknown_or_missing_service_code_is_a_404_or_400(string format)
    {
        var client = Client();
        var unknown = ExampleRequest();
        unknown["service_code"] = "001";
        var missing = ExampleRequest();
        missing.Remove("service_code");

        AssertError(await client.PostAsync($"requests.{format}", unknown), format, HttpStatusCode.NotFound, "service_code");
        AssertError(await client.PostAsync($"requests.{format}", missing), format, HttpStatusCode.BadRequest, "service_code");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_request_without_a_placeable_location_is_a_400_that_says_what_is_needed(string format)
    {
        var client = Client();
        var none = ExampleRequest();
        none.Remove("address_id");
        none.Remove("lat");
        none.Remove("long");
        var coordinatesOnly = ExampleRequest();
        coordinatesOnly.Remove("address_id");
        var unknownUnit = ExampleRequest();
        unknownUnit["address_id"] = "545483";
        var noCommunity = ExampleRequest();
        noCommunity.Remove("address_id");
        noCommunity["address_string"] = "1234 5th street";

        AssertError(await client.PostAsync($"requests.{format}", none), format, HttpStatusCode.BadRequest, "address_string naming a community");
        AssertError(await client.PostAsync($"requests.{format}", coordinatesOnly), format, HttpStatusCode.BadRequest, "address_id");
        AssertError(await client.PostAsync($"requests.{format}", unknownUnit), format, HttpStatusCode.BadRequest, "address_id '545483'");
        AssertError(await client.PostAsync($"requests.{format}", noCommunity), format, HttpStatusCode.BadRequest, "address_string");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Missing_phone_and_description_are_listed_together_in_one_400(string format)
    {
        var incomplete = ExampleRequest();
        incomplete.Remove("phone");
        incomplete["description"] = "";

        var answer = await Client().PostAsync($"requests.{format}", incomplete);

        var errors = AssertError(answer, format, HttpStatusCode.BadRequest, "phone is required for the callback (回访)");
        Assert.Contains(errors, error => error.Contains("description", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task An_unknown_jurisdiction_is_a_404(string format)
    {
        var client = Client();
        var elsewhere = ExampleRequest();
        elsewhere["jurisdiction_id"] = "city.gov";

        AssertError(await client.PostAsync($"requests.{format}", elsewhere), format, HttpStatusCode.NotFound, "jurisdiction_id");
        AssertError(await client.GetAsync($"services.{format}?jurisdiction_id=city.gov"), format, HttpStatusCode.NotFound, "jurisdiction_id");
        AssertError(await client.GetAsync($"requests.{format}?jurisdiction_id=sfgov.org"), format, HttpStatusCode.NotFound, "jurisdiction_id");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task An_unknown_request_id_is_a_404(string format)
    {
        AssertError(await Client().GetAsync($"requests/638344.{format}"), format, HttpStatusCode.NotFound, "638344");
    }

    [Theory]
    [InlineData("services.yaml")]
    [InlineData("requests/638344.html")]
    [InlineData("discovery")]
    [InlineData("reports.json")]
    public async Task An_unknown_format_or_resource_is_a_404_in_the_specification_error_format(string resource)
    {
        var answer = await Client().GetAsync(resource);

        AssertError(answer, resource.EndsWith(".json", StringComparison.Ordinal) ? "json" : "xml", HttpStatusCode.NotFound, null);
    }

    /// <summary>The specification's error shape: errors/error with code and description, code matching the HTTP status.
    /// Returns the descriptions.</summary>
    private static List<string> AssertError(Open311Answer answer, string format, HttpStatusCode status, string? mentions)
    {
        List<string> descriptions;
        if (format == "xml")
        {
            AssertXml(answer, status);
            var root = answer.Xml().Root!;
            Assert.Equal("errors", root.Name.LocalName);
            Assert.NotEmpty(root.Elements());
            foreach (var error in root.Elements())
            {
                Assert.Equal("error", error.Name.LocalName);
                Assert.Equal(["code", "description"], error.Elements().Select(element => element.Name.LocalName));
                Assert.Equal(((int)status).ToString(), error.Element("code")!.Value);
            }
            descriptions = [.. root.Elements().Select(error => error.Element("description")!.Value)];
        }
        else
        {
            AssertJson(answer, status);
            var errors = answer.Json().EnumerateArray().ToList();
            Assert.NotEmpty(errors);
            foreach (var error in errors)
            {
                Assert.Equal(["code", "description"], error.EnumerateObject().Select(property => property.Name));
                Assert.Equal((int)status, error.GetProperty("code").GetInt32());
            }
            descriptions = [.. errors.Select(error => error.GetProperty("description").GetString()!)];
        }
        Assert.All(descriptions, description => Assert.False(string.IsNullOrWhiteSpace(description)));
        if (mentions is not null) Assert.Contains(descriptions, description => description.Contains(mentions, StringComparison.Ordinal));
        return descriptions;
    }

    private static void AssertXml(Open311Answer answer, HttpStatusCode status)
    {
        Assert.True(answer.Status == status, answer.ToString());
        Assert.Equal("text/xml", answer.MediaType);
        Assert.Equal("utf-8", answer.CharSet);
        Assert.StartsWith(XmlDeclaration, answer.Body);
        Assert.Equal(XNamespace.None, answer.Xml().Root!.Name.Namespace);
    }

    private static void AssertJson(Open311Answer answer, HttpStatusCode status)
    {
        Assert.True(answer.Status == status, answer.ToString());
        Assert.Equal("application/json", answer.MediaType);
        Assert.Equal("utf-8", answer.CharSet);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex W3cDateTime();
}
