using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using MassTransit;
using MassTransit.Clients;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;

/// <summary>
/// The bus seen from a unit of work outside any consumer (an HTTP request, a job): <c>Publish</c> and <c>Send</c>
/// add <see cref="OutboxMessage"/> rows to the scope's DbContext instead of reaching the transport, so they
/// commit or roll back with the business rows. The delivery service sends them after commit.
/// </summary>
sealed class EntityFrameworkScopedBusContext<TDbContext>(IBus bus, TDbContext dbContext, IClientFactory clientFactory,
    IServiceProvider provider) : ScopedBusContext, OutboxSendContext
    where TDbContext : DbContext
{
    readonly BusOutboxWriter _writer = new(dbContext, SystemTextJsonMessageSerializer.Instance, provider);
    IPublishEndpoint? _publishEndpoint;
    ISendEndpointProvider? _sendEndpointProvider;
    IScopedClientFactory? _clientFactory;

    public ISendEndpointProvider SendEndpointProvider => _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, bus);

    public IPublishEndpoint PublishEndpoint => _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, bus));

    public IScopedClientFactory ClientFactory =>
        _clientFactory ??= new ScopedClientFactory(new ClientFactory(new ScopedClientFactoryContext(clientFactory, provider)), null);

    public Task AddSend<T>(SendContext<T> context) where T : class
    {
        _writer.Add(context);
        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => provider.GetService(serviceType);
}
