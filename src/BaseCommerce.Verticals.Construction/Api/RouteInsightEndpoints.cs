using System.Globalization;
using BaseCommerce.Verticals.Construction.Insights;

namespace BaseCommerce.Verticals.Construction.Api;

public sealed record ParadaResponse(int Sequencia, Guid PedidoId, string PedidoNumero, Guid? ObraId, string? Cidade, string? Cep, string? Latitude,
    string? Longitude, string PesoKg, string DistanciaAnteriorKm);

public sealed record RotaResponse(Guid Id, string Dia, string Nome, string Regiao, string? Veiculo, string CapacidadeKg, string CargaKg, string DistanciaKm,
    int DuracaoMinutos, string Custo, string Ordenacao, string Status, int ParadasEntregues, int Ocorrencias, string Explicacao, IReadOnlyList<ParadaResponse> Paradas);

/// <summary><c>/api/v1/insights/entregas</c>: the Delivery engine's routes of a day, as the vertical projected them.</summary>
public static class RouteInsightEndpoints
{
    public static void MapRouteInsights(this RouteGroupBuilder api)
    {
        var entregas = api.MapGroup("/insights/entregas").WithTags("insights");
        entregas.MapGet("/rotas", async (ConstructionDb db, TimeProvider clock, string? dia, string? cursor, int? limit, CancellationToken ct) =>
        {
            var day = Day(dia, clock);
            var (after, size) = Cursor.Of(cursor, limit);
            var routes = db.StoredRoutes.AsNoTracking().Where(r => r.Day == day);
            // Rank: the route's position in the plan, negated so the keyset order (rank descending) is the plan's order.
            if (after is { } c)
                routes = routes.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.Position, r.Id), ValueTuple.Create(-c.Rank, c.Id)));
            return await Cursor.PageAsync(routes.OrderBy(r => r.Position).ThenBy(r => r.Id), size, r => new Cursor(-r.Position, r.Id), Of, ct);
        }).RequireAuthorization(Permissions.Read);
        entregas.MapGet("/rotas/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            Of(await db.StoredRoutes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw Domain.ProblemException.NotFound("Rota")))
            .RequireAuthorization(Permissions.Read);
    }

    /// <summary>A <c>dia</c> in yyyy-MM-dd (400 otherwise), today in the store's time zone when absent.</summary>
    public static DateOnly Day(string? text, TimeProvider clock)
    {
        if (text is null)
            return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Domain.Dashboard.StoreOffset).DateTime);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            new Domain.Validation().Add("dia", "Dia inválido: use AAAA-MM-DD, por exemplo 2026-12-01.").ThrowIfInvalid();
        return day;
    }

    public static RotaResponse Of(RouteView r) => new(r.Id, r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Name, r.Region, r.Vehicle,
        Responses.Quantity(r.CapacityKg), Responses.Quantity(r.LoadKg), Responses.Money(r.DistanceKm), r.DurationMinutes, Responses.Money(r.Cost), r.Ordering,
        r.Status, r.DeliveredStops, r.Occurrences, r.Explanation,
        [.. r.StopList().Select(s => new ParadaResponse(s.Sequence, s.OrderId, s.OrderNumber, s.SiteId, s.City, s.Cep,
            s.Latitude?.ToString("0.000000", CultureInfo.InvariantCulture), s.Longitude?.ToString("0.000000", CultureInfo.InvariantCulture),
            Responses.Quantity(s.WeightKg), Responses.Money(s.DistanceFromPreviousKm)))]);
}
