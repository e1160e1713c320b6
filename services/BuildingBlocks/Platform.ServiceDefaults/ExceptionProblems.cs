using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

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

internal sealed class ExceptionProblemsHandler(ExceptionProblems problems, IProblemDetailsService writer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (problems.For(exception) is not { } problem) return false;
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
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
