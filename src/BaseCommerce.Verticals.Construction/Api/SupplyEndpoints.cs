
namespace BaseCommerce.Verticals.Construction.Api;

/// <summary><c>/api/v1/fornecedores</c> with their prices, and <c>/api/v1/estoque</c>: current levels, receipts, adjustments.</summary>
public static class SupplyEndpoints
{
    public static void MapSupply(this RouteGroupBuilder api)
    {
        var fornecedores = api.MapGroup("/fornecedores").WithTags("fornecedores");
        fornecedores.MapGet("/", (HttpContext http, ConstructionDb db, int? skip, int? limit, string? search, bool? ativo, CancellationToken ct) =>
        {
            var query = db.Suppliers.AsNoTracking();
            if (ativo is { } active) query = query.Where(s => s.Active == active);
            if (!string.IsNullOrWhiteSpace(search))
            {
                var (term, digits) = SearchTerm.Of(search);
                query = query.Where(s => EF.Functions.ILike(s.Name, term) || (digits.Length > 0 && s.Document.Contains(digits)));
            }
            return Paging.PageAsync(http, query.OrderBy(s => s.Name).ThenBy(s => s.Id), skip, limit, Responses.Of, ct);
        }).RequireAuthorization(Permissions.Read);
        fornecedores.MapGet("/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            Responses.Of(await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw ProblemException.NotFound("Fornecedor")))
            .RequireAuthorization(Permissions.Read);
        fornecedores.MapPost("/", async (FornecedorInput input, SupplierCommands commands, CancellationToken ct) =>
        {
            var supplier = await commands.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/fornecedores/{supplier.Id}", Responses.Of(supplier));
        }).RequireAuthorization(Permissions.ManageStock);
        fornecedores.MapPut("/{id:guid}", async (Guid id, FornecedorInput input, SupplierCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.UpdateAsync(id, input, ct))).RequireAuthorization(Permissions.ManageStock);
        fornecedores.MapGet("/{id:guid}/precos", async (Guid id, ConstructionDb db, Guid? produto_id, bool? historico, CancellationToken ct) =>
        {
            if (!await db.Suppliers.AnyAsync(s => s.Id == id, ct))
                throw ProblemException.NotFound("Fornecedor");
            var query = db.SupplierPrices.AsNoTracking().Where(p => p.SupplierId == id);
            if (produto_id is not null) query = query.Where(p => p.ProductId == produto_id);
            if (historico != true) query = query.Where(p => p.Valid);
            return (await query.OrderByDescending(p => p.CreatedAt).Take(Paging.MaxLimit).ToListAsync(ct)).Select(Responses.Of).ToList();
        }).RequireAuthorization(Permissions.Read);
        fornecedores.MapPost("/{id:guid}/precos", async (Guid id, PrecoFornecedorInput input, SupplierCommands commands, CancellationToken ct) =>
        {
            var price = await commands.RegisterPriceAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/fornecedores/{id}/precos", Responses.Of(price));
        }).RequireAuthorization(Permissions.ManageStock);
        api.MapGet("/produtos/{id:guid}/precos-fornecedores", async (Guid id, ConstructionDb db, CancellationToken ct) =>
        {
            if (!await db.Products.AnyAsync(p => p.Id == id, ct))
                throw ProblemException.NotFound("Produto");
            return (await db.SupplierPrices.AsNoTracking().Where(p => p.ProductId == id && p.Valid).OrderBy(p => p.Price).ToListAsync(ct))
                .Select(Responses.Of).ToList();
        }).WithTags("produtos").RequireAuthorization(Permissions.Read);

        var estoque = api.MapGroup("/estoque").WithTags("estoque");
        estoque.MapGet("/", (HttpContext http, ConstructionDb db, int? skip, int? limit, string? search, CancellationToken ct) =>
        {
            var products = db.Products.AsNoTracking().Where(p => p.Active);
            if (!string.IsNullOrWhiteSpace(search))
            {
                products = products.Matching(SearchTerm.Of(search));
            }
            var levels = from p in products
                         join s in db.StockLevels.AsNoTracking() on p.Id equals s.ProductId into stock
                         from s in stock.DefaultIfEmpty()
                         orderby p.Name, p.Id
                         select new { p.Id, p.Code, p.Name, p.Unit, Quantity = s == null ? 0 : s.Quantity, UpdatedAt = s == null ? (DateTimeOffset?)null : s.UpdatedAt };
            return Paging.PageAsync(http, levels, skip, limit,
                l => new EstoqueResponse(l.Id, l.Code, l.Name, l.Unit, Responses.Quantity(l.Quantity), l.UpdatedAt), ct);
        }).RequireAuthorization(Permissions.Read);
        estoque.MapGet("/movimentos", (HttpContext http, ConstructionDb db, Guid? produto_id, int? skip, int? limit, CancellationToken ct) =>
        {
            var query = db.StockMovements.AsNoTracking();
            if (produto_id is not null) query = query.Where(m => m.ProductId == produto_id);
            return Paging.PageAsync(http, query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id), skip, limit, Responses.Of, ct);
        }).RequireAuthorization(Permissions.Read);
        estoque.MapPost("/entradas", async (EntradaEstoqueInput input, StockCommands commands, CancellationToken ct) =>
            TypedResults.Created("/api/v1/estoque/movimentos", Responses.Of(await commands.ReceiveAsync(input, ct)))).RequireAuthorization(Permissions.ManageStock);
        estoque.MapPost("/ajustes", async (AjusteEstoqueInput input, StockCommands commands, CancellationToken ct) =>
            TypedResults.Created("/api/v1/estoque/movimentos", Responses.Of(await commands.AdjustAsync(input, ct)))).RequireAuthorization(Permissions.ManageStock);
    }
}
