using BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;
using BaseCommerce.Messaging.EntityFrameworkCore.Inbox;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BaseCommerce.Messaging.EntityFrameworkCore;

/// <summary>
/// Registration in MassTransit's own terms, as MassTransit.EntityFrameworkCore would offer it:
/// <code>
/// x.AddEntityFrameworkOutbox&lt;ShopDb&gt;(o => o.UseBusOutbox());
/// cfg.ReceiveEndpoint("stock", e => { e.UseEntityFrameworkOutbox&lt;ShopDb&gt;(context); ... });
/// </code>
/// The DbContext must map the tables with <c>modelBuilder.AddTransactionalOutboxEntities()</c>.
/// </summary>
public static class EntityFrameworkOutboxConfigurationExtensions
{
    public static void AddEntityFrameworkOutbox<TDbContext>(this IBusRegistrationConfigurator configurator,
        Action<EntityFrameworkOutboxOptions>? configure = null)
        where TDbContext : DbContext
    {
        var options = new EntityFrameworkOutboxOptions();
        configure?.Invoke(options);
        configurator.AddSingleton(options);
        configurator.TryAddScoped<IOutboxContextFactory<TDbContext>, EntityFrameworkOutboxContextFactory<TDbContext>>();

        if (!options.BusOutbox)
            return;
        configurator.RemoveAll<IScopedBusContextProvider<IBus>>();
        configurator.AddScoped<IScopedBusContextProvider<IBus>, EntityFrameworkScopedBusContextProvider<TDbContext>>();
        configurator.RemoveAll<IBusOutboxNotification>();
        configurator.AddSingleton<IBusOutboxNotification, OutboxSignal>();
        configurator.AddSingleton<OutboxCommitNotifier>();
        configurator.ConfigureDbContext<TDbContext>((provider, db) =>
            db.AddInterceptors(provider.GetRequiredService<OutboxCommitNotifier>(), OutboxBulkWriter.Instance));
        if (options.DeliveryService)
            configurator.AddHostedService<OutboxDeliveryService<TDbContext>>();
    }

    /// <summary>Puts every consumer of the endpoint behind the inbox and the consumer outbox of <typeparamref name="TDbContext"/>.</summary>
    public static void UseEntityFrameworkOutbox<TDbContext>(this IReceiveEndpointConfigurator configurator, IRegistrationContext context,
        Action<IOutboxOptionsConfigurator>? configure = null)
        where TDbContext : DbContext
    {
        var observer = new OutboxConsumePipeSpecificationObserver<TDbContext>(configurator, context);
        configure?.Invoke(observer);
        configurator.ConnectConsumerConfigurationObserver(observer);
        configurator.ConnectSagaConfigurationObserver(observer);
    }
}
