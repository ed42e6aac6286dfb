using System.Text.Json;
using BaseCommerce.Contracts;
using BaseCommerce.Contracts.Settings;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// The store's engine settings: checked (out of range is a 400 naming the field, nothing saved), saved, and published as
/// <see cref="StoreSettingsChanged"/> in the same transaction, which is how the engines hear of them.
/// </summary>
public sealed class SettingsCommands(ConstructionDb db, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public const int MaxVehicles = 20;

    public async Task<Insights.StoreSettingsRow> LoadAsync(CancellationToken ct) =>
        await db.StoreSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new Insights.StoreSettingsRow { TenantId = db.Tenant.TenantId };

    public async Task<Insights.StoreSettingsRow> SaveAsync(ConfiguracoesInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var vehicles = input.Veiculos!;
        var v = new Validation()
            .Check(input.NivelServico is >= 0.5m and <= 0.999m, "nivel_servico", "O nível de serviço fica entre 0,5 (50%) e 0,999 (99,9%).")
            .Check(input.LeadTimeDias is >= 0 and <= 365, "lead_time_dias", "O lead time fica entre 0 e 365 dias.")
            .Check(input.EstoqueSegurancaPercentual is >= 0 and <= 500, "estoque_seguranca_percentual", "O estoque de segurança fica entre 0% e 500%.")
            .Check(input.MargemMinimaPercentual is >= 0 and <= 500, "margem_minima_percentual", "A margem mínima fica entre 0% e 500%.")
            .Check(input.MargemMaximaPercentual is >= 0 and <= 500, "margem_maxima_percentual", "A margem máxima fica entre 0% e 500%.")
            .Check(input.MargemMinimaPercentual <= input.MargemAlvoPercentual && input.MargemAlvoPercentual <= input.MargemMaximaPercentual,
                "margem_alvo_percentual", "A margem alvo fica entre a mínima e a máxima.")
            .Check(input.CustoFixoRota is >= 0, "custo_fixo_rota", "O custo fixo da rota não pode ser negativo.")
            .Check(input.LatitudeLoja is null or (>= -90 and <= 90), "latitude_loja", "A latitude fica entre −90 e 90.")
            .Check(input.LongitudeLoja is null or (>= -180 and <= 180), "longitude_loja", "A longitude fica entre −180 e 180.")
            .Check((input.LatitudeLoja is null) == (input.LongitudeLoja is null), "latitude_loja", "Informe latitude e longitude da loja, ou nenhuma.")
            .Check(input.HoraRecalculoEstoque is null or (>= 0 and <= 23), "hora_recalculo_estoque", "A hora do recálculo de estoque fica entre 0 e 23.")
            .Check(input.HoraAtualizacaoPrecos is null or (>= 0 and <= 23), "hora_atualizacao_precos", "A hora da atualização de preços fica entre 0 e 23.")
            .Check(input.HoraPlanejamentoRotas is null or (>= 0 and <= 23), "hora_planejamento_rotas", "A hora do planejamento de rotas fica entre 0 e 23.")
            .Check(input.FusoHorario is null || StoreTimeZones.IsKnown(input.FusoHorario), "fuso_horario",
                "Fuso horário desconhecido: use um dos fusos do Brasil (por exemplo America/Sao_Paulo).")
            .Check(vehicles.Count <= MaxVehicles, "veiculos", $"No máximo {MaxVehicles} veículos.")
            .Check(vehicles.Select(x => x.Nome!.Trim().ToUpperInvariant()).Distinct().Count() == vehicles.Count, "veiculos", "Cada veículo precisa de um nome diferente.");
        for (var i = 0; i < vehicles.Count; i++)
            v.Check(vehicles[i].CapacidadeKg > 0, $"veiculos[{i}].capacidade_kg", "A capacidade do veículo deve ser maior que zero.")
             .Check(vehicles[i].CustoKm >= 0, $"veiculos[{i}].custo_km", "O custo por km não pode ser negativo.")
             .Check(!string.IsNullOrWhiteSpace(vehicles[i].Nome), $"veiculos[{i}].nome", "Informe o nome do veículo.");
        v.ThrowIfInvalid();

        var list = vehicles.Select(x => new VehicleSetting(x.Nome!.Trim(), x.CapacidadeKg!.Value, x.CustoKm!.Value)).ToList();
        var now = clock.GetUtcNow();
        var row = await db.StoreSettings.SingleOrDefaultAsync(ct);
        if (row is null)
            db.StoreSettings.Add(row = new Insights.StoreSettingsRow { TenantId = db.Tenant.TenantId });
        row.ServiceLevel = input.NivelServico!.Value;
        row.LeadTimeDays = input.LeadTimeDias!.Value;
        row.SafetyPercent = input.EstoqueSegurancaPercentual!.Value;
        row.TargetMargin = input.MargemAlvoPercentual!.Value;
        row.MinimumMargin = input.MargemMinimaPercentual!.Value;
        row.MaximumMargin = input.MargemMaximaPercentual!.Value;
        row.RouteFixedCost = input.CustoFixoRota!.Value;
        row.DepotLatitude = input.LatitudeLoja;
        row.DepotLongitude = input.LongitudeLoja;
        row.Vehicles = JsonSerializer.Serialize(list);
        // Hours and zone left out keep their value (clients written before they existed send none).
        var schedule = (row.StockRecomputeHour, row.PricingRefreshHour, row.RoutePlanningHour, row.TimeZone);
        row.StockRecomputeHour = input.HoraRecalculoEstoque ?? row.StockRecomputeHour;
        row.PricingRefreshHour = input.HoraAtualizacaoPrecos ?? row.PricingRefreshHour;
        row.RoutePlanningHour = input.HoraPlanejamentoRotas ?? row.RoutePlanningHour;
        row.TimeZone = input.FusoHorario ?? row.TimeZone;
        row.UpdatedBy = actor.UserId;
        row.UpdatedAt = now;
        await publish.Publish(new StoreSettingsChanged(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, row.ServiceLevel, row.LeadTimeDays,
            row.SafetyPercent, row.TargetMargin, row.MinimumMargin, row.MaximumMargin, row.RouteFixedCost, row.DepotLatitude, row.DepotLongitude, list,
            actor.UserId, row.TimeZone), ct);
        if (schedule != (row.StockRecomputeHour, row.PricingRefreshHour, row.RoutePlanningHour, row.TimeZone))
            await publish.Publish(new StoreScheduleChanged(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, row.StockRecomputeHour,
                row.PricingRefreshHour, row.RoutePlanningHour, actor.UserId, row.TimeZone), ct);
        await db.SaveChangesAsync(ct);
        return row;
    }
}
