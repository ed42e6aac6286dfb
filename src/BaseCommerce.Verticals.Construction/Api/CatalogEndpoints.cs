
namespace BaseCommerce.Verticals.Construction.Api;

/// <summary><c>/api/v1/clientes</c>, <c>/api/v1/obras</c> and <c>/api/v1/produtos</c>.</summary>
public static class CatalogEndpoints
{
    public static void MapCatalog(this RouteGroupBuilder api)
    {
        var clientes = api.MapGroup("/clientes").WithTags("clientes");
        clientes.MapGet("/", (HttpContext http, ConstructionDb db, int? skip, int? limit, string? search, CancellationToken ct) =>
        {
            var query = db.Customers.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(search))
            {
                query = query.Matching(SearchTerm.Of(search), email: true);
            }
            return Paging.PageAsync(http, query.OrderBy(c => c.Name).ThenBy(c => c.Id), skip, limit, Responses.Of, ct);
        }).RequireAuthorization(Permissions.Read);
        clientes.MapGet("/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            Responses.Of(await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw ProblemException.NotFound("Cliente")))
            .RequireAuthorization(Permissions.Read);
        clientes.MapPost("/", async (ClienteInput input, CustomerCommands commands, CancellationToken ct) =>
        {
            var customer = await commands.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/clientes/{customer.Id}", Responses.Of(customer));
        }).RequireAuthorization(Permissions.ManageCustomers);
        clientes.MapPut("/{id:guid}", async (Guid id, ClienteInput input, CustomerCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.UpdateAsync(id, input, ct))).RequireAuthorization(Permissions.ManageCustomers);
        clientes.MapDelete("/{id:guid}", async (Guid id, CustomerCommands commands, CancellationToken ct) =>
        {
            await commands.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.DeleteCustomers);

        var obras = api.MapGroup("/obras").WithTags("obras");
        obras.MapGet("/", (HttpContext http, ConstructionDb db, Guid? cliente_id, int? skip, int? limit, CancellationToken ct) =>
        {
            var query = db.Sites.AsNoTracking();
            if (cliente_id is { } customer)
                query = query.Where(s => s.CustomerId == customer);
            return Paging.PageAsync(http, query.OrderBy(s => s.Name).ThenBy(s => s.Id), skip, limit, Responses.Of, ct);
        }).RequireAuthorization(Permissions.Read);
        obras.MapGet("/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            Responses.Of(await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw ProblemException.NotFound("Obra")))
            .RequireAuthorization(Permissions.Read);
        obras.MapPost("/", async (ObraInput input, CustomerCommands commands, CancellationToken ct) =>
        {
            var site = await commands.CreateSiteAsync(input, ct);
            return TypedResults.Created($"/api/v1/obras/{site.Id}", Responses.Of(site));
        }).RequireAuthorization(Permissions.ManageCustomers);
        obras.MapPut("/{id:guid}", async (Guid id, ObraInput input, CustomerCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.UpdateSiteAsync(id, input, ct))).RequireAuthorization(Permissions.ManageCustomers);
        obras.MapDelete("/{id:guid}", async (Guid id, CustomerCommands commands, CancellationToken ct) =>
        {
            await commands.DeleteSiteAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.DeleteCustomers);

        var produtos = api.MapGroup("/produtos").WithTags("produtos");
        produtos.MapGet("/", (HttpContext http, ConstructionDb db, int? skip, int? limit, string? search, bool? ativo, CancellationToken ct) =>
        {
            var query = db.Products.AsNoTracking();
            if (ativo is { } active)
                query = query.Where(p => p.Active == active);
            if (!string.IsNullOrWhiteSpace(search))
            {
                query = query.Matching(SearchTerm.Of(search), description: true);
            }
            return Paging.PageAsync(http, query.OrderBy(p => p.Name).ThenBy(p => p.Id), skip, limit, Responses.Of, ct);
        }).RequireAuthorization(Permissions.Read);
        produtos.MapGet("/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            Responses.Of(await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw ProblemException.NotFound("Produto")))
            .RequireAuthorization(Permissions.Read);
        produtos.MapGet("/{id:guid}/historico-precos", async (Guid id, ConstructionDb db, CancellationToken ct) =>
        {
            if (!await db.Products.AnyAsync(p => p.Id == id, ct))
                throw ProblemException.NotFound("Produto");
            var changes = await db.PriceChanges.AsNoTracking().Where(c => c.ProductId == id).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
            return changes.Select(Responses.Of).ToList();
        }).RequireAuthorization(Permissions.Read);
        produtos.MapPost("/", async (ProdutoInput input, ProductCommands commands, CancellationToken ct) =>
        {
            var product = await commands.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/produtos/{product.Id}", Responses.Of(product));
        }).RequireAuthorization(Permissions.ManageProducts);
        produtos.MapPut("/{id:guid}", async (Guid id, ProdutoInput input, ProductCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.UpdateAsync(id, input, ct))).RequireAuthorization(Permissions.ManageProducts);
        produtos.MapDelete("/{id:guid}", async (Guid id, ProductCommands commands, CancellationToken ct) =>
        {
            await commands.DeactivateAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.ManageProducts);
    }
}
