using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;

/// <summary>
/// Replaces MassTransit's scoped bus context: inside a consumer the consume context is used as usual (the
/// consumer's inbox/outbox, when configured, then captures its messages); anywhere else the bus outbox is.
/// </summary>
sealed class EntityFrameworkScopedBusContextProvider<TDbContext> : IScopedBusContextProvider<IBus>
    where TDbContext : DbContext
{
    public EntityFrameworkScopedBusContextProvider(IBus bus, TDbContext dbContext, IClientFactory clientFactory,
        IScopedConsumeContextProvider consumeContextProvider, IServiceProvider provider)
    {
        Context = consumeContextProvider.HasContext
            ? new ConsumeContextScopedBusContext(consumeContextProvider.GetContext(), clientFactory)
            : new EntityFrameworkScopedBusContext<TDbContext>(bus, dbContext, clientFactory, provider);
    }

    public ScopedBusContext Context { get; }
}
