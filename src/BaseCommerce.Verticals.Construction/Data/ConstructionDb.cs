using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Verticals.Construction.Data;

/// <summary>The <c>construction</c> schema, every table tenant-owned, plus the outbox tables its events go through.</summary>
public sealed class ConstructionDb(DbContextOptions<ConstructionDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<PriceChange> PriceChanges => Set<PriceChange>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<QuoteItem> QuoteItems => Set<QuoteItem>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<Supplier> Suppliers => Set<Supplier>();
    public DbSet<SupplierPrice> SupplierPrices => Set<SupplierPrice>();
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryOccurrence> DeliveryOccurrences => Set<DeliveryOccurrence>();
    public DbSet<Insights.StockAlertView> StockAlerts => Set<Insights.StockAlertView>();
    public DbSet<Insights.ReplenishmentView> Replenishments => Set<Insights.ReplenishmentView>();
    public DbSet<Insights.ProductStockView> ProductStock => Set<Insights.ProductStockView>();
    public DbSet<Insights.AbcView> AbcClasses => Set<Insights.AbcView>();
    public DbSet<Insights.SuggestionView> SalesSuggestions => Set<Insights.SuggestionView>();
    public DbSet<Insights.PriceComparisonView> PriceComparisons => Set<Insights.PriceComparisonView>();
    public DbSet<Insights.BestSupplierView> BestSuppliers => Set<Insights.BestSupplierView>();
    public DbSet<Insights.SuggestedPriceView> SuggestedPrices => Set<Insights.SuggestedPriceView>();
    public DbSet<Insights.PriceAlertView> PriceAlerts => Set<Insights.PriceAlertView>();
    public DbSet<Insights.RouteView> StoredRoutes => Set<Insights.RouteView>();
    public DbSet<Insights.StoreSettingsRow> StoreSettings => Set<Insights.StoreSettingsRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Customer>().ToTable("clientes", "construction");
        model.Entity<Site>().ToTable("obras", "construction");
        model.Entity<Product>().ToTable("produtos", "construction");
        model.Entity<PriceChange>().ToTable("historico_precos", "construction");
        model.Entity<Quote>(e =>
        {
            e.ToTable("cotacoes", "construction");
            e.Property(q => q.Version).IsConcurrencyToken();
            e.HasMany(q => q.Items).WithOne().HasForeignKey(i => i.QuoteId);
        });
        model.Entity<QuoteItem>().ToTable("cotacao_itens", "construction");
        model.Entity<Order>(e =>
        {
            e.ToTable("pedidos", "construction");
            e.Property(o => o.Version).IsConcurrencyToken();
            e.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId);
        });
        model.Entity<OrderItem>().ToTable("pedido_itens", "construction");
        model.Entity<Supplier>().ToTable("fornecedores", "construction");
        model.Entity<SupplierPrice>().ToTable("fornecedor_precos", "construction");
        model.Entity<StockLevel>(e => { e.ToTable("estoque", "construction"); e.HasKey(s => new { s.TenantId, s.ProductId }); });
        model.Entity<StockMovement>().ToTable("movimentos_estoque", "construction");
        model.Entity<Delivery>(e =>
        {
            e.ToTable("entregas", "construction");
            e.HasMany(d => d.Items).WithOne().HasForeignKey(i => i.DeliveryId);
        });
        model.Entity<DeliveryOccurrence>().ToTable("entrega_ocorrencias", "construction");
        model.Entity<DeliveryItem>(e => { e.ToTable("entrega_itens", "construction"); e.HasKey(i => new { i.TenantId, i.DeliveryId, i.ProductId }); });
        model.Entity<Insights.StockAlertView>().ToTable("insight_alertas_estoque", "construction");
        model.Entity<Insights.ReplenishmentView>(e => { e.ToTable("insight_reposicao", "construction"); e.HasKey(r => new { r.TenantId, r.ProductId }); });
        model.Entity<Insights.ProductStockView>(e => { e.ToTable("insight_produtos_estoque", "construction"); e.HasKey(r => new { r.TenantId, r.ProductId }); });
        model.Entity<Insights.AbcView>(e => { e.ToTable("insight_abc", "construction"); e.HasKey(r => new { r.TenantId, r.ProductId }); });
        model.Entity<Insights.SuggestionView>(e =>
        {
            e.ToTable("insight_sugestoes", "construction");
            e.HasKey(r => new { r.TenantId, r.Kind, r.OwnerId, r.Position });
        });
        model.Entity<Insights.PriceComparisonView>(e =>
        {
            e.ToTable("insight_comparacao_precos", "construction");
            e.HasKey(r => new { r.TenantId, r.ProductId });
            e.Property(r => r.Quotes).HasColumnType("jsonb");
        });
        model.Entity<Insights.BestSupplierView>(e => { e.ToTable("insight_melhor_fornecedor", "construction"); e.HasKey(r => new { r.TenantId, r.ProductId }); });
        model.Entity<Insights.SuggestedPriceView>(e => { e.ToTable("insight_preco_sugerido", "construction"); e.HasKey(r => new { r.TenantId, r.ProductId }); });
        model.Entity<Insights.PriceAlertView>().ToTable("insight_alertas_preco", "construction");
        model.Entity<Insights.RouteView>(e => { e.ToTable("insight_rotas", "construction"); e.Property(r => r.Stops).HasColumnType("jsonb"); });
        model.Entity<Insights.StoreSettingsRow>(e =>
        {
            e.ToTable("configuracoes_loja", "construction");
            e.HasKey(r => r.TenantId);
            e.Property(r => r.Vehicles).HasColumnType("jsonb");
        });
        model.Entity<Web.WizardRow>(e => { e.ToTable("assistentes_cotacao", "construction"); e.Property(w => w.State).HasColumnType("jsonb"); });
        // Ids are made by the code (Guid.NewGuid), never by the database: a new line reached through a navigation is an insert.
        foreach (var entity in model.Model.GetEntityTypes())
            foreach (var key in entity.FindPrimaryKey()?.Properties ?? [])
                if (key.ClrType == typeof(Guid))
                    key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        model.AddTransactionalOutboxEntities();
        base.OnModelCreating(model);
        SnakeCaseNames.Apply(model);
    }
}
