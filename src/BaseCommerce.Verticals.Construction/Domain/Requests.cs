using System.Text.Json.Serialization;

namespace BaseCommerce.Verticals.Construction.Domain;

// What the API (and the web UI) accept. Property names are the original's Portuguese wire names in snake_case
// (DescontoPercentual → desconto_percentual); decimals may be sent as JSON numbers or strings, in plain notation.
// The attributes are the limits (InputRules): the columns are numeric(12,2) for money, numeric(12,3) for quantities,
// numeric(5,2) for percentages and numeric(9,6) for coordinates, and the text columns carry the same lengths as CHECKs.

public sealed record ClienteInput(
    [Text(Limits.Word), Fixed] string? Tipo,
    [Mandatory, Text(Limits.Name)] string? Nome,
    [Text(Limits.Document), Fixed] string? Documento,
    [Text(Limits.Email)] string? Email = null,
    [Text(Limits.Phone)] string? Telefone = null,
    [Text(Limits.Address)] string? Endereco = null,
    [Text(Limits.City)] string? Cidade = null,
    [Text(Limits.State)] string? Estado = null,
    [Text(Limits.Cep)] string? Cep = null,
    [Text(Limits.Notes, Multiline = true)] string? Observacoes = null);

public sealed record ObraInput(
    [Fixed] Guid? ClienteId,
    [Mandatory, Text(Limits.Name)] string? Nome,
    [Text(Limits.Address)] string? Endereco = null,
    [Text(Limits.City)] string? Cidade = null,
    [Text(Limits.State)] string? Estado = null,
    [Text(Limits.Cep)] string? Cep = null,
    [Amount(9, 6)] decimal? Latitude = null,
    [Amount(9, 6)] decimal? Longitude = null,
    [Text(Limits.Notes, Multiline = true)] string? Observacoes = null,
    bool? Ativa = null);

public sealed record ProdutoInput(
    [Text(Limits.Code)] string? Codigo,
    [Mandatory, Text(Limits.Name)] string? Nome,
    [Mandatory, Text(Limits.Word)] string? Unidade,
    [Mandatory, Amount(12, 2)] decimal? PrecoBase,
    [Text(Limits.Notes, Multiline = true)] string? Descricao = null,
    [Amount(12, 3)] decimal? PesoKg = null,
    bool? Ativo = null);

public sealed record ItemInput(
    [Mandatory] Guid? ProdutoId,
    [Mandatory, Amount(12, 3)] decimal? Quantidade,
    [Amount(12, 2)] decimal? PrecoUnitario = null,
    [Amount(5, 2)] decimal? DescontoPercentual = null,
    [Text(Limits.Reason, Multiline = true)] string? Observacoes = null);

/// <summary>
/// A quote's header and items. On update, <c>obra_id</c> left out keeps the stored site and <c>null</c> removes it;
/// the customer never changes (a quote for someone else is another quote).
/// </summary>
public sealed record CotacaoInput(
    [Fixed] Guid? ClienteId,
    [Mandatory] IReadOnlyList<ItemInput>? Itens,
    [Amount(5, 2)] decimal? DescontoPercentual = null,
    [Text(Limits.Notes, Multiline = true)] string? Observacoes = null,
    int? ValidadeDias = null,
    int? Versao = null)
{
    readonly Guid? _obraId;

    public Guid? ObraId
    {
        get => _obraId;
        init { _obraId = value; ObraIdSent = true; }
    }

    /// <summary>Whether the request named <c>obra_id</c> at all (JSON calls the setter only for properties it contains).</summary>
    [JsonIgnore]
    public bool ObraIdSent { get; private init; }
}

public sealed record PedidoInput(
    [Mandatory] Guid? ClienteId,
    [Mandatory] IReadOnlyList<ItemInput>? Itens,
    Guid? ObraId = null,
    [Amount(5, 2)] decimal? DescontoPercentual = null,
    [Text(Limits.Notes, Multiline = true)] string? Observacoes = null);

public sealed record StatusInput(
    [Mandatory, Text(Limits.Word)] string? Status,
    [Text(Limits.Reason, Multiline = true)] string? Motivo = null);

public sealed record CancelamentoInput([Text(Limits.Reason, Multiline = true)] string? Motivo = null);

/// <summary>An order's notes, the only thing of an order that changes after it is created.</summary>
public sealed record PedidoNotesInput([Text(Limits.Notes, Multiline = true)] string? Observacoes);

public sealed record FornecedorInput(
    [Mandatory, Text(Limits.Name)] string? Nome,
    [Text(Limits.Document), Fixed] string? Documento,
    [Text(Limits.Email)] string? Email = null,
    [Text(Limits.Phone)] string? Telefone = null,
    [Text(Limits.Address)] string? Endereco = null,
    [Text(Limits.City)] string? Cidade = null,
    [Text(Limits.State)] string? Estado = null,
    bool? Ativo = null);

public sealed record PrecoFornecedorInput(
    [Mandatory] Guid? ProdutoId,
    [Mandatory, Amount(12, 2)] decimal? Preco,
    [Amount(12, 3)] decimal? QuantidadeMinima = null,
    int? PrazoPagamento = null,
    int? PrazoEntregaDias = null);

public sealed record EntradaEstoqueInput(
    [Mandatory] Guid? ProdutoId,
    [Mandatory, Amount(12, 3)] decimal? Quantidade,
    Guid? FornecedorId = null,
    [Amount(12, 2)] decimal? CustoUnitario = null,
    [Text(Limits.Reason, Multiline = true)] string? Observacao = null);

public sealed record AjusteEstoqueInput(
    [Mandatory] Guid? ProdutoId,
    [Mandatory, Amount(12, 3)] decimal? Quantidade,
    [Mandatory, Text(Limits.Reason, Multiline = true)] string? Motivo);

/// <summary>A cart to get suggestions for (<c>POST /api/v1/insights/vendas/carrinho</c>): its products, at most 200.</summary>
public sealed record CarrinhoInput([Mandatory] IReadOnlyList<CarrinhoItemInput>? Itens);

public sealed record CarrinhoItemInput([Mandatory] Guid? ProdutoId);

public sealed record OcorrenciaInput(
    [Mandatory, Text(Limits.Word)] string? Tipo,
    [Text(Limits.Notes, Multiline = true)] string? Descricao = null);

public sealed record ComprovanteInput(
    [Mandatory, Text(Limits.Name)] string? RecebedorNome,
    [Text(Limits.Document)] string? RecebedorDocumento = null);

/// <summary>The store's engine settings (<c>PUT /api/v1/configuracoes</c>, and the settings page).</summary>
public sealed record ConfiguracoesInput(
    [Mandatory, Amount(5, 4)] decimal? NivelServico,
    [Mandatory] int? LeadTimeDias,
    [Mandatory, Amount(5, 2)] decimal? EstoqueSegurancaPercentual,
    [Mandatory, Amount(5, 2)] decimal? MargemAlvoPercentual,
    [Mandatory, Amount(5, 2)] decimal? MargemMinimaPercentual,
    [Mandatory, Amount(5, 2)] decimal? MargemMaximaPercentual,
    [Mandatory, Amount(12, 2)] decimal? CustoFixoRota,
    [Mandatory] IReadOnlyList<VeiculoInput>? Veiculos,
    [Amount(9, 6)] decimal? LatitudeLoja = null,
    [Amount(9, 6)] decimal? LongitudeLoja = null,
    int? HoraRecalculoEstoque = null,
    int? HoraAtualizacaoPrecos = null,
    int? HoraPlanejamentoRotas = null,
    [Text(Limits.TimeZone)] string? FusoHorario = null);

public sealed record VeiculoInput(
    [Mandatory, Text(Limits.Name)] string? Nome,
    [Mandatory, Amount(12, 3)] decimal? CapacidadeKg,
    [Mandatory, Amount(12, 2)] decimal? CustoKm);
