using System.Globalization;

namespace BaseCommerce.Verticals.Construction.Web;

/// <summary>pt-BR money, quantities and dates for the pages (R$ 1.234,50; 10,000; 01/12/2026 14:30 in the store's time).</summary>
public static class UiFormat
{
    public static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    public static string Money(decimal value) => value.ToString("C2", PtBr);
    public static string Quantity(decimal value) => value.ToString("#,##0.###", PtBr);
    public static string Percent(decimal value) => value.ToString("0.##", PtBr) + "%";
    public static string Date(DateTimeOffset? value) => value?.ToOffset(Dashboard.StoreOffset).ToString("dd/MM/yyyy HH:mm", PtBr) ?? "—";
    public static string Day(DateTimeOffset value) => value.ToOffset(Dashboard.StoreOffset).ToString("dd/MM/yyyy", PtBr);

    /// <summary>A decimal typed in a pt-BR form ("1.234,5" or "1234.5"), or null.</summary>
    public static decimal? ParseDecimal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        if (t.Contains(','))
            return decimal.TryParse(t, NumberStyles.Number, PtBr, out var br) ? br : null;
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var inv) ? inv : null;
    }

    public static string Risk(string risk) => risk switch { "alto" => "alto", "medio" => "médio", _ => "baixo" };
    public static string Priority(string priority) => priority switch { "alta" => "Alta", "media" => "Média", _ => "Baixa" };

    public static string RouteStatus(string status) => status switch { "em_andamento" => "Em andamento", "concluida" => "Concluída", _ => "Planejada" };

    public static string DeliveryStatus(string status) => status switch
    {
        "saiu_entrega" => "Saiu para entrega", "chegou" => "Chegou à obra", "entregue" => "Entregue", "cancelada" => "Cancelada", _ => status,
    };

    public static string Occurrence(string kind) => kind switch
    {
        "faltou_item" => "Faltou item", "item_errado" => "Item errado", "cliente_nao_encontrado" => "Cliente não encontrado", "recusa" => "Recusa",
        _ => "Outro",
    };

    public static string QuoteStatus(string status) => status switch
    {
        Data.QuoteStatus.Draft => "Rascunho",
        Data.QuoteStatus.Sent => "Enviada",
        Data.QuoteStatus.Approved => "Aprovada",
        Data.QuoteStatus.Converted => "Convertida",
        Data.QuoteStatus.Cancelled => "Cancelada",
        _ => status,
    };

    public static string OrderStatus(string status) => status switch
    {
        Data.OrderStatus.Pending => "Pendente",
        Data.OrderStatus.Preparing => "Em preparação",
        Data.OrderStatus.Dispatched => "Saiu para entrega",
        Data.OrderStatus.Delivered => "Entregue",
        Data.OrderStatus.Cancelled => "Cancelado",
        _ => status,
    };
}
