using BaseCommerce.Tenancy;
using MassTransit;

namespace BaseCommerce.Messaging.Tenancy;

/// <summary>
/// Stamps the tenant of the current scope on every message sent. A header already present is kept from a platform scope
/// (the outbox's delivery service re-sends stored messages, whose tenant is the one they were written with); from a
/// tenant's scope it must name that tenant, or the send fails: code acting for one store never speaks as another.
/// </summary>
public sealed class TenantSendFilter<T>(TenantContext tenant) : IFilter<SendContext<T>> where T : class
{
    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        TenantStamp.Apply(context, tenant);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenantStamp");
}

/// <summary>The same stamp on published messages.</summary>
public sealed class TenantPublishFilter<T>(TenantContext tenant) : IFilter<PublishContext<T>> where T : class
{
    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        TenantStamp.Apply(context, tenant);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenantStamp");
}

internal static class TenantStamp
{
    public static void Apply(SendContext context, TenantContext tenant)
    {
        if (tenant.Tenant is not { } current)
            return;
        if (context.Headers.TryGetHeader(TenantHeaders.TenantId, out _))
        {
            Verify(context, tenant);
            return;
        }
        context.Headers.Set(TenantHeaders.TenantId, current.Id.ToString("D"));
        context.Headers.Set(TenantHeaders.TenantSlug, current.Slug);
    }

    /// <summary>
    /// From a tenant's scope, a message must carry that tenant's header. Checked again as the message becomes an outbox row,
    /// after the caller's own pipe, which runs after the stamp and could have replaced the header.
    /// </summary>
    public static void Verify(SendContext context, TenantContext tenant)
    {
        if (tenant.Tenant is not { } current)
            return;
        var stamped = context.Headers.Get<string>(TenantHeaders.TenantId);
        if (!Guid.TryParse(stamped, out var id) || id != current.Id)
            throw new MessageTenantException(
                $"A message sent as store {current.Slug} carries the tenant header '{stamped}': a store's code cannot send as another store.");
    }
}
