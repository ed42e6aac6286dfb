namespace BaseCommerce.Verticals.Construction.Api;

/// <summary><c>skip</c> and <c>limit</c> (1–1000, default 100) as in the original; the total goes in <c>X-Total-Count</c>.</summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static (int Skip, int Limit) Of(int? skip, int? limit)
    {
        var v = new Domain.Validation()
            .Check(skip is null or >= 0, "skip", "skip não pode ser negativo.")
            .Check(limit is null or (>= 1 and <= MaxLimit), "limit", $"limit deve ficar entre 1 e {MaxLimit}.");
        v.ThrowIfInvalid();
        return (skip ?? 0, limit ?? DefaultLimit);
    }

    public static async Task<IResult> PageAsync<TEntity, TResponse>(HttpContext http, IQueryable<TEntity> query, int? skip, int? limit,
        Func<TEntity, TResponse> map, CancellationToken ct)
    {
        var (s, l) = Of(skip, limit);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip(s).Take(l).ToListAsync(ct);
        http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(rows.Select(map).ToList());
    }
}
