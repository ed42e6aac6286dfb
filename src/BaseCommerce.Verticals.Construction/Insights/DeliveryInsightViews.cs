using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>A planned route of a day (<c>construction.insight_rotas</c>), stops as JSON (the contract's RouteStop list).</summary>
public sealed class RouteView : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public DateOnly Day { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public string? Vehicle { get; set; }
    public decimal CapacityKg { get; set; }
    public decimal LoadKg { get; set; }
    public decimal DistanceKm { get; set; }
    public int DurationMinutes { get; set; }
    public decimal Cost { get; set; }
    public string Ordering { get; set; } = "";
    public string Stops { get; set; } = "[]";
    public string Explanation { get; set; } = "";
    public string Status { get; set; } = "planejada";
    public int DeliveredStops { get; set; }
    public int Occurrences { get; set; }
    public DateTimeOffset? ProgressAt { get; set; }

    public IReadOnlyList<BaseCommerce.Contracts.RouteStop> StopList() =>
        System.Text.Json.JsonSerializer.Deserialize<List<BaseCommerce.Contracts.RouteStop>>(Stops) ?? [];
}

/// <summary>The store's engine settings as saved from the settings page (<c>construction.configuracoes_loja</c>).</summary>
public sealed class StoreSettingsRow : ITenantOwned
{
    public Guid TenantId { get; set; }
    public decimal ServiceLevel { get; set; } = 0.95m;
    public int LeadTimeDays { get; set; } = 7;
    public decimal SafetyPercent { get; set; } = 20;
    public decimal TargetMargin { get; set; } = 30;
    public decimal MinimumMargin { get; set; } = 15;
    public decimal MaximumMargin { get; set; } = 50;
    public decimal RouteFixedCost { get; set; } = 50;
    public decimal? DepotLatitude { get; set; }
    public decimal? DepotLongitude { get; set; }
    public string Vehicles { get; set; } = "[]";
    /// <summary>Hours (store time) of the scheduler's nightly recomputations.</summary>
    public int StockRecomputeHour { get; set; } = 2;
    public int PricingRefreshHour { get; set; } = 3;
    public int RoutePlanningHour { get; set; } = 18;
    /// <summary>The store's time zone (IANA id, one of <see cref="Domain.StoreTimeZones"/>).</summary>
    public string TimeZone { get; set; } = Domain.StoreTimeZones.Default;
    public Guid? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<BaseCommerce.Contracts.VehicleSetting> VehicleList() =>
        System.Text.Json.JsonSerializer.Deserialize<List<BaseCommerce.Contracts.VehicleSetting>>(Vehicles) ?? [];
}
