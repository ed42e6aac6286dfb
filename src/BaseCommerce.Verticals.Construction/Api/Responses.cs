using System.Globalization;

namespace BaseCommerce.Verticals.Construction.Api;

// What the API returns, in the original's wire vocabulary (snake_case Portuguese names); amounts are strings with a
// fixed scale: money and percentages 2 decimals ("32.00"), quantities 3 ("10.000").

public sealed record ClienteResponse(Guid Id, string Tipo, string Nome, string Documento, string? Email, string? Telefone, string? Endereco,
    string? Cidade, string? Estado, string? Cep, string? Observacoes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ObraResponse(Guid Id, Guid ClienteId, string Nome, string? Endereco, string? Cidade, string? Estado, string? Cep,
    string? Latitude, string? Longitude, string? Observacoes, bool Ativa, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ProdutoResponse(Guid Id, string? Codigo, string Nome, string? Descricao, string Unidade, string PrecoBase, string? PesoKg,
    bool Ativo, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record PrecoHistoricoResponse(string PrecoAnterior, string PrecoNovo, Guid? UsuarioId, DateTimeOffset CreatedAt);

public sealed record ItemResponse(Guid Id, Guid ProdutoId, string Quantidade, string PrecoUnitario, string DescontoPercentual, string ValorTotal,
    string? Observacoes, int Ordem);

public sealed record CotacaoResponse(Guid Id, string Numero, Guid ClienteId, Guid? ObraId, string Status, string DescontoPercentual,
    string Subtotal, string DescontoValor, string Total, string? Observacoes, int ValidadeDias, DateTimeOffset ValidaAte, Guid? UsuarioId,
    DateTimeOffset? EnviadaEm, DateTimeOffset? AprovadaEm, DateTimeOffset? ConvertidaEm, DateTimeOffset? CanceladaEm, int Versao,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ItemResponse> Itens);

public sealed record PedidoResponse(Guid Id, string Numero, Guid? CotacaoId, Guid ClienteId, Guid? ObraId, string Status, string DescontoPercentual,
    string Subtotal, string DescontoValor, string Total, string? Observacoes, Guid? UsuarioId, DateTimeOffset? EmPreparacaoEm,
    DateTimeOffset? SaiuEntregaEm, DateTimeOffset? EntregueEm, DateTimeOffset? CanceladoEm, int Versao, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, IReadOnlyList<ItemResponse> Itens);

public sealed record FornecedorResponse(Guid Id, string Nome, string Documento, string? Email, string? Telefone, string? Endereco, string? Cidade,
    string? Estado, bool Ativo, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record PrecoFornecedorResponse(Guid Id, Guid FornecedorId, Guid ProdutoId, string Preco, string? QuantidadeMinima, int? PrazoPagamento,
    int? PrazoEntregaDias, bool Valido, Guid? UsuarioId, DateTimeOffset CreatedAt);

public sealed record EstoqueResponse(Guid ProdutoId, string? Codigo, string Nome, string Unidade, string QuantidadeAtual, DateTimeOffset? AtualizadoEm);

public sealed record MovimentoResponse(Guid Id, Guid ProdutoId, string Tipo, string Quantidade, string QuantidadeApos, Guid? FornecedorId,
    string? CustoUnitario, string? Motivo, Guid? UsuarioId, DateTimeOffset CreatedAt, Guid? EntregaId);

public static class Responses
{
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    public static string Quantity(decimal value) => value.ToString("0.000", CultureInfo.InvariantCulture);
    static string? Coordinate(decimal? value) => value?.ToString("0.000000", CultureInfo.InvariantCulture);

    public static ClienteResponse Of(Customer c) => new(c.Id, c.Kind, c.Name, c.Document, c.Email, c.Phone, c.Address, c.City, c.State, c.Cep,
        c.Notes, c.CreatedAt, c.UpdatedAt);

    public static ObraResponse Of(Site s) => new(s.Id, s.CustomerId, s.Name, s.Address, s.City, s.State, s.Cep, Coordinate(s.Latitude),
        Coordinate(s.Longitude), s.Notes, s.Active, s.CreatedAt, s.UpdatedAt);

    public static ProdutoResponse Of(Product p) => new(p.Id, p.Code, p.Name, p.Description, p.Unit, Money(p.BasePrice),
        p.WeightKg is { } w ? Quantity(w) : null, p.Active, p.CreatedAt, p.UpdatedAt);

    public static PrecoHistoricoResponse Of(PriceChange c) => new(Money(c.OldPrice), Money(c.NewPrice), c.ChangedBy, c.CreatedAt);

    public static CotacaoResponse Of(Quote q) => new(q.Id, q.Number, q.CustomerId, q.SiteId, q.Status, Money(q.DiscountPercent), Money(q.Subtotal),
        Money(q.DiscountValue), Money(q.Total), q.Notes, q.ValidityDays, q.ValidUntil, q.CreatedBy, q.SentAt, q.ApprovedAt, q.ConvertedAt,
        q.CancelledAt, q.Version, q.CreatedAt, q.UpdatedAt, Items(q.Items));

    public static PedidoResponse Of(Order o) => new(o.Id, o.Number, o.QuoteId, o.CustomerId, o.SiteId, o.Status, Money(o.DiscountPercent),
        Money(o.Subtotal), Money(o.DiscountValue), Money(o.Total), o.Notes, o.CreatedBy, o.PreparingAt, o.DispatchedAt, o.DeliveredAt,
        o.CancelledAt, o.Version, o.CreatedAt, o.UpdatedAt, Items(o.Items));

    public static FornecedorResponse Of(Supplier s) => new(s.Id, s.Name, s.Document, s.Email, s.Phone, s.Address, s.City, s.State, s.Active,
        s.CreatedAt, s.UpdatedAt);

    public static PrecoFornecedorResponse Of(SupplierPrice p) => new(p.Id, p.SupplierId, p.ProductId, Money(p.Price),
        p.MinimumQuantity is { } m ? Quantity(m) : null, p.PaymentTermDays, p.LeadTimeDays, p.Valid, p.RegisteredBy, p.CreatedAt);

    public static MovimentoResponse Of(StockMovement m) => new(m.Id, m.ProductId, m.Kind, Quantity(m.Delta), Quantity(m.QuantityAfter), m.SupplierId,
        m.UnitCost is { } c ? Money(c) : null, m.Reason, m.CreatedBy, m.CreatedAt, m.DeliveryId);

    static IReadOnlyList<ItemResponse> Items(IEnumerable<LineBase> lines) => lines.OrderBy(l => l.Position)
        .Select(l => new ItemResponse(l.Id, l.ProductId, Quantity(l.Quantity), Money(l.UnitPrice), Money(l.DiscountPercent), Money(l.Total), l.Notes, l.Position))
        .ToList();
}
