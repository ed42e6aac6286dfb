using System.Text;

namespace BaseCommerce.Verticals.Construction.Api;

/// <summary>A page of a list read by cursor: <c>itens</c>, and <c>proximo_cursor</c> to pass as <c>cursor</c> for the next page (null at the end).</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Itens, string? ProximoCursor);

/// <summary>
/// Keyset paging over (rank descending, id ascending): a cursor names the last row seen, so rows added or removed
/// meanwhile never shift a page. The cursor is opaque to clients (base64url of "rank:id").
/// </summary>
public readonly record struct Cursor(int Rank, Guid Id)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string Encode() => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{Rank}:{Id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor and limit of a request; a cursor this API did not make, or a limit out of range, is a 400.</summary>
    public static (Cursor? Cursor, int Limit) Of(string? cursor, int? limit)
    {
        var validation = new Domain.Validation()
            .Check(limit is null or (>= 1 and <= MaxLimit), "limit", $"limit deve ficar entre 1 e {MaxLimit}.");
        Cursor? parsed = null;
        if (cursor is { Length: > 0 })
        {
            parsed = TryDecode(cursor);
            validation.Check(parsed is not null, "cursor", "Cursor inválido: use o proximo_cursor da página anterior.");
        }
        validation.ThrowIfInvalid();
        return (parsed, limit ?? DefaultLimit);
    }

    static Cursor? TryDecode(string text)
    {
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 2 && int.TryParse(parts[0], out var rank) && Guid.TryParseExact(parts[1], "N", out var id) ? new Cursor(rank, id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Reads one page plus one row, to know whether another page follows.</summary>
    public static async Task<CursorPage<TResponse>> PageAsync<TRow, TResponse>(IQueryable<TRow> ordered, int limit, Func<TRow, Cursor> keyOf,
        Func<TRow, TResponse> map, CancellationToken ct)
    {
        var rows = await ordered.Take(limit + 1).ToListAsync(ct);
        var next = rows.Count > limit ? keyOf(rows[limit - 1]).Encode() : null;
        return new CursorPage<TResponse>([.. rows.Take(limit).Select(map)], next);
    }
}
