using BaseCommerce.Brazil;
using System.Text.Json;
using System.Text.RegularExpressions;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Accounts.Admin;

/// <summary>What a new store is registered with. Colours are <c>#rrggbb</c>; the CNPJ may carry punctuation.</summary>
public sealed record NewStore(string Slug, string Name, string Cnpj, string? ContactName = null, string? ContactEmail = null,
    string? ContactPhone = null, string? LogoUrl = null, string? PrimaryColor = null, string? SecondaryColor = null,
    IReadOnlyDictionary<string, bool>? Features = null);

/// <summary>Registers stores and turns them on and off. Stores are platform data: this runs as the platform.</summary>
public sealed partial class StoreAdmin(IdentityDb db)
{
    /// <summary>Subdomains the platform keeps for itself or that would mislead customers.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "www", "api", "app", "auth", "login", "logout", "admin", "ops", "status", "docs", "help", "ajuda", "suporte",
        "support", "mail", "email", "smtp", "ftp", "cdn", "static", "assets", "web", "blog", "dev", "staging", "test",
        "root", "system", "sistema", "localhost", "basecommerce", "billing", "conta", "contas", "painel", "dashboard",
    };

    public async Task<Store> CreateAsync(NewStore request, CancellationToken ct = default)
    {
        var slug = (request.Slug ?? "").Trim().ToLowerInvariant();
        if (!TenantSlug.IsValid(slug))
            throw new AccountsException($"Identificador '{request.Slug}' inválido: use de 3 a 63 letras minúsculas, números ou hífens (sem hífen no início ou no fim).");
        if (ReservedSlugs.Contains(slug))
            throw new AccountsException($"O identificador '{slug}' é reservado pela plataforma; escolha outro.");
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new AccountsException("Informe o nome da loja.");
        var cnpj = Cnpj.Normalize(request.Cnpj)
            ?? throw new AccountsException($"CNPJ '{request.Cnpj}' inválido: confira os 14 dígitos e os dígitos verificadores.");
        if (request.ContactEmail is { Length: > 0 } email && !email.Contains('@'))
            throw new AccountsException($"E-mail de contato '{email}' inválido.");
        if (request.LogoUrl is { Length: > 0 } logo && !(Uri.TryCreate(logo, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            throw new AccountsException($"Endereço do logotipo '{logo}' inválido: use uma URL http(s) completa.");

        var store = new Store
        {
            Id = Guid.NewGuid(),
            Slug = slug,
            Name = request.Name.Trim(),
            Cnpj = cnpj,
            ContactName = request.ContactName?.Trim(),
            ContactEmail = request.ContactEmail?.Trim(),
            ContactPhone = request.ContactPhone?.Trim(),
            LogoUrl = request.LogoUrl?.Trim(),
            PrimaryColor = Colour(request.PrimaryColor, "#1f4e79"),
            SecondaryColor = Colour(request.SecondaryColor, "#f2a900"),
            Features = JsonSerializer.SerializeToDocument(request.Features ?? new Dictionary<string, bool>()),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        if (await db.Stores.AnyAsync(s => s.Slug == slug, ct))
            throw new AccountsException($"Já existe uma loja com o identificador '{slug}'.");
        if (await db.Stores.AnyAsync(s => s.Cnpj == cnpj, ct))
            throw new AccountsException($"Já existe uma loja com o CNPJ {Cnpj.Format(cnpj)}.");
        db.Stores.Add(store);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            throw new AccountsException($"Já existe uma loja com o identificador '{slug}' ou com o CNPJ {Cnpj.Format(cnpj)}.");
        }
        return store;
    }

    public Task<List<Store>> ListAsync(CancellationToken ct = default) =>
        db.Stores.AsNoTracking().OrderBy(s => s.Slug).ToListAsync(ct);

    public async Task<Store> FindAsync(string slug, CancellationToken ct = default) =>
        await db.Stores.SingleOrDefaultAsync(s => s.Slug == slug.Trim().ToLowerInvariant(), ct)
        ?? throw new AccountsException($"A loja '{slug}' não existe.");

    /// <summary>Turns a store off or on. Services stop serving it within the tenant directory's cache time (30 s).</summary>
    public async Task<Store> SetActiveAsync(string slug, bool active, CancellationToken ct = default)
    {
        var store = await FindAsync(slug, ct);
        store.Active = active;
        store.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return store;
    }

    public static TenantInfo ToTenant(Store store) => new(store.Id, store.Slug, store.Name, store.Active);

    static string Colour(string? value, string fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        var colour = value.Trim().ToLowerInvariant();
        return ColourPattern().IsMatch(colour) ? colour : throw new AccountsException($"Cor '{value}' inválida: use o formato #rrggbb.");
    }

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex ColourPattern();
}
