using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Platform.Kernel.Errors;

namespace Platform.ServiceDefaults;

/// <summary>
/// Which exceptions are the caller's business (a conflict, a refusal, an unknown id) and how each reads as problem
/// details. Building blocks and services register theirs; anything unmapped stays a 500 without internals.
/// </summary>
public sealed class ExceptionProblems
{
    private readonly Dictionary<Type, Func<Exception, ProblemDetails>> map = [];

    public ExceptionProblems Map<TException>(int status, string title, Action<TException, ProblemDetails>? enrich = null) where TException : Exception
    {
        map[typeof(TException)] = exception =>
        {
            var problem = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
            enrich?.Invoke((TException)exception, problem);
            return problem;
        };
        return this;
    }

    internal ProblemDetails? For(Exception exception)
    {
        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (map.TryGetValue(type, out var toProblem)) return toProblem(exception);
        }
        return null;
    }
}

/// <summary>
/// An endpoint whose protocol has its own error format (Open311's GeoReport errors) writes the problems that
/// middleware in front of it raises (a reused idempotency key …) in that format instead of as RFC 7807.
/// </summary>
public interface IEndpointProblemWriter
{
    Task WriteAsync(HttpContext http, ProblemDetails problem);
}

internal sealed class ExceptionProblemsHandler(ExceptionProblems problems, IProblemDetailsService writer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (problems.For(exception) is not { } problem) return false;
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        // The exception handler clears the endpoint before it runs; the one that failed is kept on the feature.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IEndpointProblemWriter>() is { } own)
        {
            await own.WriteAsync(httpContext, problem);
            return true;
        }
        return await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

public static class ExceptionProblemsRegistration
{
    public static IServiceCollection MapExceptionProblems(this IServiceCollection services, Action<ExceptionProblems> configure)
    {
        var existing = services.FirstOrDefault(service => service.ServiceType == typeof(ExceptionProblems))?.ImplementationInstance as ExceptionProblems;
        if (existing is null)
        {
            existing = new ExceptionProblems();
            services.AddSingleton(existing);
            services.AddExceptionHandler<ExceptionProblemsHandler>();
        }
        configure(existing);
        return services;
    }
}

public static class DomainErrorProblems
{
    /// <summary>The kernel's domain errors, the same answer from every host (the types a domain derives included).</summary>
    public static ExceptionProblems MapDomainErrors(this ExceptionProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems
            .Map<InvalidCommandException>(StatusCodes.Status400BadRequest, "请求内容有误", (exception, problem) =>
            {
                if (exception.Errors.Count > 0) problem.Extensions["errors"] = exception.Errors;
            })
            .Map<RuleViolationException>(StatusCodes.Status422UnprocessableEntity, "当前状态不允许此操作")
            .Map<InvalidReferenceException>(StatusCodes.Status422UnprocessableEntity, "引用的对象不存在或不可用", (exception, problem) =>
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [exception.Field] = [exception.Message] })
            .Map<NotFoundException>(StatusCodes.Status404NotFound, "未找到")
            .Map<AlreadyExistsException>(StatusCodes.Status409Conflict, "记录已存在")
            .Map<StreamAlreadyExistsException>(StatusCodes.Status409Conflict, "记录已存在", (_, problem) => problem.Detail = "就在您提交时，他人已建立了这条记录，请刷新后重试。")
            .Map<StreamVersionConflictException>(StatusCodes.Status409Conflict, "数据已被他人修改，请刷新后重试", (exception, problem) =>
            {
                if (exception.CurrentVersion is { } current)
                {
                    problem.Detail = $"记录已更新到第 {current} 版（您看到的是第 {exception.ExpectedVersion} 版）。";
                    problem.Extensions["currentVersion"] = current;
                }
                else problem.Detail = "就在您提交时，他人也修改了这条记录，请刷新后重试。";
            });
    }
}
