namespace BaseCommerce.Identity.Oidc;

/// <summary>RFC 6749 §5.2 error responses: JSON with <c>error</c> and <c>error_description</c>, never cached.</summary>
public static class OAuthError
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidToken = "invalid_token";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string AccessDenied = "access_denied";
    public const string LoginRequired = "login_required";
    public const string ConsentRequired = "consent_required";

    public static IResult Result(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        new NoStoreJson(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, status);

    /// <summary>401 with a Basic challenge: the client tried (or should have tried) HTTP Basic authentication (RFC 6749 §5.2).</summary>
    public static IResult InvalidClientResult(string description) =>
        new NoStoreJson(new Dictionary<string, string> { ["error"] = InvalidClient, ["error_description"] = description },
            StatusCodes.Status401Unauthorized, "Basic realm=\"basecommerce\"");
}

/// <summary>A JSON response with <c>Cache-Control: no-store</c>, as every token-bearing response must be (RFC 6749 §5.1).</summary>
public sealed class NoStoreJson(object body, int status = StatusCodes.Status200OK, string? wwwAuthenticate = null) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (wwwAuthenticate is not null)
            http.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        await http.Response.WriteAsJsonAsync(body, body.GetType());
    }
}
