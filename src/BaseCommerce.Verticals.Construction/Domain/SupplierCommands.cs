using BaseCommerce.Brazil;
using BaseCommerce.Contracts.Suppliers;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>Suppliers and their price lists: a new price keeps the previous one as history and is published.</summary>
public sealed class SupplierCommands(ConstructionDb db, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public async Task<Supplier> CreateAsync(FornecedorInput input, CancellationToken ct)
    {
        InputRules.Check(input, creating: true);
        var supplier = new Supplier();
        Apply(supplier, input, creating: true);
        if (await db.Suppliers.AnyAsync(s => s.Document == supplier.Document, ct))
            throw Duplicate(supplier.Document);
        db.Suppliers.Add(supplier);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            throw Duplicate(supplier.Document);
        }
        return supplier;
    }

    public async Task<Supplier> UpdateAsync(Guid id, FornecedorInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var supplier = await db.Suppliers.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw ProblemException.NotFound("Fornecedor");
        if (input.Documento is not null && Cnpj.Normalize(input.Documento) != supplier.Document)
            throw ProblemException.Fixed("documento", $"O CNPJ do fornecedor ({Cnpj.Format(supplier.Document)}) não muda depois do cadastro; cadastre um novo fornecedor.");
        Apply(supplier, input with { Documento = supplier.Document }, creating: false);
        supplier.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return supplier;
    }

    /// <summary>Registers the supplier's current price for a product; the previous one stays as history (valid = false).</summary>
    public async Task<SupplierPrice> RegisterPriceAsync(Guid supplierId, PrecoFornecedorInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        new Validation()
            .Check(input.Preco is > 0, "preco", "O preço deve ser maior que zero.")
            .Check(input.QuantidadeMinima is null or > 0, "quantidade_minima", "A quantidade mínima deve ser maior que zero.")
            .Check(input.PrazoPagamento is null or (>= 0 and <= 365), "prazo_pagamento", "O prazo de pagamento fica entre 0 e 365 dias.")
            .Check(input.PrazoEntregaDias is null or (>= 0 and <= 365), "prazo_entrega_dias", "O prazo de entrega fica entre 0 e 365 dias.")
            .ThrowIfInvalid();
        var supplier = await db.Suppliers.SingleOrDefaultAsync(s => s.Id == supplierId, ct) ?? throw ProblemException.NotFound("Fornecedor");
        if (!supplier.Active)
            throw ProblemException.Conflict("Fornecedor inativo: reative-o antes de registrar preços.");
        if (!await db.Products.AnyAsync(p => p.Id == input.ProdutoId, ct))
            throw ProblemException.NotFound("Produto");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Locks the current row, so two registrations for the same supplier and product queue instead of both keeping a valid row.
        var previous = await db.SupplierPrices
            .FromSql($"SELECT * FROM construction.fornecedor_precos WHERE supplier_id = {supplierId} AND product_id = {input.ProdutoId} AND valid FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (previous is not null)
        {
            previous.Valid = false;
            await db.SaveChangesAsync(ct); // the partial unique index allows the new valid row only once the old one is history
        }
        var now = clock.GetUtcNow();
        var price = new SupplierPrice
        {
            SupplierId = supplierId, ProductId = input.ProdutoId!.Value, Price = input.Preco!.Value, MinimumQuantity = input.QuantidadeMinima,
            PaymentTermDays = input.PrazoPagamento, LeadTimeDays = input.PrazoEntregaDias, RegisteredBy = actor.UserId, CreatedAt = now,
        };
        db.SupplierPrices.Add(price);
        await publish.Publish(new SupplierPriceRegistered(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, supplierId, price.ProductId,
            price.Price, previous?.Price, price.MinimumQuantity, price.PaymentTermDays, actor.UserId), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return price;
    }

    static void Apply(Supplier supplier, FornecedorInput input, bool creating)
    {
        var v = new Validation();
        var document = Cnpj.Normalize(input.Documento);
        if (creating)
            v.Check(document is not null, "documento", "CNPJ inválido: confira os dígitos.");
        v.Check(!string.IsNullOrWhiteSpace(input.Nome), "nome", "Informe o nome do fornecedor.");
        v.Check(string.IsNullOrWhiteSpace(input.Email) || input.Email.Contains('@'), "email", "E-mail inválido.");
        var state = string.IsNullOrWhiteSpace(input.Estado) ? null : Uf.Normalize(input.Estado);
        v.Check(string.IsNullOrWhiteSpace(input.Estado) || state is not null, "estado", "Estado inválido: use a sigla, por exemplo RJ.");
        v.ThrowIfInvalid();
        supplier.Document = document ?? supplier.Document;
        supplier.Name = input.Nome!.Trim();
        supplier.Email = Text.Clean(input.Email);
        supplier.Phone = Text.Clean(input.Telefone);
        supplier.Address = Text.Clean(input.Endereco);
        supplier.City = Text.Clean(input.Cidade);
        supplier.State = state;
        supplier.Active = input.Ativo ?? supplier.Active;
    }

    static ProblemException Duplicate(string document) =>
        ProblemException.Conflict($"Já existe um fornecedor com o CNPJ {Cnpj.Format(document)} nesta loja.");

}
