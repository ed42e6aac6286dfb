using BaseCommerce.Brazil;
using BaseCommerce.Contracts.Customers;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>Customers (clientes) and their construction sites (obras).</summary>
public sealed class CustomerCommands(ConstructionDb db, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public async Task<Customer> CreateAsync(ClienteInput input, CancellationToken ct)
    {
        InputRules.Check(input, creating: true);
        var customer = new Customer();
        Apply(customer, input, creating: true);
        if (await db.Customers.AnyAsync(c => c.Document == customer.Document, ct))
            throw ProblemException.Conflict($"Já existe um cliente com o documento {FormatDocument(customer.Document)} nesta loja.");
        db.Customers.Add(customer);
        await publish.Publish(new CustomerRegistered(db.Tenant.TenantId, NewId.NextGuid(), clock.GetUtcNow(), actor.CorrelationId,
            customer.Id, customer.Kind, customer.Name, customer.City, customer.State, actor.UserId), ct);
        await SaveAsync(customer.Document, ct);
        return customer;
    }

    /// <summary>Kind and document never change: a different person or company is a different customer (409 when sent otherwise).</summary>
    public async Task<Customer> UpdateAsync(Guid id, ClienteInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw ProblemException.NotFound("Cliente");
        if (input.Tipo?.Trim().ToUpperInvariant() is { } kind && kind != customer.Kind)
            throw ProblemException.Fixed("tipo", $"O tipo do cliente ({customer.Kind}) não muda depois do cadastro; cadastre um novo cliente.");
        var document = customer.Kind == "PF" ? Cpf.Normalize(input.Documento) : Cnpj.Normalize(input.Documento);
        if (input.Documento is not null && document != customer.Document)
            throw ProblemException.Fixed("documento", $"O documento do cliente ({FormatDocument(customer.Document)}) não muda depois do cadastro; cadastre um novo cliente.");
        Apply(customer, input with { Tipo = customer.Kind, Documento = customer.Document }, creating: false);
        customer.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return customer;
    }

    /// <summary>Only a customer without quotes or orders can be deleted (their history must stay); sites go with it.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw ProblemException.NotFound("Cliente");
        if (await db.Quotes.AnyAsync(q => q.CustomerId == id, ct) || await db.Orders.AnyAsync(o => o.CustomerId == id, ct))
            throw ProblemException.Conflict("Este cliente tem cotações ou pedidos e não pode ser excluído.");
        db.Customers.Remove(customer);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Site> CreateSiteAsync(ObraInput input, CancellationToken ct)
    {
        InputRules.Check(input, creating: true);
        if (input.ClienteId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            throw ProblemException.NotFound("Cliente");
        var site = new Site();
        ApplySite(site, input, creating: true);
        db.Sites.Add(site);
        await PublishSiteAsync(site, ct);
        await db.SaveChangesAsync(ct);
        return site;
    }

    public async Task<Site> UpdateSiteAsync(Guid id, ObraInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw ProblemException.NotFound("Obra");
        if (input.ClienteId is { } customer && customer != site.CustomerId)
            throw ProblemException.Fixed("cliente_id", "Uma obra não muda de cliente; cadastre a obra no outro cliente.");
        ApplySite(site, input with { ClienteId = site.CustomerId }, creating: false);
        site.UpdatedAt = clock.GetUtcNow();
        await PublishSiteAsync(site, ct);
        await db.SaveChangesAsync(ct);
        return site;
    }

    /// <summary>Where deliveries go, for the engines (the Delivery engine plans routes by city, CEP and coordinates).</summary>
    Task PublishSiteAsync(Site site, CancellationToken ct) =>
        publish.Publish(new BaseCommerce.Contracts.Sites.SiteRegistered(db.Tenant.TenantId, NewId.NextGuid(), clock.GetUtcNow(), actor.CorrelationId,
            site.Id, site.CustomerId, site.Name, site.Address, site.City, site.State, site.Cep, site.Latitude, site.Longitude, site.Active), ct);

    public async Task DeleteSiteAsync(Guid id, CancellationToken ct)
    {
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw ProblemException.NotFound("Obra");
        if (await db.Quotes.AnyAsync(q => q.SiteId == id, ct) || await db.Orders.AnyAsync(o => o.SiteId == id, ct))
            throw ProblemException.Conflict("Esta obra tem cotações ou pedidos; desative-a em vez de excluir.");
        db.Sites.Remove(site);
        await db.SaveChangesAsync(ct);
    }

    static void Apply(Customer customer, ClienteInput input, bool creating)
    {
        var v = new Validation();
        var kind = input.Tipo?.Trim().ToUpperInvariant();
        v.Check(kind is "PF" or "PJ", "tipo", "Informe o tipo: PF (pessoa física) ou PJ (pessoa jurídica).");
        var document = kind == "PF" ? Cpf.Normalize(input.Documento) : Cnpj.Normalize(input.Documento);
        if (creating)
            v.Check(document is not null, "documento", kind == "PF" ? "CPF inválido: confira os dígitos." : "CNPJ inválido: confira os dígitos.");
        v.Check(!string.IsNullOrWhiteSpace(input.Nome), "nome", "Informe o nome.");
        CheckAddress(v, input.Email, input.Estado, input.Cep, out var state, out var cep);
        v.ThrowIfInvalid();
        customer.Kind = kind!;
        customer.Document = document ?? customer.Document;
        customer.Name = input.Nome!.Trim();
        customer.Email = Text.Clean(input.Email);
        customer.Phone = Text.Clean(input.Telefone);
        customer.Address = Text.Clean(input.Endereco);
        customer.City = Text.Clean(input.Cidade);
        customer.State = state;
        customer.Cep = cep;
        customer.Notes = Text.Clean(input.Observacoes);
    }

    static void ApplySite(Site site, ObraInput input, bool creating)
    {
        var v = new Validation();
        if (creating)
            v.Check(input.ClienteId is not null, "cliente_id", "Informe o cliente da obra.");
        v.Check(!string.IsNullOrWhiteSpace(input.Nome), "nome", "Informe o nome da obra.");
        CheckAddress(v, null, input.Estado, input.Cep, out var state, out var cep);
        v.Check(input.Latitude is null or (>= -90 and <= 90), "latitude", "Latitude fora do intervalo −90 a 90.");
        v.Check(input.Longitude is null or (>= -180 and <= 180), "longitude", "Longitude fora do intervalo −180 a 180.");
        v.ThrowIfInvalid();
        site.CustomerId = input.ClienteId!.Value;
        site.Name = input.Nome!.Trim();
        site.Address = Text.Clean(input.Endereco);
        site.City = Text.Clean(input.Cidade);
        site.State = state;
        site.Cep = cep;
        site.Latitude = input.Latitude;
        site.Longitude = input.Longitude;
        site.Notes = Text.Clean(input.Observacoes);
        site.Active = input.Ativa ?? site.Active;
    }

    static void CheckAddress(Validation v, string? email, string? state, string? cep, out string? normalizedState, out string? normalizedCep)
    {
        v.Check(string.IsNullOrWhiteSpace(email) || email.Contains('@'), "email", "E-mail inválido.");
        normalizedState = string.IsNullOrWhiteSpace(state) ? null : Uf.Normalize(state);
        v.Check(string.IsNullOrWhiteSpace(state) || normalizedState is not null, "estado", "Estado inválido: use a sigla, por exemplo RJ.");
        normalizedCep = string.IsNullOrWhiteSpace(cep) ? null : Cep.Normalize(cep);
        v.Check(string.IsNullOrWhiteSpace(cep) || normalizedCep is not null, "cep", "CEP inválido: use 8 dígitos, por exemplo 27310-000.");
    }

    async Task SaveAsync(string document, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            throw ProblemException.Conflict($"Já existe um cliente com o documento {FormatDocument(document)} nesta loja.");
        }
    }

    public static string FormatDocument(string digits) => digits.Length == 11 ? Cpf.Format(digits) : Cnpj.Format(digits);

}
