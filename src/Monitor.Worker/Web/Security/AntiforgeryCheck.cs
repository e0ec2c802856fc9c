using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Worker.Web.Security;

/// <summary>
/// Every POST carries the antiforgery token of a form this site rendered, or is refused with 400
/// before any handler runs. A call authenticated by a bearer token is exempt: a browser never
/// attaches that header on its own, so it cannot be forged cross-site.
/// </summary>
internal static class AntiforgeryCheck
{
    public static IApplicationBuilder UseAntiforgeryOnEveryPost(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var bearer = context.User.Identity?.AuthenticationType == BearerTokenHandler.SchemeName;
        if (unsafeMethod && !bearer)
        {
            var antiforgery = context.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery;
            if (antiforgery is null || !await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Yêu cầu bị từ chối: thiếu hoặc sai mã chống giả mạo (antiforgery). Hãy tải lại trang và gửi lại. / Request refused: missing or invalid antiforgery token.");
                return;
            }
        }

        await next(context);
    });
}
