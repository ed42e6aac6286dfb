using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Insights;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

/// <summary>The store's engine settings, for the admin: service level, lead time, margins, vehicles, route cost and recomputation hours.</summary>
public sealed class ConfiguracoesModel(SettingsCommands settings) : WebPage
{
    public StoreSettingsRow Settings { get; private set; } = null!;
    public bool MayChange { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Settings = await settings.LoadAsync(ct);
        MayChange = await MayAsync(Permissions.ManageSettings);
    }

    public Task<IActionResult> OnPostAsync(string? nivel, int? lead, string? seguranca, string? alvo, string? minima, string? maxima, string? custo,
        string? latitude, string? longitude, string[]? veiculo, string[]? capacidade, string[]? custoKm, int? horaEstoque, int? horaPrecos,
        int? horaRotas, string? fuso, CancellationToken ct) =>
        ActAsync(Permissions.ManageSettings, async () =>
        {
            var vehicles = new List<VeiculoInput>();
            for (var i = 0; i < (veiculo?.Length ?? 0); i++)
                if (!string.IsNullOrWhiteSpace(veiculo![i]) || !string.IsNullOrWhiteSpace(capacidade?.ElementAtOrDefault(i)))
                    vehicles.Add(new VeiculoInput(veiculo[i], UiFormat.ParseDecimal(capacidade?.ElementAtOrDefault(i)), UiFormat.ParseDecimal(custoKm?.ElementAtOrDefault(i))));
            // The page asks for the service level in percent (95), the API as a fraction (0.95).
            var level = UiFormat.ParseDecimal(nivel) is { } percent ? percent / 100 : (decimal?)null;
            await settings.SaveAsync(new ConfiguracoesInput(level, lead, UiFormat.ParseDecimal(seguranca), UiFormat.ParseDecimal(alvo), UiFormat.ParseDecimal(minima),
                UiFormat.ParseDecimal(maxima), UiFormat.ParseDecimal(custo), vehicles, UiFormat.ParseDecimal(latitude), UiFormat.ParseDecimal(longitude),
                horaEstoque, horaPrecos, horaRotas, fuso), ct);
            return "Configurações salvas: os motores recalculam com elas em instantes.";
        }, () => AfterAction.Reload(this, "/web/configuracoes"));
}
