namespace BaseCommerce.Verticals.Construction.Domain;

// What the API (and the web UI) accept. Property names are the original's Portuguese wire names in snake_case
// (DescontoPercentual → desconto_percentual); decimals may be sent as JSON numbers or strings.

public sealed record ClienteInput(string? Tipo, string? Nome, string? Documento, string? Email = null, string? Telefone = null,
    string? Endereco = null, string? Cidade = null, string? Estado = null, string? Cep = null, string? Observacoes = null);

public sealed record ObraInput(Guid? ClienteId, string? Nome, string? Endereco = null, string? Cidade = null, string? Estado = null,
    string? Cep = null, decimal? Latitude = null, decimal? Longitude = null, string? Observacoes = null, bool? Ativa = null);

public sealed record ProdutoInput(string? Codigo, string? Nome, string? Unidade, decimal? PrecoBase, string? Descricao = null,
    decimal? PesoKg = null, bool? Ativo = null);

public sealed record ItemInput(Guid? ProdutoId, decimal? Quantidade, decimal? PrecoUnitario = null, decimal? DescontoPercentual = null,
    string? Observacoes = null);

public sealed record CotacaoInput(Guid? ClienteId, Guid? ObraId, IReadOnlyList<ItemInput>? Itens, decimal? DescontoPercentual = null,
    string? Observacoes = null, int? ValidadeDias = null, int? Versao = null);

public sealed record PedidoInput(Guid? ClienteId, Guid? ObraId, IReadOnlyList<ItemInput>? Itens, decimal? DescontoPercentual = null,
    string? Observacoes = null);

public sealed record StatusInput(string? Status, string? Motivo = null);

public sealed record FornecedorInput(string? Nome, string? Documento, string? Email = null, string? Telefone = null, string? Endereco = null,
    string? Cidade = null, string? Estado = null, bool? Ativo = null);

public sealed record PrecoFornecedorInput(Guid? ProdutoId, decimal? Preco, decimal? QuantidadeMinima = null, int? PrazoPagamento = null,
    int? PrazoEntregaDias = null);

public sealed record EntradaEstoqueInput(Guid? ProdutoId, decimal? Quantidade, Guid? FornecedorId = null, decimal? CustoUnitario = null,
    string? Observacao = null);

public sealed record AjusteEstoqueInput(Guid? ProdutoId, decimal? Quantidade, string? Motivo);
