using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.Kernel.Text;

namespace Platform.ServiceDefaults;

/// <summary>
/// Refuses control characters at the edge of every host, once: in the path and the query string (a 400 before any
/// endpoint runs) and in every string of a JSON body (a 400 from the body's binding). Line breaks and tabs pass in
/// bodies, where descriptions hold them; names and titles refuse them in their own validation.
/// </summary>
public static class UnsafeInputGuard
{
    private const string Title = "请求含有控制字符";

    public static IApplicationBuilder UseUnsafeInputGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var where = UnsafeCharacters.Contain(request.Path.Value, allowLineBreaks: false) ? "路径"
            : request.Query.Any(pair => UnsafeCharacters.Contain(pair.Key, false) || pair.Value.Any(value => UnsafeCharacters.Contain(value, false))) ? "查询参数"
            : request.HasFormContentType && await FormHoldsUnsafeTextAsync(request, context.RequestAborted) ? "表单"
            : null;
        if (where is null)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Title,
            Detail = $"{where}中含有控制字符或文字方向控制符（如 NUL），请求未被处理。",
        }).ExecuteAsync(context);
    });

    /// <summary>
    /// Open311's POST is a form. It is read into a buffer and the body rewound, because the gateway forwards the body
    /// after this check and the service's endpoint binds it again. A form the reader cannot decode counts as unsafe.
    /// </summary>
    private static async Task<bool> FormHoldsUnsafeTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.Any(pair => UnsafeCharacters.Contain(pair.Key, false) || pair.Value.Any(value => UnsafeCharacters.Contain(value)));
        }
        catch (InvalidDataException)
        {
            // ASP.NET Core's form reader refuses a NUL itself, with an exception that would otherwise be a 500.
            return true;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>Every string a JSON body binds to goes through this, so no endpoint can forget the check.</summary>
    internal sealed class SafeStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return UnsafeCharacters.Contain(value) ? throw new JsonException("文本中含有控制字符或文字方向控制符（如 NUL）。") : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
