using BaseCommerce.Contracts.Catalog;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>The catalogue. Every change is published (a base price change is also kept in the price history), in one transaction.</summary>
public sealed class ProductCommands(ConstructionDb db, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Units = ["UN", "KG", "M", "M2", "M3", "SAC", "L", "CX", "PC", "TON", "MIL"];

    public async Task<Product> CreateAsync(ProdutoInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var product = new Product();
        Apply(product, input);
        await EnsureCodeFreeAsync(product.Code, null, ct);
        db.Products.Add(product);
        await publish.Publish(new ProductRegistered(db.Tenant.TenantId, NewId.NextGuid(), clock.GetUtcNow(), actor.CorrelationId,
            product.Id, product.Code, product.Name, product.Unit, product.BasePrice, product.WeightKg, actor.UserId), ct);
        await SaveAsync(product.Code, ct);
        return product;
    }

    public async Task<Product> UpdateAsync(Guid id, ProdutoInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw ProblemException.NotFound("Produto");
        var oldPrice = product.BasePrice;
        Apply(product, input);
        await EnsureCodeFreeAsync(product.Code, id, ct);
        product.UpdatedAt = clock.GetUtcNow();
        if (product.BasePrice != oldPrice)
        {
            db.PriceChanges.Add(new PriceChange { ProductId = id, OldPrice = oldPrice, NewPrice = product.BasePrice, ChangedBy = actor.UserId, CreatedAt = product.UpdatedAt });
            await publish.Publish(new ProductPriceUpdated(db.Tenant.TenantId, NewId.NextGuid(), clock.GetUtcNow(), actor.CorrelationId,
                id, oldPrice, product.BasePrice, actor.UserId), ct);
        }
        await PublishUpdatedAsync(product, ct);
        await SaveAsync(product.Code, ct);
        return product;
    }

    /// <summary>Products are never deleted (quotes and orders refer to them): they are deactivated.</summary>
    public async Task DeactivateAsync(Guid id, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw ProblemException.NotFound("Produto");
        product.Active = false;
        product.UpdatedAt = clock.GetUtcNow();
        await PublishUpdatedAsync(product, ct);
        await db.SaveChangesAsync(ct);
    }

    Task PublishUpdatedAsync(Product product, CancellationToken ct) =>
        publish.Publish(new ProductUpdated(db.Tenant.TenantId, NewId.NextGuid(), clock.GetUtcNow(), actor.CorrelationId, product.Id, product.Code,
            product.Name, product.Unit, product.BasePrice, product.WeightKg, product.Active, actor.UserId), ct);

    static void Apply(Product product, ProdutoInput input)
    {
        var unit = input.Unidade?.Trim().ToUpperInvariant();
        new Validation()
            .Check(!string.IsNullOrWhiteSpace(input.Nome), "nome", "Informe o nome do produto.")
            .Check(unit is not null && Units.Contains(unit), "unidade", $"Unidade inválida: use {string.Join(", ", Units)}.")
            .Check(input.PrecoBase is >= 0, "preco_base", "Informe um preço base de zero ou mais.")
            .Check(input.PesoKg is null or >= 0, "peso_kg", "O peso não pode ser negativo.")
            .Check(input.Codigo is null || input.Codigo.Trim().Length > 0, "codigo", "O código não pode ficar em branco.")
            .ThrowIfInvalid();
        product.Code = Text.Clean(input.Codigo);
        product.Name = input.Nome!.Trim();
        product.Description = Text.Clean(input.Descricao);
        product.Unit = unit!;
        product.BasePrice = input.PrecoBase!.Value;
        product.WeightKg = input.PesoKg;
        product.Active = input.Ativo ?? product.Active;
    }

    async Task EnsureCodeFreeAsync(string? code, Guid? except, CancellationToken ct)
    {
        if (code is not null && await db.Products.AnyAsync(p => p.Code == code && p.Id != except, ct))
            throw ProblemException.Conflict($"Já existe um produto com o código '{code}' nesta loja.");
    }

    async Task SaveAsync(string? code, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            throw ProblemException.Conflict($"Já existe um produto com o código '{code}' nesta loja.");
        }
    }
}
