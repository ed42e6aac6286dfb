using BaseCommerce.Verticals.Construction.Insights;

namespace BaseCommerce.Verticals.Construction.Api;

public sealed record VeiculoResponse(string Nome, string CapacidadeKg, string CustoKm);

public sealed record ConfiguracoesResponse(string NivelServico, int LeadTimeDias, string EstoqueSegurancaPercentual, string MargemAlvoPercentual,
    string MargemMinimaPercentual, string MargemMaximaPercentual, string CustoFixoRota, string? LatitudeLoja, string? LongitudeLoja,
    IReadOnlyList<VeiculoResponse> Veiculos, DateTimeOffset? AtualizadoEm, int HoraRecalculoEstoque, int HoraAtualizacaoPrecos, int HoraPlanejamentoRotas,
    string FusoHorario);

/// <summary><c>/api/v1/configuracoes</c>: the store's engine settings (read by everyone, changed by the admin).</summary>
public static class SettingsEndpoints
{
    public static void MapSettings(this RouteGroupBuilder api)
    {
        var configuracoes = api.MapGroup("/configuracoes").WithTags("configuracoes");
        configuracoes.MapGet("/", async (SettingsCommands settings, CancellationToken ct) => Of(await settings.LoadAsync(ct)))
            .RequireAuthorization(Permissions.Read);
        configuracoes.MapPut("/", async (ConfiguracoesInput input, SettingsCommands settings, CancellationToken ct) => Of(await settings.SaveAsync(input, ct)))
            .RequireAuthorization(Permissions.ManageSettings);
    }

    public static ConfiguracoesResponse Of(StoreSettingsRow s) => new(s.ServiceLevel.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
        s.LeadTimeDays, Responses.Money(s.SafetyPercent), Responses.Money(s.TargetMargin), Responses.Money(s.MinimumMargin), Responses.Money(s.MaximumMargin),
        Responses.Money(s.RouteFixedCost), s.DepotLatitude?.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
        s.DepotLongitude?.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
        [.. s.VehicleList().Select(v => new VeiculoResponse(v.Name, Responses.Quantity(v.CapacityKg), Responses.Money(v.CostPerKm)))],
        s.UpdatedAt == default ? null : s.UpdatedAt, s.StockRecomputeHour, s.PricingRefreshHour, s.RoutePlanningHour, s.TimeZone);
}
